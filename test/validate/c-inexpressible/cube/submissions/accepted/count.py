class Solution:
    def cube(self, g: List[List[List[int]]]) -> int:
        return sum(len(row) for plane in g for row in plane)
