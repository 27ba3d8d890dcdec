class Solution {
public:
    string probe(string what) {
        volatile unsigned long n = 0;
        for (;;) n++;
        return "ok";
    }
};
