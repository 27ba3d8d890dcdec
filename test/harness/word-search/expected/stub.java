class Solution {
    public boolean exist(char[][] board, String word) {
        
    }
}
