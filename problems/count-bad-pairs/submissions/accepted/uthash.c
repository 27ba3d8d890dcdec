/* Today's LeetCode style in C: count nums[i] - i with uthash; bad = all pairs - good pairs. */
struct group {
        int key;
        long long count;
        UT_hash_handle hh;
};

long long countBadPairs(int *nums, int numsSize) {
        struct group *groups = NULL;
        long long good = 0;
        for (int i = 0; i < numsSize; i++) {
                int key = nums[i] - i;
                struct group *g;
                HASH_FIND_INT(groups, &key, g);
                if (!g) {
                        g = calloc(1, sizeof *g);
                        g->key = key;
                        HASH_ADD_INT(groups, key, g);
                }
                good += g->count++;
        }
        struct group *g, *tmp;
        HASH_ITER(hh, groups, g, tmp) {
                HASH_DEL(groups, g);
                free(g);
        }
        return (long long)numsSize * (numsSize - 1) / 2 - good;
}
