/**
 * @param {ListNode} list1
 * @param {ListNode} list2
 * @return {ListNode}
 */
var mergeTwoLists = function(list1, list2) {
    const dummy = new ListNode();
    let tail = dummy;
    while (list1 || list2) {
        if (!list2 || (list1 && list1.val <= list2.val)) {
            tail.next = list1;
            list1 = list1.next;
        } else {
            tail.next = list2; // forgets to advance list2: loops forever
        }
        tail = tail.next;
    }
    return dummy.next;
};
