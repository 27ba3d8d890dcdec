/**
 * Return an array of arrays of size *returnSize.
 * The sizes of the arrays are returned as *returnColumnSizes array.
 * Note: Both returned array and *columnSizes array must be malloced, assume caller calls free().
 */
static int cmp_char(const void *a, const void *b) { return *(const char *)a - *(const char *)b; }

char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {
    char ***groups = malloc(sizeof(char **) * (strsSize ? strsSize : 1));
    char **keys = malloc(sizeof(char *) * (strsSize ? strsSize : 1));
    int *sizes = malloc(sizeof(int) * (strsSize ? strsSize : 1));
    int n = 0;
    for (int i = 0; i < strsSize; i++) {
        char *key = strdup(strs[i]);
        qsort(key, strlen(key), 1, cmp_char);
        int g = 0;
        while (g < n && strcmp(keys[g], key) != 0) g++;
        if (g == n) {
            keys[n] = key;
            groups[n] = malloc(sizeof(char *) * strsSize);
            sizes[n++] = 0;
        } else {
            free(key);
        }
        groups[g][sizes[g]++] = strs[i];   /* an input string, returned as is */
    }
    for (int a = 1; a < n; a++)   /* groups in the order of their sorted keys */
        for (int b = a; b > 0 && strcmp(keys[b - 1], keys[b]) > 0; b--) {
            char *k = keys[b]; keys[b] = keys[b - 1]; keys[b - 1] = k;
            char **t = groups[b]; groups[b] = groups[b - 1]; groups[b - 1] = t;
            int z = sizes[b]; sizes[b] = sizes[b - 1]; sizes[b - 1] = z;
        }
    for (int g = 0; g < n; g++) free(keys[g]);
    free(keys);
    *returnSize = n;
    *returnColumnSizes = sizes;
    return groups;
}
