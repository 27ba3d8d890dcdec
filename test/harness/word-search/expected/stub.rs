impl Solution {
    pub fn exist(board: Vec<Vec<char>>, word: String) -> bool {
        
    }
}
