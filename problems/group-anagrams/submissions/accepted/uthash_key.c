/* Today's LeetCode style in C: the sorted letters as a uthash string key (HASH_FIND_STR),
 * groups kept in insertion order, a counting sort for the key. */
struct group {
        char *key;
        int n, cap;
        char **words;
        UT_hash_handle hh;
};

static char *sorted_letters(const char *s) {
        int count[26] = { 0 };
        size_t len = strlen(s);
        for (size_t i = 0; i < len; i++)
                count[s[i] - 'a']++;
        char *key = malloc(len + 1), *p = key;
        for (int c = 0; c < 26; c++)
                for (int k = 0; k < count[c]; k++)
                        *p++ = (char)('a' + c);
        *p = '\0';
        return key;
}

char ***groupAnagrams(char **strs, int strsSize, int *returnSize, int **returnColumnSizes) {
        struct group *groups = NULL;
        for (int i = 0; i < strsSize; i++) {
                char *key = sorted_letters(strs[i]);
                struct group *g;
                HASH_FIND_STR(groups, key, g);
                if (g) {
                        free(key);
                } else {
                        g = malloc(sizeof *g);
                        *g = (struct group){ .key = key, .cap = 4, .words = malloc(4 * sizeof(char *)) };
                        HASH_ADD_KEYPTR(hh, groups, g->key, strlen(g->key), g);
                }
                if (g->n == g->cap)
                        g->words = realloc(g->words, (size_t)(g->cap *= 2) * sizeof(char *));
                g->words[g->n++] = strs[i];
        }
        int count = (int)HASH_COUNT(groups), k = 0;
        char ***out = malloc((size_t)(count ? count : 1) * sizeof *out);
        *returnColumnSizes = malloc((size_t)(count ? count : 1) * sizeof **returnColumnSizes);
        struct group *g, *tmp;
        HASH_ITER(hh, groups, g, tmp) {
                out[k] = g->words;
                (*returnColumnSizes)[k++] = g->n;
                HASH_DEL(groups, g);
                free(g->key);
                free(g);
        }
        *returnSize = count;
        return out;
}
