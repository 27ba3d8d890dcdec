/**
 * Return an array of arrays of size *returnSize.
 * The sizes of the arrays are returned as *returnColumnSizes array.
 * Note: Both returned array and *columnSizes array must be malloced, assume caller calls free().
 */
struct entry {
    char* key;
    int index;
};

static int cmp_char(const void* a, const void* b) {
    return *(const char*)a - *(const char*)b;
}

static int cmp_entry(const void* a, const void* b) {
    const struct entry* x = a;
    const struct entry* y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->index - y->index;
}

char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** returnColumnSizes) {
    struct entry* e = malloc(sizeof(struct entry) * (strsSize ? strsSize : 1));
    for (int i = 0; i < strsSize; i++) {
        size_t len = strlen(strs[i]);
        e[i].key = malloc(len + 1);
        memcpy(e[i].key, strs[i], len + 1);
        qsort(e[i].key, len, 1, cmp_char);
        e[i].index = i;
    }
    qsort(e, strsSize, sizeof(struct entry), cmp_entry);

    char*** groups = malloc(sizeof(char**) * (strsSize ? strsSize : 1));
    *returnColumnSizes = malloc(sizeof(int) * (strsSize ? strsSize : 1));
    *returnSize = 0;
    for (int i = 0, j; i < strsSize; i = j) {
        for (j = i; j < strsSize && strcmp(e[j].key, e[i].key) == 0; j++) {}
        char** group = malloc(sizeof(char*) * (j - i));
        for (int k = i; k < j; k++) group[k - i] = strs[e[k].index];
        groups[*returnSize] = group;
        (*returnColumnSizes)[*returnSize] = j - i;
        (*returnSize)++;
    }
    for (int i = 0; i < strsSize; i++) free(e[i].key);
    free(e);
    return groups;
}
