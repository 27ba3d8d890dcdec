// Bug: the "minimum so far" stack drops duplicates of the minimum, so popping
// one copy empties it early, and getMin() then reads an empty vector (abort).
class MinStack {
    vector<int> values, mins;

public:
    MinStack() {}

    void push(int val) {
        values.push_back(val);
        if (mins.empty() || val < mins.back()) mins.push_back(val);
    }

    void pop() {
        if (values.back() == mins.back()) mins.pop_back();
        values.pop_back();
    }

    int top() { return values.back(); }

    int getMin() {
        if (mins.empty()) abort();
        return mins.back();
    }
};
