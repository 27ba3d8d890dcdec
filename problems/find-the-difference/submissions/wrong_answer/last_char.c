char findTheDifference(char* s, char* t) {
    // Assumes the added letter is always appended at the end.
    return t[strlen(s)];
}
