// gobuild is the compile step of Go submissions (images/go/lang.json), run in the work
// directory that holds the user's solution.go and the generated main.go; it leaves ./main.
//
// LeetCode's Go solutions have no package clause and no imports: LeetCode adds "package main"
// and the standard packages the code uses. gobuild does the same without moving the user's
// lines: goimports (Debian's golang-golang-x-tools) is asked which imports the code needs, and
// the compiled copy of the file starts with one line holding the package clause and those
// imports, then a //line directive, so compiler messages and panics name solution.go with the
// user's own line and column numbers. Then the compiler and linker are run directly, with the
// importcfg that the image's prepare.sh wrote: it names the precompiled archive of every standard
// package, of emirpasic/gods (as on LeetCode) and of the harness (judge.a), so no build cache and
// no writable directory but the work directory is needed.
package main

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

const (
	source    = "solution.go"
	generated = "solution.gen.go"
)

// The directory of judge.a and importcfg; $JUDGE_GO_HARNESS for tests on the host.
var harness = "/opt/judge/harness"

// imports lists the import paths of a Go file's text (nil when it does not parse that far).
func imports(src []byte) map[string]string {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	m := map[string]string{}
	for _, s := range f.Imports {
		path, _ := strconv.Unquote(s.Path.Value)
		name := ""
		if s.Name != nil {
			name = s.Name.Name
		}
		m[path] = name
	}
	return m
}

func hasPackageClause(src []byte) bool {
	_, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.PackageClauseOnly)
	return err == nil
}

// missingImports asks goimports which imports the file needs beyond its own.
func missingImports(withPackage []byte) []string {
	cmd := exec.Command("goimports")
	cmd.Stdin = bytes.NewReader(withPackage)
	out, err := cmd.Output()
	if err != nil { // a syntax error: the compiler will say where
		return nil
	}
	have := imports(withPackage)
	var add []string
	for path, name := range imports(out) {
		if _, ok := have[path]; ok {
			continue
		}
		if name != "" {
			add = append(add, name+" "+strconv.Quote(path))
		} else {
			add = append(add, strconv.Quote(path))
		}
	}
	return add
}

func tool(name string) string {
	return filepath.Join(runtime.GOROOT(), "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, name)
}

func run(argv ...string) bool {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stdout
	return cmd.Run() == nil
}

func main() {
	if h := os.Getenv("JUDGE_GO_HARNESS"); h != "" {
		harness = h
	}
	user, err := os.ReadFile(source)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	files := []string{"main.go", source}
	if !hasPackageClause(user) {
		var head bytes.Buffer
		head.WriteString("package main")
		if add := missingImports(append([]byte("package main\n"), user...)); len(add) > 0 {
			head.WriteString("; import (" + strings.Join(add, "; ") + ")")
		}
		head.WriteString("\n//line solution.go:1:1\n")
		head.Write(user)
		if err := os.WriteFile(generated, head.Bytes(), 0o644); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		files[1] = generated
	}
	cfg := filepath.Join(harness, "importcfg")
	args := append([]string{tool("compile"), "-p", "main", "-complete", "-importcfg", cfg, "-o", "main.o"}, files...)
	if !run(args...) {
		os.Exit(1)
	}
	if !run(tool("link"), "-importcfg", cfg, "-o", "main", "main.o") {
		os.Exit(1)
	}
	os.Remove("main.o")
}
