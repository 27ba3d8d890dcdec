# Today's LeetCode style: itertools.pairwise over sorted digits, generators, no imports.
class Solution:
    def isValidSudoku(self, board: List[List[str]]) -> bool:
        def distinct(cells: Iterable[str]) -> bool:
            digits = sorted(c for c in cells if c != ".")
            return all(a != b for a, b in pairwise(digits))

        rows = all(distinct(row) for row in board)
        cols = all(distinct(col) for col in zip(*board))
        boxes = all(
            distinct(board[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3))
            for br in range(0, 9, 3)
            for bc in range(0, 9, 3)
        )
        return rows and cols and boxes
