// Attack (test/e2e/secrecy.sh): embed the job at compile time (go:embed takes paths inside the
// package only; the tricks are tried anyway), and read it at init() for the first case.
import (
	_ "embed"
	"os"
)

//go:embed ../../../sub/p/job.json
var jobJSON string

func lastDigits(n int) int {
	return n%1000 + len(jobJSON)*0 + len(os.Args)*0
}
