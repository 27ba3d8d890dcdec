// make_shared of an aggregate with parentheses (C++20), contains, a sentinel-linked list.
struct Node {
    int key;
    int val;
    shared_ptr<Node> next;
    weak_ptr<Node> prev;
};

class LRUCache {
    int capacity;
    unordered_map<int, shared_ptr<Node>> nodes;
    shared_ptr<Node> head = make_shared<Node>(0, 0);
    shared_ptr<Node> tail = make_shared<Node>(0, 0);

    void unlink(const shared_ptr<Node>& node) {
        auto prev = node->prev.lock();
        prev->next = node->next;
        node->next->prev = prev;
    }

    void pushFront(const shared_ptr<Node>& node) {
        node->next = head->next;
        node->prev = head;
        head->next->prev = node;
        head->next = node;
    }

public:
    LRUCache(int capacity) : capacity(capacity) {
        head->next = tail;
        tail->prev = head;
    }

    int get(int key) {
        if (!nodes.contains(key)) return -1;
        auto node = nodes[key];
        unlink(node);
        pushFront(node);
        return node->val;
    }

    void put(int key, int value) {
        if (nodes.contains(key)) {
            auto node = nodes[key];
            node->val = value;
            unlink(node);
            pushFront(node);
            return;
        }
        if (ssize(nodes) == capacity) {
            auto last = tail->prev.lock();
            unlink(last);
            nodes.erase(last->key);
        }
        auto node = make_shared<Node>(key, value);
        nodes[key] = node;
        pushFront(node);
    }
};
