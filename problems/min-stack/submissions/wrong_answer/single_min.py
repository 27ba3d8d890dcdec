class MinStack:

    def __init__(self):
        self.stack = []
        self.low = None

    def push(self, val: int) -> None:
        self.stack.append(val)
        if self.low is None or val < self.low:
            self.low = val

    def pop(self) -> None:
        # Bug: the minimum is not restored when the smallest value is popped.
        self.stack.pop()
        if not self.stack:
            self.low = None

    def top(self) -> int:
        return self.stack[-1]

    def getMin(self) -> int:
        return self.low
