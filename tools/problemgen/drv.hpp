// Throwaway C++ test driver support for checking the sample problem set's C++ solutions.
// Not the judge's harness: a tiny JSON reader and LeetCode-type conversions.
#include <bits/stdc++.h>
#include <sys/resource.h>
using namespace std;

struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};
struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};

namespace drv {
struct J {
    enum K { NUL, BOOL, NUM, STR, ARR } k = NUL;
    bool b = false;
    string num;
    string s;
    vector<J> a;
};
struct P {
    const string &t; size_t i = 0;
    P(const string &t) : t(t) {}
    void ws() { while (i < t.size() && isspace((unsigned char)t[i])) i++; }
    J parse() {
        ws(); J v;
        char c = t[i];
        if (c == 'n') { i += 4; v.k = J::NUL; }
        else if (c == 't') { i += 4; v.k = J::BOOL; v.b = true; }
        else if (c == 'f') { i += 5; v.k = J::BOOL; v.b = false; }
        else if (c == '"') {
            v.k = J::STR; i++;
            while (t[i] != '"') {
                if (t[i] == '\\') { i++; char e = t[i++];
                    if (e == 'n') v.s += '\n'; else if (e == 't') v.s += '\t';
                    else if (e == 'u') { int cp = stoi(t.substr(i, 4), nullptr, 16); i += 4; v.s += (char)cp; }
                    else v.s += e;
                } else v.s += t[i++];
            }
            i++;
        } else if (c == '[') {
            v.k = J::ARR; i++; ws();
            if (t[i] == ']') { i++; return v; }
            for (;;) { v.a.push_back(parse()); ws(); if (t[i] == ',') { i++; continue; } i++; break; }
        } else {
            v.k = J::NUM; size_t s = i;
            while (i < t.size() && (isdigit((unsigned char)t[i]) || strchr("+-.eE", t[i]))) i++;
            v.num = t.substr(s, i - s);
        }
        return v;
    }
};
template <class T> struct conv;
template <> struct conv<int> { static int from(const J &j) { long long v = stoll(j.num); if (v < INT_MIN || v > INT_MAX) throw runtime_error("int range"); return (int)v; } };
template <> struct conv<long long> { static long long from(const J &j) { return stoll(j.num); } };
template <> struct conv<double> { static double from(const J &j) { return stod(j.num); } };
template <> struct conv<bool> { static bool from(const J &j) { return j.b; } };
template <> struct conv<char> { static char from(const J &j) { return j.s.at(0); } };
template <> struct conv<string> { static string from(const J &j) { return j.s; } };
template <class T> struct conv<vector<T>> { static vector<T> from(const J &j) { vector<T> r; for (auto &x : j.a) r.push_back(conv<T>::from(x)); return r; } };
template <> struct conv<ListNode *> { static ListNode *from(const J &j) {
    ListNode *h = nullptr; for (size_t i = j.a.size(); i-- > 0;) h = new ListNode(conv<int>::from(j.a[i]), h); return h; } };
template <> struct conv<TreeNode *> { static TreeNode *from(const J &j) {
    if (j.a.empty()) return nullptr;
    TreeNode *root = new TreeNode(conv<int>::from(j.a[0]));
    deque<TreeNode *> q{root}; size_t i = 1;
    while (i < j.a.size()) {
        TreeNode *n = q.front(); q.pop_front();
        if (i < j.a.size() && j.a[i].k != J::NUL) { n->left = new TreeNode(conv<int>::from(j.a[i])); q.push_back(n->left); }
        i++;
        if (i < j.a.size() && j.a[i].k != J::NUL) { n->right = new TreeNode(conv<int>::from(j.a[i])); q.push_back(n->right); }
        i++;
    }
    return root; } };

inline void out(string &o, int v) { o += to_string(v); }
inline void out(string &o, long long v) { o += to_string(v); }
inline void out(string &o, double v) { char b[64]; snprintf(b, sizeof b, "%.17g", v); o += b; }
inline void out(string &o, bool v) { o += v ? "true" : "false"; }
inline void outs(string &o, const string &s) {
    o += '"';
    for (unsigned char c : s) { if (c == '"' || c == '\\') { o += '\\'; o += c; } else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); o += b; } else o += c; }
    o += '"';
}
inline void out(string &o, char v) { outs(o, string(1, v)); }
inline void out(string &o, const string &v) { outs(o, v); }
template <class T> void out(string &o, const vector<T> &v) { o += '['; for (size_t i = 0; i < v.size(); i++) { if (i) o += ','; out(o, v[i]); } o += ']'; }
inline void out(string &o, ListNode *h) { o += '['; size_t n = 0; for (; h; h = h->next) { if (n++) o += ','; o += to_string(h->val); if (n > 2000000) throw runtime_error("cycle"); } o += ']'; }
inline void out(string &o, TreeNode *r) {
    vector<TreeNode *> q{r}; vector<string> parts;
    for (size_t i = 0; i < q.size(); i++) { if (!q[i]) parts.push_back("null"); else { parts.push_back(to_string(q[i]->val)); q.push_back(q[i]->left); q.push_back(q[i]->right); } }
    while (!parts.empty() && parts.back() == "null") parts.pop_back();
    o += '['; for (size_t i = 0; i < parts.size(); i++) { if (i) o += ','; o += parts[i]; } o += ']';
}
}  // namespace drv
