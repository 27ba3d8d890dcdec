// Java 21: a record per entry, ArrayList as a SequencedCollection (addLast, getLast, removeLast).
class MinStack {
    private record Entry(int val, int min) {}

    private final List<Entry> stack = new ArrayList<>();

    public MinStack() {}

    public void push(int val) {
        var min = stack.isEmpty() ? val : Math.min(val, stack.getLast().min());
        stack.addLast(new Entry(val, min));
    }

    public void pop() {
        stack.removeLast();
    }

    public int top() {
        return stack.getLast().val();
    }

    public int getMin() {
        return stack.getLast().min();
    }
}
