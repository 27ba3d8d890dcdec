# Today's LeetCode style: sortedcontainers' SortedList (preloaded) keeps the minimum.
class MinStack:
    def __init__(self):
        self.stack: list[int] = []
        self.sorted = SortedList()

    def push(self, val: int) -> None:
        self.stack.append(val)
        self.sorted.add(val)

    def pop(self) -> None:
        self.sorted.remove(self.stack.pop())

    def top(self) -> int:
        return self.stack[-1]

    def getMin(self) -> int:
        return self.sorted[0]
