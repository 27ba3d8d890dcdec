// A k-way merge (k = 2) with datastructures-js's MinPriorityQueue keyed by node value.
/**
 * @param {ListNode} list1
 * @param {ListNode} list2
 * @return {ListNode}
 */
var mergeTwoLists = function (list1, list2) {
    const heap = new MinPriorityQueue((node) => node.val);
    for (const head of [list1, list2]) if (head) heap.enqueue(head);
    const dummy = new ListNode();
    let tail = dummy;
    while (!heap.isEmpty()) {
        const node = heap.dequeue();
        tail.next = node;
        tail = node;
        if (node.next) heap.enqueue(node.next);
    }
    tail.next = null;
    return dummy.next;
};
