// C++23 std::println (libstdc++ 14) for a debug line, std::format, and ranges::fold_left.
#include <print>

class Solution {
public:
    char findTheDifference(string s, string t) {
        auto x = [](const string& w) { return ranges::fold_left(w, 0, [](int a, char c) { return a ^ c; }); };
        char added = x(s) ^ x(t);
        println("{} + {} letters", s.size(), format("{}", t.size() - s.size()));
        return added;
    }
};
