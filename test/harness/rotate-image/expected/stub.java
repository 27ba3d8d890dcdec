class Solution {
    public void rotate(int[][] matrix) {
        
    }
}
