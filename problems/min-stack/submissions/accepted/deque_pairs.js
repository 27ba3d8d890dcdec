// A stack of [value, minimum so far] pairs on datastructures-js's Deque (pushBack/popBack/back).
class MinStack {
    constructor() {
        this.items = new Deque();
    }

    push(val) {
        const min = this.items.isEmpty() ? val : Math.min(val, this.items.back()[1]);
        this.items.pushBack([val, min]);
    }

    pop() {
        this.items.popBack();
    }

    top() {
        return this.items.back()[0];
    }

    getMin() {
        return this.items.back()[1];
    }
}
