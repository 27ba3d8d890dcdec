// Java 21: a sealed interface of records and an exhaustive switch with record patterns.
class Solution {
    sealed interface Cell permits Empty, Digit {}

    record Empty() implements Cell {}

    record Digit(int value) implements Cell {}

    static Cell cell(char c) {
        return c == '.' ? new Empty() : new Digit(c - '0');
    }

    public boolean isValidSudoku(char[][] board) {
        var seen = new HashSet<String>();
        for (var r = 0; r < 9; r++) {
            for (var c = 0; c < 9; c++) {
                switch (cell(board[r][c])) {
                    case Empty e -> {}
                    case Digit(int d) -> {
                        var box = (r / 3) * 3 + c / 3;
                        if (!seen.add("r" + r + ":" + d) || !seen.add("c" + c + ":" + d) || !seen.add("b" + box + ":" + d))
                            return false;
                    }
                }
            }
        }
        return true;
    }
}
