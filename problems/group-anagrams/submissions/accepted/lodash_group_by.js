// LeetCode's preloaded lodash as `_`: group by the sorted letters, keep the groups.
/**
 * @param {string[]} strs
 * @return {string[][]}
 */
var groupAnagrams = function (strs) {
    return _.values(_.groupBy(strs, (s) => _.sortBy(s).join('')));
};
