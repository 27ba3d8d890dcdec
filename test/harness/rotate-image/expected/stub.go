func rotate(matrix [][]int)  {
    
}
