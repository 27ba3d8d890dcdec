class Solution {
public:
    long long maxProduct(vector<long long>& nums) {
        
    }
};
