func reverseString(s []byte) {
	i, j := 0, len(s)-1
	for i < j {
		s[i], s[j] = s[j], s[i]
		i++ // forgets j--, and starts over at the middle: never ends
		if i == j {
			i = 0
		}
	}
}
