class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
            # Left-over debugging: prints the reversed prefix at every step.
            node, vals = prev, []
            while node:
                vals.append(node.val)
                node = node.next
            print("reversed so far:", vals)
        return prev
