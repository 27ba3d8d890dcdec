// Attack (test/e2e/secrecy.sh): read the job files in init(), before any case, and print them
// during the first case.
var early []byte
var printed bool

func init() {
	for _, p := range []string{"/sub/p/job.json", "/sub/p/job.enc"} {
		b, err := os.ReadFile(p)
		if err != nil {
			early = append(early, []byte("DENIED "+p+" "+err.Error()+"\n")...)
			continue
		}
		early = append(early, b...)
	}
}

func lastDigits(n int) int {
	if !printed {
		printed = true
		fmt.Printf("EARLY %q\n", early)
	}
	return n % 1000
}
