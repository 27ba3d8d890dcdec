/**
 * @param {ListNode} head
 * @return {ListNode}
 */
var reverseList = function(head) {
    if (!head || !head.next) return head;
    const rest = reverseList(head.next);
    head.next.next = head;
    head.next = null;
    return rest;
};
