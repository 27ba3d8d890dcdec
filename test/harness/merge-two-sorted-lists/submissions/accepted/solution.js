var mergeTwoLists = function(list1, list2) {
    const head = new ListNode();
    let tail = head;
    while (list1 && list2) {
        if (list1.val <= list2.val) { tail.next = list1; list1 = list1.next; }
        else { tail.next = list2; list2 = list2.next; }
        tail = tail.next;
    }
    tail.next = list1 || list2;
    return head.next;
};
