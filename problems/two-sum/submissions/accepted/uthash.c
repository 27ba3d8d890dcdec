/* Today's LeetCode style in C: uthash (preloaded) as a value -> index map, declarations where
 * they are used, compound literals. */
struct seen {
        int value;
        int index;
        UT_hash_handle hh;
};

int *twoSum(int *nums, int numsSize, int target, int *returnSize) {
        struct seen *map = NULL, *pool = malloc((size_t)numsSize * sizeof *pool);
        int *answer = malloc(2 * sizeof *answer);
        *returnSize = 0;
        for (int i = 0; i < numsSize; i++) {
                int want = target - nums[i];
                struct seen *hit;
                HASH_FIND_INT(map, &want, hit);
                if (hit) {
                        memcpy(answer, (int[]){ hit->index, i }, sizeof(int[2]));
                        *returnSize = 2;
                        break;
                }
                HASH_FIND_INT(map, &nums[i], hit);
                if (!hit) { /* the first index of a value is enough */
                        pool[i] = (struct seen){ .value = nums[i], .index = i };
                        HASH_ADD_INT(map, value, &pool[i]);
                }
        }
        HASH_CLEAR(hh, map);
        free(pool);
        return answer;
}
