/**
 * @param {ListNode} head
 * @return {ListNode}
 */
var reverseList = function(head) {
    // TypeError: Cannot read properties of null (reading 'next') on the empty list.
    if (head.next === null) return head;
    const rest = reverseList(head.next);
    head.next.next = head;
    head.next = null;
    return rest;
};
