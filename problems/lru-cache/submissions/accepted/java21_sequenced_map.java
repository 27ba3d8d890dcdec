// Java 21: LinkedHashMap as a SequencedMap (putLast moves a key to the end, pollFirstEntry evicts).
class LRUCache {
    private final int capacity;
    private final LinkedHashMap<Integer, Integer> map = new LinkedHashMap<>();

    public LRUCache(int capacity) {
        this.capacity = capacity;
    }

    public int get(int key) {
        var v = map.get(key);
        if (v == null)
            return -1;
        map.putLast(key, v);
        return v;
    }

    public void put(int key, int value) {
        map.putLast(key, value);
        if (map.size() > capacity)
            map.pollFirstEntry();
    }
}
