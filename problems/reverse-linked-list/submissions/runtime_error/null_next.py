class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        # Assumes at least one node.
        prev, cur = None, head
        while cur.next:
            nxt = cur.next
            cur.next = prev
            prev, cur = cur, nxt
        cur.next = prev
        return cur
