class LRUCache:

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.values = {}
        self.order = deque()  # least recently used on the left

    def get(self, key: int) -> int:
        # Bug: a miss raises KeyError instead of returning -1.
        value = self.values[key]
        self.order.remove(key)
        self.order.append(key)
        return value

    def put(self, key: int, value: int) -> None:
        if key in self.values:
            self.order.remove(key)
        elif len(self.values) == self.capacity:
            del self.values[self.order.popleft()]
        self.values[key] = value
        self.order.append(key)
