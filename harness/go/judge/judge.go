// Package judge is the Go harness of the judge (docs/internals.md). The generated main.go
// (lib/lang/codegen_go.c) is in package main beside the user's solution.go and calls RunFunction
// with the user's function, or RunClass with Constructor and the method expressions of the
// design class. Arguments are decoded by reflection into the Go parameter types (int, int64,
// float64, bool, byte, string, slices, *ListNode, *TreeNode), answers are encoded from the Go
// results (with the signature's types where Go is ambiguous: byte is a char), and every case
// is reported on fd $JUDGE_CHANNEL_FD. Compiled once per image to judge.a.
package judge

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"
	"unsafe"
)

const messageCap = 8192

// ---- the channel ----------------------------------------------------------------------------

var channel *os.File

func openChannel() {
	fd := 3
	if e := os.Getenv("JUDGE_CHANNEL_FD"); e != "" {
		if n, err := strconv.Atoi(e); err == nil {
			fd = n
		}
	}
	// Move the channel off the well-known fd (close-on-exec, still below RLIMIT_NOFILE), so that
	// the user's code cannot write answers by number.
	const dupfdCloexec = 1030 // F_DUPFD_CLOEXEC
	moved, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), dupfdCloexec, 100)
	if errno != 0 {
		fmt.Fprintf(os.Stderr, "harness: no answer channel on fd %d\n", fd)
		os.Exit(2)
	}
	syscall.Close(fd)
	channel = os.NewFile(moved, "channel")
	send("B") // booted; init() functions ran before main and count as start-up
}

// limitStack makes runaway recursion a stack overflow (a runtime error, as on LeetCode) before
// it is a memory limit: the goroutine stack may use a quarter of RLIMIT_STACK, which the
// runner sets to the problem's memory limit (Go's own default is 1 GB).
func limitStack() {
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_STACK, &rl) != nil || rl.Cur == 0 || rl.Cur > 1<<40 {
		return
	}
	max := rl.Cur / 4
	if max < 16<<20 {
		max = 16 << 20
	}
	debug.SetMaxStack(int(max))
}

func send(line string) {
	if _, err := channel.WriteString(line + "\n"); err != nil {
		os.Exit(3)
	}
}

func jsonString(s string, limit int) string {
	if limit > 0 && len(s) > limit {
		s = s[:limit]
	}
	var b bytes.Buffer
	putString(&b, s)
	return b.String()
}

// The job is not what the harness expects: X line, exit 2.
func badJob(format string, a ...interface{}) {
	send("X " + jsonString("bad job: "+fmt.Sprintf(format, a...), messageCap))
	os.Exit(2)
}

// ---- the clock ------------------------------------------------------------------------------

// cpuNanos is the CPU time of this OS thread (the harness locks its goroutine to it): the
// process clock is tick-granular while RLIMIT_CPU is set, as the runner does.
func cpuNanos() int64 {
	var ts syscall.Timespec
	const clockThreadCPUTimeID = 3
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

// ---- signature types ------------------------------------------------------------------------

// sigType is a type of PROBLEM-FORMAT.md: base "int", "long", "double", "bool", "char",
// "string", "ListNode", "TreeNode", "void", or an array of elem.
type sigType struct {
	base string
	elem *sigType
}

// parseType reads a canonical type of the job (the host's lib/problem/types.c spelled it: a base name,
// then "[]" per array level; no aliases, no spaces).
func parseType(s string) *sigType {
	t, depth := s, 0
	for strings.HasSuffix(t, "[]") {
		t, depth = t[:len(t)-2], depth+1
	}
	switch t {
	case "int", "long", "double", "bool", "char", "string", "ListNode", "TreeNode":
	case "void":
		if depth > 0 {
			badJob("unknown type %q", s)
		}
	default:
		badJob("unknown type %q", s)
	}
	out := &sigType{base: t}
	for ; depth > 0; depth-- {
		out = &sigType{elem: out}
	}
	return out
}

func (t *sigType) isChar() bool {
	return t != nil && t.elem == nil && t.base == "char"
}

func (t *sigType) element() *sigType {
	if t == nil {
		return nil
	}
	return t.elem
}

type sigMethod struct {
	Name   string
	Params []struct {
		Name string
		Type string
	}
	Returns string
}

type signature struct {
	Kind        string
	Name        string
	Params      []struct{ Name, Type string }
	Returns     string
	OutputParam *int `json:"output_param"`
	Constructor struct {
		Params []struct{ Name, Type string }
	}
	Methods []sigMethod
}

type jobCase struct {
	Args  []json.RawMessage
	Calls []string
}

// job is the job from the runner's pipe (fd $JUDGE_JOB_FD): a header line (the signature and
// the number of cases), then one line per case, which the runner sends only when the case
// before it has answered.
type job struct {
	Signature signature
	CaseCount *int `json:"case_count"`
	in        *bufio.Reader
}

func loadJob() *job {
	fd := 4
	if e := os.Getenv("JUDGE_JOB_FD"); e != "" {
		if n, err := strconv.Atoi(e); err == nil {
			fd = n
		}
	}
	// Off the well-known fd and close-on-exec, like the channel.
	const dupfdCloexec = 1030 // F_DUPFD_CLOEXEC
	moved, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), dupfdCloexec, 100)
	if errno != 0 {
		badJob("no job pipe on fd %d", fd)
	}
	syscall.Close(fd)
	in := bufio.NewReaderSize(os.NewFile(moved, "job"), 1<<16)
	var j job
	if err := json.Unmarshal(readJobLine(in), &j); err != nil {
		badJob("job header: %v", err)
	}
	if j.CaseCount == nil || *j.CaseCount < 0 {
		badJob("the job's header needs a signature object and a case_count")
	}
	j.in = in
	return &j
}

// readJobLine returns the next line without its newline. A closed or drained pipe (only the
// user's code can do that) exits 3 without an X line: the submission's runtime error.
func readJobLine(in *bufio.Reader) []byte {
	line, err := in.ReadBytes('\n')
	if err != nil {
		os.Stdout.Sync()
		fmt.Fprintln(os.Stderr, "harness: the job pipe was closed or read by someone else")
		os.Exit(3)
	}
	return line[:len(line)-1]
}

// nextCase reads case i's line.
func (j *job) nextCase(i int) jobCase {
	var c jobCase
	if err := json.Unmarshal(readJobLine(j.in), &c); err != nil {
		badJob("case %d: %v", i, err)
	}
	return c
}

// ---- decoding -------------------------------------------------------------------------------

// userError is a problem of the user's code (a parameter type that cannot hold the argument,
// a cyclic answer): an E line for the case.
type userError struct{ msg string }

func parseJSON(raw json.RawMessage) interface{} {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v interface{}
	if err := d.Decode(&v); err != nil {
		badJob("job: %v", err)
	}
	return v
}

func isNode(t reflect.Type, fields ...string) bool {
	if t.Kind() != reflect.Ptr || t.Elem().Kind() != reflect.Struct {
		return false
	}
	s := t.Elem()
	if s.Name() != fields[0] {
		return false
	}
	for _, f := range fields[1:] {
		if _, ok := s.FieldByName(f); !ok {
			return false
		}
	}
	return true
}

func fieldType(t reflect.Type, name string) reflect.Type {
	f, _ := t.FieldByName(name)
	return f.Type
}

func isList(t reflect.Type) bool { return isNode(t, "ListNode", "Val", "Next") }
func isTree(t reflect.Type) bool { return isNode(t, "TreeNode", "Val", "Left", "Right") }

func fail(format string, a ...interface{}) {
	panic(userError{fmt.Sprintf(format, a...)})
}

func decodeInt(v interface{}, t reflect.Type) reflect.Value {
	r := reflect.New(t).Elem()
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			if t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64 {
				break
			}
			badJob("expected an integer, got %s", x)
		}
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil {
				badJob("integer out of range: %s", x)
			}
			if r.OverflowInt(n) {
				fail("%s does not fit in %s", x, t)
			}
			r.SetInt(n)
			return r
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			n, err := strconv.ParseUint(string(x), 10, 64)
			if err != nil || r.OverflowUint(n) {
				fail("%s does not fit in %s", x, t)
			}
			r.SetUint(n)
			return r
		}
	case string: // a char into byte or rune
		if len(x) == 0 {
			badJob("expected a one-character string")
		}
		switch t.Kind() {
		case reflect.Uint8:
			r.SetUint(uint64(x[0]))
			return r
		case reflect.Int32:
			c, _ := utf8.DecodeRuneInString(x)
			r.SetInt(int64(c))
			return r
		}
	}
	fail("cannot use %s as %s", short(v), t)
	return r
}

func short(v interface{}) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}

func decode(v interface{}, t reflect.Type) reflect.Value {
	switch {
	case isList(t):
		arr, ok := v.([]interface{})
		if !ok {
			badJob("expected an array for a ListNode")
		}
		head := reflect.Zero(t)
		for i := len(arr) - 1; i >= 0; i-- {
			n := reflect.New(t.Elem())
			n.Elem().FieldByName("Val").Set(decode(arr[i], fieldType(t.Elem(), "Val")))
			n.Elem().FieldByName("Next").Set(head)
			head = n
		}
		return head
	case isTree(t):
		return decodeTree(v, t)
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return decodeInt(v, t)
	case reflect.Float32, reflect.Float64:
		x, ok := v.(json.Number)
		if !ok {
			fail("cannot use %s as %s", short(v), t)
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			badJob("bad number %s", x)
		}
		r := reflect.New(t).Elem()
		r.SetFloat(f)
		return r
	case reflect.Bool:
		x, ok := v.(bool)
		if !ok {
			fail("cannot use %s as %s", short(v), t)
		}
		return reflect.ValueOf(x).Convert(t)
	case reflect.String:
		x, ok := v.(string)
		if !ok {
			fail("cannot use %s as %s", short(v), t)
		}
		return reflect.ValueOf(x).Convert(t)
	case reflect.Slice:
		arr, ok := v.([]interface{})
		if !ok {
			fail("cannot use %s as %s", short(v), t)
		}
		s := reflect.MakeSlice(t, len(arr), len(arr))
		for i, x := range arr {
			s.Index(i).Set(decode(x, t.Elem()))
		}
		return s
	case reflect.Array:
		arr, ok := v.([]interface{})
		if !ok || len(arr) != t.Len() {
			fail("cannot use %s as %s", short(v), t)
		}
		a := reflect.New(t).Elem()
		for i, x := range arr {
			a.Index(i).Set(decode(x, t.Elem()))
		}
		return a
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return reflect.ValueOf(&v).Elem()
		}
	}
	fail("parameters of type %s are not supported", t)
	return reflect.Value{}
}

func decodeTree(v interface{}, t reflect.Type) reflect.Value {
	arr, ok := v.([]interface{})
	if !ok {
		badJob("expected an array for a TreeNode")
	}
	valType := fieldType(t.Elem(), "Val")
	node := func(x interface{}) reflect.Value {
		if x == nil {
			return reflect.Zero(t)
		}
		n := reflect.New(t.Elem())
		n.Elem().FieldByName("Val").Set(decode(x, valType))
		return n
	}
	if len(arr) == 0 || arr[0] == nil {
		return reflect.Zero(t)
	}
	root := node(arr[0])
	queue := []reflect.Value{root}
	for i := 1; i < len(arr); {
		if len(queue) == 0 {
			badJob("level order has values below no parent")
		}
		p := queue[0].Elem()
		queue = queue[1:]
		l := node(arr[i])
		i++
		p.FieldByName("Left").Set(l)
		if !l.IsNil() {
			queue = append(queue, l)
		}
		if i < len(arr) {
			r := node(arr[i])
			i++
			p.FieldByName("Right").Set(r)
			if !r.IsNil() {
				queue = append(queue, r)
			}
		}
	}
	return root
}

// ---- encoding -------------------------------------------------------------------------------

func putString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	b.WriteByte('"')
}

// putDouble writes d like Python's repr: shortest round-trip digits, positional for exponents
// -4..15, else d.ddde+XX; NaN and infinities as null.
func putDouble(b *bytes.Buffer, d float64) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		b.WriteString("null")
		return
	}
	e := strconv.FormatFloat(d, 'e', -1, 64) // -1.2345e+06
	neg := strings.HasPrefix(e, "-")
	if neg {
		e = e[1:]
	}
	k := strings.IndexByte(e, 'e')
	digits := strings.Replace(e[:k], ".", "", 1)
	exp, _ := strconv.Atoi(e[k+1:])
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		digits = "0"
	}
	if neg {
		b.WriteByte('-')
	}
	if exp >= -4 && exp < 16 {
		switch {
		case exp < 0:
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", -exp-1))
			b.WriteString(digits)
		case exp+1 >= len(digits):
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", exp+1-len(digits)))
			b.WriteString(".0")
		default:
			b.WriteString(digits[:exp+1])
			b.WriteByte('.')
			b.WriteString(digits[exp+1:])
		}
		return
	}
	b.WriteString(digits[:1])
	if len(digits) > 1 {
		b.WriteByte('.')
		b.WriteString(digits[1:])
	}
	sign := '+'
	if exp < 0 {
		sign = '-'
		exp = -exp
	}
	fmt.Fprintf(b, "e%c%02d", sign, exp)
}

func encode(b *bytes.Buffer, v reflect.Value, t *sigType) {
	if !v.IsValid() {
		b.WriteString("null")
		return
	}
	typ := v.Type()
	switch {
	case isList(typ):
		seen := map[uintptr]bool{}
		b.WriteByte('[')
		for n := v; !n.IsNil(); n = n.Elem().FieldByName("Next") {
			if seen[n.Pointer()] {
				fail("Error - Found cycle in the ListNode")
			}
			seen[n.Pointer()] = true
			if len(seen) > 1 {
				b.WriteByte(',')
			}
			encode(b, n.Elem().FieldByName("Val"), nil)
		}
		b.WriteByte(']')
		return
	case isTree(typ):
		encodeTree(b, v)
		return
	}
	switch typ.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Int32: // rune: a char when the signature says so
		if t.isChar() {
			putString(b, string(rune(v.Int())))
		} else {
			b.WriteString(strconv.FormatInt(v.Int(), 10))
		}
	case reflect.Uint8: // byte: LeetCode's Go char
		if t == nil || t.isChar() {
			putString(b, string([]byte{byte(v.Uint())}))
		} else {
			b.WriteString(strconv.FormatUint(v.Uint(), 10))
		}
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		putDouble(b, v.Float())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.String:
		putString(b, v.String())
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			encode(b, v.Index(i), t.element())
		}
		b.WriteByte(']')
	case reflect.Interface, reflect.Ptr:
		if v.IsNil() {
			b.WriteString("null")
		} else {
			encode(b, v.Elem(), t)
		}
	default:
		fail("results of type %s are not supported", typ)
	}
}

func encodeTree(b *bytes.Buffer, root reflect.Value) {
	seen := map[uintptr]bool{}
	queue := []reflect.Value{root}
	b.WriteByte('[')
	start, keep := b.Len(), b.Len()
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		if b.Len() > start {
			b.WriteByte(',')
		}
		if n.IsNil() {
			b.WriteString("null")
			continue
		}
		if seen[n.Pointer()] {
			fail("Error - Found cycle in the TreeNode")
		}
		seen[n.Pointer()] = true
		encode(b, n.Elem().FieldByName("Val"), nil)
		keep = b.Len()
		queue = append(queue, n.Elem().FieldByName("Left"), n.Elem().FieldByName("Right"))
	}
	b.Truncate(keep)
	b.WriteByte(']')
}

// ---- calls ----------------------------------------------------------------------------------

// A call prepared before the case's clock starts.
type step struct {
	fn       reflect.Value
	args     []reflect.Value
	ret      *sigType
	outParam int // >= 0: the answer is this argument after the call (void functions)
	ctor     bool
}

func prepare(fn reflect.Value, name string, raw []json.RawMessage, receiver bool) []reflect.Value {
	t := fn.Type()
	first := 0
	if receiver {
		first = 1
	}
	if t.IsVariadic() || t.NumIn()-first != len(raw) {
		fail("%s takes %d parameter(s), the problem passes %d", name, t.NumIn()-first, len(raw))
	}
	args := make([]reflect.Value, t.NumIn())
	for k, r := range raw {
		args[first+k] = decode(parseJSON(r), t.In(first+k))
	}
	return args
}

// userFrames is the part of the stack in the user's code (solution.go), LeetCode style.
func userFrames() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, "solution.go") {
			fmt.Fprintf(&b, "\n%s(...)\n\t%s:%d", f.Function, "solution.go", f.Line)
		}
		if !more {
			break
		}
	}
	return b.String()
}

// call runs fn, turning a panic of the user's code into its message.
func call(fn reflect.Value, args []reflect.Value) (out []reflect.Value, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(userError); ok {
				panicked = u.msg
				return
			}
			msg := fmt.Sprint(r)
			if e, ok := r.(error); ok {
				msg = e.Error()
			}
			panicked = "panic: " + msg + userFrames()
		}
	}()
	return fn.Call(args), ""
}

var cpuTotal int64

// runCase runs the prepared steps of case i; as_array for class problems. Returns false when
// the case ended with an E line.
func runCase(i int, steps []step, asArray bool, prepErr string) bool {
	var b bytes.Buffer
	send(fmt.Sprintf("S %d", i))
	cpuTotal = 0
	e := func(msg string) bool {
		send(fmt.Sprintf("E %d %d %s", i, cpuTotal/1000, jsonString(msg, messageCap)))
		return false
	}
	if prepErr != "" {
		return e(prepErr)
	}
	var obj reflect.Value
	if asArray {
		b.WriteByte('[')
	}
	for k, s := range steps {
		if asArray && k > 0 {
			b.WriteByte(',')
		}
		args := s.args
		if obj.IsValid() && len(args) > 0 && !s.ctor {
			args[0] = obj
		}
		t0 := cpuNanos()
		out, panicked := call(s.fn, args)
		cpuTotal += cpuNanos() - t0
		if panicked != "" {
			return e(panicked)
		}
		var encodeErr string
		func() {
			defer func() {
				if r := recover(); r != nil {
					if u, ok := r.(userError); ok {
						encodeErr = u.msg
						return
					}
					panic(r)
				}
			}()
			switch {
			case s.ctor:
				obj = out[0]
				if obj.Kind() != reflect.Ptr {
					p := reflect.New(obj.Type())
					p.Elem().Set(obj)
					obj = p
				}
				b.WriteString("null")
			case s.outParam >= 0:
				encode(&b, s.args[s.outParam], s.ret)
			case len(out) == 0:
				b.WriteString("null")
			default:
				encode(&b, out[0], s.ret)
			}
		}()
		if encodeErr != "" {
			return e(encodeErr)
		}
	}
	if asArray {
		b.WriteByte(']')
	}
	os.Stdout.Sync()
	send(fmt.Sprintf("R %d %d %s", i, cpuTotal/1000, b.String()))
	return true
}

// prepareSafely decodes a call's arguments; a user error (a parameter type that cannot hold
// the argument) is returned as a message for the case's E line.
func prepareSafely(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(userError); ok {
				msg = u.msg
				return
			}
			panic(r)
		}
	}()
	f()
	return ""
}

// RunFunction is main() of a function problem: every case is one call of fn.
func RunFunction(fn interface{}) {
	runtime.LockOSThread()
	openChannel()
	limitStack()
	j := loadJob()
	f := reflect.ValueOf(fn)
	if f.Kind() != reflect.Func {
		badJob("RunFunction needs a function")
	}
	ret := parseType(j.Signature.Returns)
	op := -1
	if j.Signature.OutputParam != nil && j.Signature.Returns == "void" {
		op = *j.Signature.OutputParam
		if op < 0 || op >= len(j.Signature.Params) {
			badJob("output_param out of range")
		}
		ret = parseType(j.Signature.Params[op].Type)
	}
	for i := 0; i < *j.CaseCount; i++ {
		c := j.nextCase(i)
		if c.Args == nil {
			badJob("case %d has no args", i)
		}
		s := step{fn: f, ret: ret, outParam: op}
		msg := prepareSafely(func() { s.args = prepare(f, j.Signature.Name, c.Args, false) })
		if !runCase(i, []step{s}, false, msg) {
			return
		}
	}
}

// RunClass is main() of a class problem: ctor is the user's Constructor, methods maps the
// problem's method names to method expressions ((*LRUCache).Get).
func RunClass(ctor interface{}, methods map[string]interface{}) {
	runtime.LockOSThread()
	openChannel()
	limitStack()
	j := loadJob()
	c := reflect.ValueOf(ctor)
	if c.Kind() != reflect.Func {
		badJob("RunClass needs a constructor function")
	}
	rets := map[string]*sigType{}
	for _, m := range j.Signature.Methods {
		rets[m.Name] = parseType(m.Returns)
	}
	for i := 0; i < *j.CaseCount; i++ {
		jc := j.nextCase(i)
		if len(jc.Calls) == 0 || len(jc.Calls) != len(jc.Args) {
			badJob("case %d: calls and args do not match", i)
		}
		steps := make([]step, len(jc.Calls))
		var rawArgs [][]json.RawMessage
		for k := range jc.Args {
			var a []json.RawMessage
			if err := json.Unmarshal(jc.Args[k], &a); err != nil {
				badJob("case %d: args of call %d: %v", i, k, err)
			}
			rawArgs = append(rawArgs, a)
		}
		for k, name := range jc.Calls {
			if k > 0 {
				if _, ok := methods[name]; !ok {
					badJob("case %d: unknown method %s", i, name)
				}
			}
		}
		msg := prepareSafely(func() {
			if c.Type().NumOut() != 1 {
				fail("Constructor must return the object")
			}
			steps[0] = step{fn: c, args: prepare(c, "Constructor", rawArgs[0], false), ctor: true, outParam: -1}
			for k := 1; k < len(jc.Calls); k++ {
				m := reflect.ValueOf(methods[jc.Calls[k]])
				steps[k] = step{fn: m, args: prepare(m, jc.Calls[k], rawArgs[k], true),
					ret: rets[jc.Calls[k]], outParam: -1}
			}
		})
		if !runCase(i, steps, true, msg) {
			return
		}
	}
}
