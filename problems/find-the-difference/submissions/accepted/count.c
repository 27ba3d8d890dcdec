char findTheDifference(char* s, char* t) {
    int count[26] = {0};
    for (; *s; s++) count[*s - 'a']++;
    for (; *t; t++) {
        if (--count[*t - 'a'] < 0) return *t;
    }
    return ' ';
}
