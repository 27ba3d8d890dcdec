import "github.com/emirpasic/gods/maps/treemap"

func twoSum(nums []int, target int) []int {
    seen := treemap.NewWithIntComparator()
    for i, x := range nums {
        if j, ok := seen.Get(target - x); ok {
            return []int{j.(int), i}
        }
        seen.Put(x, i)
    }
    return nil
}
