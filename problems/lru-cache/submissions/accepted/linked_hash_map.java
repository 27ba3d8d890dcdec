class LRUCache {
    private final int capacity;
    private final LinkedHashMap<Integer, Integer> map;

    public LRUCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true);
    }

    public int get(int key) {
        Integer v = map.get(key);
        return v == null ? -1 : v;
    }

    public void put(int key, int value) {
        map.put(key, value);
        if (map.size() > capacity) {
            int eldest = map.keySet().iterator().next();
            map.remove(eldest);
        }
    }
}

/**
 * Your LRUCache object will be instantiated and called as such:
 * LRUCache obj = new LRUCache(capacity);
 * int param_1 = obj.get(key);
 * obj.put(key,value);
 */
