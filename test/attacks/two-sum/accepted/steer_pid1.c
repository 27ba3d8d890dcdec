// Tries to lower the runner's (PID 1) limits and priority; answers wrong if any call worked.
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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
        int bad = 0;
        struct rlimit rl = {3, 3};
        if (syscall(SYS_prlimit64, 1, RLIMIT_NOFILE, &rl, NULL) == 0)
            bad |= 1;
        rl = (struct rlimit){1, 1};
        if (syscall(SYS_prlimit64, 1, RLIMIT_CPU, &rl, NULL) == 0)
            bad |= 2;
        if (setpriority(PRIO_PROCESS, 1, 19) == 0)
            bad |= 4;
        if (setpriority(PRIO_USER, 0, 19) == 0)
            bad |= 8;
        if (setpriority(PRIO_PGRP, 1, 19) == 0)
            bad |= 16;
        unsigned long mask = 1;
        if (syscall(SYS_sched_setaffinity, 1, sizeof(mask), &mask) == 0)
            bad |= 32;
        struct sched_param sp = {0};
        if (syscall(SYS_sched_setscheduler, 1, 5 /* SCHED_IDLE */, &sp) == 0)
            bad |= 64;
        if (syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 1, 3 << 13 /* IDLE */) == 0)
            bad |= 128;
        if (syscall(SYS_ioprio_set, 3 /* IOPRIO_WHO_USER */, 0, 3 << 13) == 0)
            bad |= 256;
        if (bad) {
            int* r = malloc(sizeof(int));
            r[0] = -bad;
            *returnSize = 1;
            return r;
        }
    }
    return solve(nums, numsSize, target, returnSize);
}
