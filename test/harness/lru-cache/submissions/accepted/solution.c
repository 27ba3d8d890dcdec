typedef struct Entry {
    int key, value;
    struct Entry *prev, *next;
    UT_hash_handle hh;
} Entry;

typedef struct {
    int capacity, size;
    Entry *table;          /* uthash, predefined as on LeetCode */
    Entry head;            /* most recent after head */
} LRUCache;

static void unlink_entry(Entry *e) { e->prev->next = e->next; e->next->prev = e->prev; }
static void push_front(LRUCache *c, Entry *e) {
    e->next = c->head.next; e->prev = &c->head;
    c->head.next->prev = e; c->head.next = e;
}

LRUCache* lRUCacheCreate(int capacity) {
    LRUCache *c = calloc(1, sizeof *c);
    c->capacity = capacity;
    c->head.next = c->head.prev = &c->head;
    return c;
}

int lRUCacheGet(LRUCache* obj, int key) {
    Entry *e;
    HASH_FIND_INT(obj->table, &key, e);
    if (!e) return -1;
    unlink_entry(e);
    push_front(obj, e);
    return e->value;
}

void lRUCachePut(LRUCache* obj, int key, int value) {
    Entry *e;
    HASH_FIND_INT(obj->table, &key, e);
    if (e) {
        e->value = value;
        unlink_entry(e);
        push_front(obj, e);
        return;
    }
    if (obj->size == obj->capacity) {
        Entry *old = obj->head.prev;
        unlink_entry(old);
        HASH_DEL(obj->table, old);
        free(old);
        obj->size--;
    }
    e = malloc(sizeof *e);
    e->key = key;
    e->value = value;
    HASH_ADD_INT(obj->table, key, e);
    push_front(obj, e);
    obj->size++;
}

void lRUCacheFree(LRUCache* obj) {
    Entry *e, *tmp;
    HASH_ITER(hh, obj->table, e, tmp) {
        HASH_DEL(obj->table, e);
        free(e);
    }
    free(obj);
}

/**
 * Your LRUCache struct will be instantiated and called as such:
 * LRUCache* obj = lRUCacheCreate(capacity);
 * int param_1 = lRUCacheGet(obj, key);
 
 * lRUCachePut(obj, key, value);
 
 * lRUCacheFree(obj);
*/
