/* Reads one element past the end of nums (sample 2: i = 0, j = 3). C runs under
 * AddressSanitizer, as on LeetCode (images/c/lang.json, docs/internals.md): the read is a
 * heap-buffer-overflow, a Runtime Error, not a silently wrong or lucky answer. */
int *twoSum(int *nums, int numsSize, int target, int *returnSize) {
        int *answer = malloc(2 * sizeof *answer);
        *returnSize = 2;
        for (int i = 0; i < numsSize; i++)
                for (int j = i + 1; j <= numsSize; j++) /* j == numsSize is out of bounds */
                        if (nums[i] + nums[j] == target) {
                                answer[0] = i;
                                answer[1] = j;
                                return answer;
                        }
        return answer;
}
