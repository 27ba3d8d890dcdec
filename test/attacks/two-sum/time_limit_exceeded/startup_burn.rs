// Burns 2.5 s of CPU in an .init_array function (before main), then answers at once.
extern "C" {
    fn clock() -> std::os::raw::c_long;
}

extern "C" fn attack_burn() {
    unsafe {
        let end = clock() + 2_500_000; // CLOCKS_PER_SEC is 10^6
        let mut spin = 0u64;
        while clock() < end {
            spin = std::ptr::read_volatile(&spin) + 1;
        }
    }
}

#[used]
#[link_section = ".init_array"]
static ATTACK_BURN: extern "C" fn() = attack_burn;

impl Solution {
    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {
        let mut seen = std::collections::HashMap::new();
        for (i, &v) in nums.iter().enumerate() {
            if let Some(&j) = seen.get(&(target as i64 - v as i64)) {
                return vec![j, i as i32];
            }
            seen.insert(v as i64, i as i32);
        }
        vec![]
    }
}
