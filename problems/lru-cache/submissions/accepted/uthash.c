/* Today's LeetCode style in C: uthash keeps insertion order, so deleting and re-adding an
 * entry makes it the most recent, and the head of the hash is the least recent. */
struct entry {
        int key;
        int value;
        UT_hash_handle hh;
};

typedef struct {
        int capacity;
        struct entry *map;
} LRUCache;

LRUCache *lRUCacheCreate(int capacity) {
        LRUCache *c = malloc(sizeof *c);
        *c = (LRUCache){ .capacity = capacity, .map = NULL };
        return c;
}

static struct entry *touch(LRUCache *obj, int key) {
        struct entry *e;
        HASH_FIND_INT(obj->map, &key, e);
        if (e) {
                HASH_DEL(obj->map, e);
                HASH_ADD_INT(obj->map, key, e);
        }
        return e;
}

int lRUCacheGet(LRUCache *obj, int key) {
        struct entry *e = touch(obj, key);
        return e ? e->value : -1;
}

void lRUCachePut(LRUCache *obj, int key, int value) {
        struct entry *e = touch(obj, key);
        if (e) {
                e->value = value;
                return;
        }
        if ((int)HASH_COUNT(obj->map) == obj->capacity) {
                struct entry *oldest = obj->map;
                HASH_DEL(obj->map, oldest);
                free(oldest);
        }
        e = malloc(sizeof *e);
        *e = (struct entry){ .key = key, .value = value };
        HASH_ADD_INT(obj->map, key, e);
}

void lRUCacheFree(LRUCache *obj) {
        struct entry *e, *tmp;
        HASH_ITER(hh, obj->map, e, tmp) {
                HASH_DEL(obj->map, e);
                free(e);
        }
        free(obj);
}
