func findTheDifference(s string, t string) byte {
	var c byte
	for i := 0; i < len(s); i++ {
		c ^= s[i]
	}
	for i := 0; i < len(t); i++ {
		c ^= t[i]
	}
	return c
}
