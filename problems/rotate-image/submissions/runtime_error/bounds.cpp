// Off by one in the layer loop, caught by vector::at.
class Solution {
public:
    void rotate(vector<vector<int>>& matrix) {
        int n = matrix.size();
        for (int layer = 0; layer < n / 2; layer++) {
            int first = layer, last = n - layer;  // should be n - 1 - layer
            for (int i = first; i < last; i++) {
                int off = i - first;
                int top = matrix.at(first).at(i);
                matrix.at(first).at(i) = matrix.at(last - off).at(first);
                matrix.at(last - off).at(first) = matrix.at(last).at(last - off);
                matrix.at(last).at(last - off) = matrix.at(i).at(last);
                matrix.at(i).at(last) = top;
            }
        }
    }
};
