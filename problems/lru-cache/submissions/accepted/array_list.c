#define MAX_KEY 10001

typedef struct {
    int capacity;
    int size;
    int head; /* most recently used, -1 when empty */
    int tail; /* least recently used */
    int value[MAX_KEY];
    int prev[MAX_KEY];
    int next[MAX_KEY];
    bool present[MAX_KEY];
} LRUCache;

static void unlink_key(LRUCache* obj, int key) {
    int p = obj->prev[key], n = obj->next[key];
    if (p >= 0) obj->next[p] = n; else obj->head = n;
    if (n >= 0) obj->prev[n] = p; else obj->tail = p;
}

static void push_front(LRUCache* obj, int key) {
    obj->prev[key] = -1;
    obj->next[key] = obj->head;
    if (obj->head >= 0) obj->prev[obj->head] = key;
    obj->head = key;
    if (obj->tail < 0) obj->tail = key;
}

LRUCache* lRUCacheCreate(int capacity) {
    LRUCache* obj = calloc(1, sizeof(LRUCache));
    obj->capacity = capacity;
    obj->head = obj->tail = -1;
    return obj;
}

int lRUCacheGet(LRUCache* obj, int key) {
    if (!obj->present[key]) return -1;
    unlink_key(obj, key);
    push_front(obj, key);
    return obj->value[key];
}

void lRUCachePut(LRUCache* obj, int key, int value) {
    if (obj->present[key]) {
        unlink_key(obj, key);
    } else {
        if (obj->size == obj->capacity) {
            int old = obj->tail;
            unlink_key(obj, old);
            obj->present[old] = false;
            obj->size--;
        }
        obj->present[key] = true;
        obj->size++;
    }
    obj->value[key] = value;
    push_front(obj, key);
}

void lRUCacheFree(LRUCache* obj) {
    free(obj);
}

/**
 * Your LRUCache struct will be instantiated and called as such:
 * LRUCache* obj = lRUCacheCreate(capacity);
 * int param_1 = lRUCacheGet(obj, key);

 * lRUCachePut(obj, key, value);

 * lRUCacheFree(obj);
*/
