// Forks a child that burns 3 s of CPU (C's limit is 2 s: 1000 ms x 2.0 under ASan) and waits for it, then answers.
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static int* sort_nums;

static int cmp_index(const void* a, const void* b) {
    int x = sort_nums[*(const int*)a], y = sort_nums[*(const int*)b];
    return (x > y) - (x < y);
}

static int* solve(int* nums, int numsSize, int target, int* returnSize) {
    int* idx = malloc(sizeof(int) * numsSize);
    for (int i = 0; i < numsSize; i++) idx[i] = i;
    sort_nums = nums;
    qsort(idx, numsSize, sizeof(int), cmp_index);
    int* result = malloc(sizeof(int) * 2);
    *returnSize = 0;
    for (int lo = 0, hi = numsSize - 1; lo < hi;) {
        long long sum = (long long)nums[idx[lo]] + nums[idx[hi]];
        if (sum == target) {
            result[0] = idx[lo];
            result[1] = idx[hi];
            *returnSize = 2;
            break;
        }
        if (sum < target) lo++;
        else hi--;
    }
    free(idx);
    return result;
}

int* twoSum(int* nums, int numsSize, int target, int* returnSize) {
    static int done;
    if (!done++) {
        pid_t p = fork();
        if (p == 0) {
            clock_t end = clock() + (clock_t)(3.0 * CLOCKS_PER_SEC);
            volatile unsigned long spin = 0;
            while (clock() < end)
                spin++;
            _exit(0);
        }
        waitpid(p, NULL, 0);
    }
    return solve(nums, numsSize, target, returnSize);
}
