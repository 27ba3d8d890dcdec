class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        # Bug: keys on the set of letters, so "aab" and "abb" land together.
        groups = defaultdict(list)
        for s in strs:
            groups[frozenset(s)].append(s)
        return list(groups.values())
