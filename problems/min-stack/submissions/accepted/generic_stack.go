type Stack[T any] []T

func (s *Stack[T]) Push(v T) { *s = append(*s, v) }
func (s *Stack[T]) Pop()     { *s = (*s)[:len(*s)-1] }
func (s Stack[T]) Peek() T   { return s[len(s)-1] }

type entry struct{ val, low int }

type MinStack struct {
    st Stack[entry]
}

func Constructor() MinStack {
    return MinStack{}
}

func (this *MinStack) Push(val int) {
    low := val
    if len(this.st) > 0 {
        low = min(low, this.st.Peek().low)
    }
    this.st.Push(entry{val, low})
}

func (this *MinStack) Pop() {
    this.st.Pop()
}

func (this *MinStack) Top() int {
    return this.st.Peek().val
}

func (this *MinStack) GetMin() int {
    return this.st.Peek().low
}

/**
 * Your MinStack object will be instantiated and called as such:
 * obj := Constructor();
 * obj.Push(val);
 * obj.Pop();
 * param_3 := obj.Top();
 * param_4 := obj.GetMin();
 */
