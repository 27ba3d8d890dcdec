//! The Rust harness of the judge (docs/internals.md), built once per image into
//! `/opt/judge/harness/libjudge_harness.rlib` and linked into every submission.
//!
//! The generated `main.rs` (lib/lang/codegen_rust.c) expands `prelude!()` (LeetCode's predefined
//! `use` lines, and `ListNode`/`TreeNode` when the signature has them), includes the user's
//! `solution.rs`, and hands `run_function` or `run_class` closures that decode every argument
//! into a `Slot` and call the user's code through `Param::take`. The glue names methods only:
//! the argument and result types come from the user's own signature by type inference, through
//! the `FromJson`, `ToJson` and `Param` traits below. Cases are reported on fd
//! `$JUDGE_CHANNEL_FD` as S/R/E/M/X lines; the CPU time is measured around the user's call.
//!
//! Written for Debian's rustc (1.63, edition 2021), std only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, Ordering};
use std::sync::Mutex;

/// Messages on E lines are capped (internals.md: 8 KiB).
const MESSAGE_CAP: usize = 8192;
/// The stack of the thread that runs the cases: deep recursion (a 100000-node chain tree
/// takes about 15 MiB) must work as on LeetCode. Only the pages touched count against the
/// memory limit. Half of RLIMIT_STACK, which the judge sets to the problem's memory limit, so
/// that a runaway recursion overflows the stack (a runtime error, as on LeetCode) before the
/// process's memory reaches the limit; within these bounds.
const STACK_MAX: u64 = 256 << 20;
const STACK_MIN: u64 = 64 << 20;
const STACK_SIZE_SMALL: usize = 16 << 20;
/// The channel moves up to this fd, away from the number the user's code might guess.
const CHANNEL_HIGH_FD: i32 = 200;
/// And the job's pipe to this one.
const JOB_HIGH_FD: i32 = 201;

// ---- libc ------------------------------------------------------------------------------------

mod sys {
    use std::os::raw::{c_int, c_long, c_void};

    #[repr(C)]
    pub struct Timespec {
        pub tv_sec: c_long,
        pub tv_nsec: c_long,
    }
    #[repr(C)]
    pub struct Rlimit {
        pub cur: u64,
        pub max: u64,
    }
    pub const CLOCK_PROCESS_CPUTIME_ID: c_int = 2;
    pub const CLOCK_THREAD_CPUTIME_ID: c_int = 3;
    pub const F_DUPFD_CLOEXEC: c_int = 1030;
    pub const F_GETFD: c_int = 1;
    pub const F_SETFD: c_int = 2;
    pub const FD_CLOEXEC: c_int = 1;
    pub const RLIMIT_NOFILE: c_int = 7;
    pub const RLIMIT_STACK: c_int = 3;
    pub const EINTR: i32 = 4;

    extern "C" {
        pub fn clock_gettime(clk: c_int, ts: *mut Timespec) -> c_int;
        pub fn write(fd: c_int, buf: *const c_void, n: usize) -> isize;
        pub fn read(fd: c_int, buf: *mut c_void, n: usize) -> isize;
        pub fn getpid() -> c_int;
        pub fn fcntl(fd: c_int, cmd: c_int, ...) -> c_int;
        pub fn close(fd: c_int) -> c_int;
        pub fn getrlimit(resource: c_int, rl: *mut Rlimit) -> c_int;
        pub fn _exit(status: c_int) -> !;
    }
}

// ---- the channel and the clock ---------------------------------------------------------------

static CHANNEL_FD: AtomicI32 = AtomicI32::new(-1);
static HARNESS_PID: AtomicI32 = AtomicI32::new(0);
/// The case whose user code is running (-1: none), and when its clock started: what the
/// allocator needs to send an M line when memory runs out.
static RUNNING_CASE: AtomicI64 = AtomicI64::new(-1);
static CASE_START_NS: AtomicI64 = AtomicI64::new(0);
static OOM_SENT: AtomicBool = AtomicBool::new(false);

fn clock_ns(clock: i32) -> i64 {
    let mut ts = sys::Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { sys::clock_gettime(clock, &mut ts) };
    ts.tv_sec as i64 * 1_000_000_000 + ts.tv_nsec as i64
}

/// CPU time of the process (CLOCK_PROCESS_CPUTIME_ID), in ns. With RLIMIT_CPU set (the
/// runner sets it) the kernel reads this clock from the process's CPU timer, which advances
/// at scheduler ticks only: a case shorter than a tick would read 0.
pub fn cpu_ns() -> i64 {
    clock_ns(sys::CLOCK_PROCESS_CPUTIME_ID)
}

/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in ns: exact.
pub fn thread_cpu_ns() -> i64 {
    clock_ns(sys::CLOCK_THREAD_CPUTIME_ID)
}

/// A case's CPU clock: the thread's exact time, or the process's (tick-granular) when more
/// was spent, in threads the user's code started.
#[derive(Clone, Copy)]
struct CaseClock {
    thread: i64,
    process: i64,
}

impl CaseClock {
    fn start() -> CaseClock {
        CaseClock { thread: thread_cpu_ns(), process: cpu_ns() }
    }
    fn elapsed_us(&self) -> i64 {
        let t = thread_cpu_ns() - self.thread;
        let p = cpu_ns() - self.process;
        t.max(p).max(0) / 1000
    }
}

/// Write all of bytes to the channel, without allocating. A process the user's code forked
/// that got back into the harness must not speak for it: it exits silently.
fn channel_write(bytes: &[u8]) {
    if unsafe { sys::getpid() } != HARNESS_PID.load(Ordering::SeqCst) {
        unsafe { sys::_exit(0) };
    }
    let fd = CHANNEL_FD.load(Ordering::SeqCst);
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = unsafe { sys::write(fd, rest.as_ptr() as *const _, rest.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(sys::EINTR) {
                continue;
            }
            unsafe { sys::_exit(3) };
        }
        rest = &rest[n as usize..];
    }
}

/// Send one line (the newline is added) on the answer channel.
pub fn send_line(line: &str) {
    let mut s = String::with_capacity(line.len() + 1);
    s.push_str(line);
    s.push('\n');
    channel_write(s.as_bytes());
}

/// Flush what the user's code wrote: it belongs to the current case.
fn flush_user() {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

/// Take the channel from $JUDGE_CHANNEL_FD, move it to a high fd and make it close-on-exec,
/// so that the user's child processes never hold it. Exits 2 without one.
fn open_channel() {
    let fd: i32 = std::env::var("JUDGE_CHANNEL_FD").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    unsafe {
        if sys::fcntl(fd, sys::F_GETFD) < 0 {
            eprintln!("harness: no answer channel on fd {}", fd);
            sys::_exit(2);
        }
        let mut rl = sys::Rlimit { cur: 0, max: 0 };
        let mut target = CHANNEL_HIGH_FD;
        if sys::getrlimit(sys::RLIMIT_NOFILE, &mut rl) == 0 && rl.cur <= CHANNEL_HIGH_FD as u64 {
            target = rl.cur as i32 - 1;
        }
        let mut chan = fd;
        if target > fd {
            let high = sys::fcntl(fd, sys::F_DUPFD_CLOEXEC, target);
            if high >= 0 {
                sys::close(fd);
                chan = high;
            }
        }
        if chan == fd {
            sys::fcntl(fd, sys::F_SETFD, sys::FD_CLOEXEC);
        }
        CHANNEL_FD.store(chan, Ordering::SeqCst);
        HARNESS_PID.store(sys::getpid(), Ordering::SeqCst);
    }
    send_line("B"); // booted; .init_array functions ran before main and count as start-up
}

// ---- memory ------------------------------------------------------------------------------------

/// The system allocator, plus an M line when an allocation fails during a case: Rust then
/// aborts ("memory allocation of N bytes failed"), and the runner keeps the M verdict.
pub struct JudgeAlloc;

#[global_allocator]
static GLOBAL: JudgeAlloc = JudgeAlloc;

fn out_of_memory(size: usize) {
    let case = RUNNING_CASE.load(Ordering::SeqCst);
    if case < 0 || OOM_SENT.swap(true, Ordering::SeqCst) {
        return;
    }
    let cpu_us = (cpu_ns() - CASE_START_NS.load(Ordering::SeqCst)).max(0) / 1000;
    let mut buf = [0u8; 160];
    let len = {
        let mut w: &mut [u8] = &mut buf[..];
        let before = w.len();
        let _ = writeln!(w, "M {} {} \"memory allocation of {} bytes failed\"", case, cpu_us, size);
        before - w.len()
    };
    flush_user();
    channel_write(&buf[..len]);
}

unsafe impl GlobalAlloc for JudgeAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }
}

// ---- JSON ----------------------------------------------------------------------------------------

/// A JSON value of job.json. Numbers in integer syntax that fit 64 bits are `Int`, every
/// other number is `Num`.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member key of an object, None for a missing key or another kind of value.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) | Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("job: {} at byte {}", what, self.i))
    }
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn lit(&mut self, w: &str) -> bool {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            true
        } else {
            false
        }
    }
    fn hex4(&mut self) -> Result<u32, String> {
        if self.i + 4 > self.s.len() {
            return self.fail("bad \\u escape");
        }
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match (self.s[self.i] as char).to_digit(16) {
                Some(d) => d,
                None => return self.fail("bad \\u escape"),
            };
            v = v * 16 + d;
            self.i += 1;
        }
        Ok(v)
    }
    fn string(&mut self) -> Result<String, String> {
        self.i += 1; // the opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            let start = self.i;
            while self.i < self.s.len() && self.s[self.i] != b'"' && self.s[self.i] != b'\\' && self.s[self.i] >= 0x20 {
                self.i += 1;
            }
            out.extend_from_slice(&self.s[start..self.i]);
            if self.i >= self.s.len() {
                return self.fail("unterminated string");
            }
            let c = self.s[self.i];
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {}
                _ => return self.fail("control character in a string"),
            }
            if self.i >= self.s.len() {
                return self.fail("unterminated string");
            }
            let e = self.s[self.i];
            self.i += 1;
            let simple = match e {
                b'"' => b'"',
                b'\\' => b'\\',
                b'/' => b'/',
                b'b' => 8,
                b'f' => 12,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'u' => 0,
                _ => return self.fail("bad escape"),
            };
            if e != b'u' {
                out.push(simple);
                continue;
            }
            let mut cp = self.hex4()?;
            if (0xD800..0xDC00).contains(&cp) && self.s[self.i..].starts_with(b"\\u") {
                let save = self.i;
                self.i += 2;
                let lo = self.hex4()?;
                if (0xDC00..0xE000).contains(&lo) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else {
                    self.i = save;
                }
            }
            let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
            let mut b = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
        }
        Ok(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }
    fn number(&mut self) -> Result<Json, String> {
        let start = self.i;
        let mut integral = true;
        if self.i < self.s.len() && self.s[self.i] == b'-' {
            self.i += 1;
        }
        while self.i < self.s.len() {
            match self.s[self.i] {
                b'0'..=b'9' => {}
                b'.' | b'e' | b'E' | b'+' | b'-' => integral = false,
                _ => break,
            }
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        if integral {
            if let Ok(v) = text.parse::<i64>() {
                return Ok(Json::Int(v));
            }
        }
        match text.parse::<f64>() {
            Ok(v) if !text.is_empty() && text != "-" => Ok(Json::Num(v)),
            _ => self.fail("bad number"),
        }
    }
    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > 512 {
            return self.fail("nested too deeply");
        }
        self.ws();
        if self.i >= self.s.len() {
            return self.fail("unexpected end");
        }
        match self.s[self.i] {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.i < self.s.len() && self.s[self.i] == b'}' {
                    self.i += 1;
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.ws();
                    if self.i >= self.s.len() || self.s[self.i] != b'"' {
                        return self.fail("expected a key");
                    }
                    let k = self.string()?;
                    self.ws();
                    if self.i >= self.s.len() || self.s[self.i] != b':' {
                        return self.fail("expected ':'");
                    }
                    self.i += 1;
                    members.push((k, self.value(depth + 1)?));
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Obj(members));
                        }
                        _ => return self.fail("expected ',' or '}'"),
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.i < self.s.len() && self.s[self.i] == b']' {
                    self.i += 1;
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Arr(items));
                        }
                        _ => return self.fail("expected ',' or ']'"),
                    }
                }
            }
            b'"' => Ok(Json::Str(self.string()?)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => {
                if self.lit("true") {
                    Ok(Json::Bool(true))
                } else if self.lit("false") {
                    Ok(Json::Bool(false))
                } else if self.lit("null") {
                    Ok(Json::Null)
                } else {
                    self.fail("unexpected character")
                }
            }
        }
    }
}

/// Parse a whole JSON text.
pub fn parse_json(text: &[u8]) -> Result<Json, String> {
    let mut p = Parser { s: text, i: 0 };
    let v = p.value(0)?;
    p.ws();
    if p.i != text.len() {
        return p.fail("trailing characters");
    }
    Ok(v)
}

/// Append s as a JSON string literal (UTF-8 kept, control characters escaped).
pub fn put_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Append d written like Python's repr (2.0, 0.1, 1e+16, 1.5e-07); NaN and infinities as null.
pub fn put_double(out: &mut String, d: f64) {
    if !d.is_finite() {
        out.push_str("null");
        return;
    }
    if d == 0.0 {
        out.push_str(if d.is_sign_negative() { "-0.0" } else { "0.0" });
        return;
    }
    // {:e} gives the shortest digits that read back as d: "-1.2345e-7".
    let sci = format!("{:e}", d);
    let (mant, exp) = sci.split_at(sci.find('e').unwrap_or(sci.len()));
    let exp: i32 = exp.get(1..).and_then(|e| e.parse().ok()).unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    if neg {
        out.push('-');
    }
    let decpt = exp + 1; // the value is 0.DIGITS x 10^decpt
    if !(-3..=16).contains(&decpt) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..-decpt {
            out.push('0');
        }
        out.push_str(&digits);
    } else if (decpt as usize) < digits.len() {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
        for _ in digits.len()..decpt as usize {
            out.push('0');
        }
        out.push_str(".0");
    }
}

// ---- typed decoding ------------------------------------------------------------------------------

/// A value the harness can build from a case's JSON argument. Err says why the JSON does not
/// fit this Rust type.
pub trait FromJson: Sized {
    fn from_json(j: &Json) -> Result<Self, String>;
}

/// A value the harness can send back as the answer. Err is the user's fault (a cycle in a
/// returned tree): a runtime error.
pub trait ToJson {
    fn write_json(&self, out: &mut String) -> Result<(), String>;
}

fn expected<T>(what: &str, got: &Json) -> Result<T, String> {
    Err(format!("expected {}, got {}", what, got.kind()))
}

macro_rules! int_codec {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(j: &Json) -> Result<Self, String> {
                match j {
                    Json::Int(v) => <$t>::try_from(*v)
                        .map_err(|_| format!("{} does not fit in {}", v, stringify!($t))),
                    _ => expected("an integer", j),
                }
            }
        }
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) -> Result<(), String> {
                use std::fmt::Write as _;
                let _ = write!(out, "{}", self);
                Ok(())
            }
        }
    )*};
}
int_codec!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl FromJson for f64 {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Int(v) => Ok(*v as f64),
            Json::Num(v) => Ok(*v),
            _ => expected("a number", j),
        }
    }
}
impl ToJson for f64 {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        put_double(out, *self);
        Ok(())
    }
}
impl FromJson for f32 {
    fn from_json(j: &Json) -> Result<Self, String> {
        f64::from_json(j).map(|v| v as f32)
    }
}
impl ToJson for f32 {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        put_double(out, *self as f64);
        Ok(())
    }
}

impl FromJson for bool {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Bool(b) => Ok(*b),
            _ => expected("true or false", j),
        }
    }
}
impl ToJson for bool {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        out.push_str(if *self { "true" } else { "false" });
        Ok(())
    }
}

impl FromJson for char {
    fn from_json(j: &Json) -> Result<Self, String> {
        if let Json::Str(s) = j {
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                return Ok(c);
            }
        }
        expected("a one-character string", j)
    }
}
impl ToJson for char {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        let mut b = [0u8; 4];
        put_string(out, self.encode_utf8(&mut b));
        Ok(())
    }
}

impl FromJson for String {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Str(s) => Ok(s.clone()),
            _ => expected("a string", j),
        }
    }
}
impl ToJson for String {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        put_string(out, self);
        Ok(())
    }
}
impl ToJson for str {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        put_string(out, self);
        Ok(())
    }
}
impl<'a, T: ToJson + ?Sized> ToJson for &'a T {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        (**self).write_json(out)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Arr(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| T::from_json(x).map_err(|e| format!("[{}]: {}", i, e)))
                .collect(),
            _ => expected("an array", j),
        }
    }
}
impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        out.push('[');
        for (i, x) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            x.write_json(out)?;
        }
        out.push(']');
        Ok(())
    }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        self.as_slice().write_json(out)
    }
}

/// void: null.
impl ToJson for () {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        out.push_str("null");
        Ok(())
    }
}

// ---- ListNode and TreeNode -------------------------------------------------------------------------

/// LeetCode's `ListNode`, which the user's crate defines (so that the user's code may
/// implement std's traits for it): `prelude!` implements this for it.
pub trait ListLike: Sized {
    fn make(val: i32, next: Option<Box<Self>>) -> Self;
    fn value(&self) -> i32;
    fn next_node(&self) -> Option<&Self>;
}

/// LeetCode's `TreeNode`, defined in the user's crate like `ListNode`.
pub trait TreeLike: Sized {
    fn make(val: i32) -> Self;
    fn value(&self) -> i32;
    fn children(&self) -> (Option<Rc<RefCell<Self>>>, Option<Rc<RefCell<Self>>>);
    fn set_children(&mut self, left: Option<Rc<RefCell<Self>>>, right: Option<Rc<RefCell<Self>>>);
}

impl<L: ListLike> FromJson for Option<Box<L>> {
    fn from_json(j: &Json) -> Result<Self, String> {
        let items = match j {
            Json::Arr(items) => items,
            _ => return expected("an array for a ListNode", j),
        };
        let mut head: Option<Box<L>> = None;
        for (i, x) in items.iter().enumerate().rev() {
            let v = i32::from_json(x).map_err(|e| format!("[{}]: {}", i, e))?;
            head = Some(Box::new(L::make(v, head)));
        }
        Ok(head)
    }
}
impl<L: ListLike> ToJson for Option<Box<L>> {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        out.push('[');
        let mut node = self.as_deref();
        let mut first = true;
        while let Some(n) = node {
            if !first {
                out.push(',');
            }
            first = false;
            n.value().write_json(out)?;
            node = n.next_node();
        }
        out.push(']');
        Ok(())
    }
}

impl<T: TreeLike> FromJson for Option<Rc<RefCell<T>>> {
    fn from_json(j: &Json) -> Result<Self, String> {
        let items = match j {
            Json::Arr(items) => items,
            _ => return expected("an array for a TreeNode", j),
        };
        let node = |i: usize| -> Result<Option<Rc<RefCell<T>>>, String> {
            match &items[i] {
                Json::Null => Ok(None),
                x => {
                    let v = i32::from_json(x).map_err(|e| format!("[{}]: {}", i, e))?;
                    Ok(Some(Rc::new(RefCell::new(T::make(v)))))
                }
            }
        };
        if items.is_empty() {
            return Ok(None);
        }
        let root = node(0)?;
        let root_rc = match &root {
            Some(r) => r.clone(),
            None => return Ok(None),
        };
        let mut queue = std::collections::VecDeque::new();
        queue.push_back(root_rc);
        let mut i = 1;
        while i < items.len() {
            let parent = match queue.pop_front() {
                Some(p) => p,
                None => return Err("level order has values below no parent".to_string()),
            };
            let left = node(i)?;
            i += 1;
            let right = if i < items.len() { node(i)? } else { None };
            i += 1;
            if let Some(l) = &left {
                queue.push_back(l.clone());
            }
            if let Some(r) = &right {
                queue.push_back(r.clone());
            }
            parent.borrow_mut().set_children(left, right);
        }
        Ok(root)
    }
}
impl<T: TreeLike> ToJson for Option<Rc<RefCell<T>>> {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        let mut queue: Vec<Option<Rc<RefCell<T>>>> = vec![self.clone()];
        let mut seen: HashSet<*const RefCell<T>> = HashSet::new();
        let mut body = String::new();
        let mut keep = 0; // body length up to the last value that is not null
        let mut i = 0;
        while i < queue.len() {
            if i > 0 {
                body.push(',');
            }
            match queue[i].take() {
                None => body.push_str("null"),
                Some(n) => {
                    if !seen.insert(Rc::as_ptr(&n)) {
                        return Err("Error - Found cycle in the TreeNode".to_string());
                    }
                    let b = n.try_borrow().map_err(|_| "a TreeNode of the answer is still borrowed mutably".to_string())?;
                    b.value().write_json(&mut body)?;
                    keep = body.len();
                    let (l, r) = b.children();
                    queue.push(l);
                    queue.push(r);
                }
            }
            i += 1;
        }
        out.push('[');
        out.push_str(&body[..keep]);
        out.push(']');
        Ok(())
    }
}

/// Expanded at the top of the generated main.rs, before the user's code: LeetCode's
/// predefined `use` lines, as a glob import so that the user's own `use std::rc::Rc;` shadows
/// it instead of clashing; with `ListNode` / `TreeNode`, LeetCode's definitions of them and
/// the harness's access to them. Solution is not here: class problems have none.
#[macro_export]
macro_rules! prelude {
    () => {
        #[allow(unused_imports)]
        mod __judge_prelude {
            pub use std::cell::RefCell;
            pub use std::collections::*;
            pub use std::rc::Rc;
        }
        #[allow(unused_imports)]
        use __judge_prelude::*;
    };
    ($($node:ident),+) => {
        $crate::prelude!();
        $($crate::prelude!(@ $node);)+
    };
    (@ ListNode) => {
        // Definition for singly-linked list, as LeetCode has it.
        #[derive(PartialEq, Eq, Clone, Debug)]
        pub struct ListNode {
            pub val: i32,
            pub next: Option<Box<ListNode>>,
        }

        #[allow(dead_code)]
        impl ListNode {
            #[inline]
            fn new(val: i32) -> Self {
                ListNode { next: None, val }
            }
        }

        impl $crate::ListLike for ListNode {
            fn make(val: i32, next: Option<Box<Self>>) -> Self {
                ListNode { val, next }
            }
            fn value(&self) -> i32 {
                self.val
            }
            fn next_node(&self) -> Option<&Self> {
                self.next.as_deref()
            }
        }
    };
    (@ TreeNode) => {
        // Definition for a binary tree node, as LeetCode has it.
        #[derive(Debug, PartialEq, Eq)]
        pub struct TreeNode {
            pub val: i32,
            pub left: Option<Rc<RefCell<TreeNode>>>,
            pub right: Option<Rc<RefCell<TreeNode>>>,
        }

        #[allow(dead_code)]
        impl TreeNode {
            #[inline]
            pub fn new(val: i32) -> Self {
                TreeNode { val, left: None, right: None }
            }
        }

        impl $crate::TreeLike for TreeNode {
            fn make(val: i32) -> Self {
                TreeNode { val, left: None, right: None }
            }
            fn value(&self) -> i32 {
                self.val
            }
            fn children(&self) -> (Option<Rc<RefCell<Self>>>, Option<Rc<RefCell<Self>>>) {
                (self.left.clone(), self.right.clone())
            }
            fn set_children(&mut self, left: Option<Rc<RefCell<Self>>>, right: Option<Rc<RefCell<Self>>>) {
                self.left = left;
                self.right = right;
            }
        }
    };
}

// ---- arguments ---------------------------------------------------------------------------------------

/// Why a call could not be prepared. `Job`: job.json is not what the glue expects (an
/// internal error, X line). `Type`: the value does not fit the type the user's code declared
/// (the host checked it against the signature's types): the submission's runtime error.
#[derive(Debug)]
pub enum Bad {
    Job(String),
    Type(String),
}

/// One decoded argument, kept until the call (and after it, for an in-place answer).
pub struct Slot<S> {
    value: Option<S>,
}

impl<S: ToJson> ToJson for Slot<S> {
    fn write_json(&self, out: &mut String) -> Result<(), String> {
        match &self.value {
            Some(v) => v.write_json(out),
            None => Err("the in-place argument was taken by value: declare the parameter `&mut`".to_string()),
        }
    }
}

/// Check that a call has exactly n arguments.
pub fn arity(args: &[Json], n: usize) -> Result<(), Bad> {
    if args.len() != n {
        return Err(Bad::Job(format!("expected {} arguments, got {}", n, args.len())));
    }
    Ok(())
}

/// Decode argument k into the type S the user's parameter needs (inferred from the call).
pub fn slot<S: FromJson>(args: &[Json], k: usize) -> Result<Slot<S>, Bad> {
    let j = args.get(k).ok_or_else(|| Bad::Job(format!("argument {} is missing", k)))?;
    match S::from_json(j) {
        Ok(v) => Ok(Slot { value: Some(v) }),
        Err(e) => Err(Bad::Type(format!(
            "argument {} does not fit the parameter's type {}: {}",
            k,
            std::any::type_name::<S>(),
            e
        ))),
    }
}

/// A parameter type of the user's code, and how it is passed from its slot: owned values are
/// moved out, references borrow the slot (an in-place answer is the slot after the call).
pub trait Param<'a>: Sized {
    type Stored: FromJson;
    fn take(slot: &'a mut Slot<Self::Stored>) -> Self;
}

fn moved<S>(slot: &mut Slot<S>) -> S {
    slot.value.take().expect("judge: an argument passed twice")
}

macro_rules! owned_param {
    ($($t:ty),*) => {$(
        impl<'a> Param<'a> for $t {
            type Stored = $t;
            fn take(slot: &'a mut Slot<$t>) -> $t {
                moved(slot)
            }
        }
    )*};
}
owned_param!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64, bool, char, String);

impl<'a, T: FromJson> Param<'a> for Vec<T> {
    type Stored = Vec<T>;
    fn take(slot: &'a mut Slot<Vec<T>>) -> Vec<T> {
        moved(slot)
    }
}
impl<'a, L: ListLike> Param<'a> for Option<Box<L>> {
    type Stored = Option<Box<L>>;
    fn take(slot: &'a mut Slot<Self>) -> Self {
        moved(slot)
    }
}
impl<'a, T: TreeLike> Param<'a> for Option<Rc<RefCell<T>>> {
    type Stored = Option<Rc<RefCell<T>>>;
    fn take(slot: &'a mut Slot<Self>) -> Self {
        moved(slot)
    }
}
impl<'a, T: FromJson> Param<'a> for &'a mut T {
    type Stored = T;
    fn take(slot: &'a mut Slot<T>) -> &'a mut T {
        slot.value.as_mut().expect("judge: an argument passed after a move")
    }
}
impl<'a, T: FromJson> Param<'a> for &'a T {
    type Stored = T;
    fn take(slot: &'a mut Slot<T>) -> &'a T {
        slot.value.as_ref().expect("judge: an argument passed after a move")
    }
}
impl<'a> Param<'a> for &'a str {
    type Stored = String;
    fn take(slot: &'a mut Slot<String>) -> &'a str {
        slot.value.as_deref().expect("judge: an argument passed after a move")
    }
}
impl<'a, T: FromJson> Param<'a> for &'a [T] {
    type Stored = Vec<T>;
    fn take(slot: &'a mut Slot<Vec<T>>) -> &'a [T] {
        slot.value.as_deref().expect("judge: an argument passed after a move")
    }
}
impl<'a, T: FromJson> Param<'a> for &'a mut [T] {
    type Stored = Vec<T>;
    fn take(slot: &'a mut Slot<Vec<T>>) -> &'a mut [T] {
        slot.value.as_deref_mut().expect("judge: an argument passed after a move")
    }
}

// ---- the driver --------------------------------------------------------------------------------------

/// A function problem's call, prepared: run it, get the answer (the result, or the in-place
/// argument's slot).
pub type Call = Box<dyn FnOnce() -> Box<dyn ToJson>>;
/// A class problem's constructor call, prepared.
pub type Ctor<C> = Box<dyn FnOnce() -> C>;
/// A class problem's method call, prepared.
pub type Method<C> = Box<dyn FnOnce(&mut C) -> Box<dyn ToJson>>;

static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);

fn cap(mut s: String) -> String {
    if s.len() > MESSAGE_CAP {
        let mut end = MESSAGE_CAP - 16;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str("\n... (truncated)");
    }
    s
}

fn json_string(s: &str) -> String {
    let mut out = String::new();
    put_string(&mut out, &cap(s.to_string()));
    out
}

/// Panics are reported on the E line, in the form rustc's runtime prints them (with the
/// user's own solution.rs line and column), not on the user's stderr.
fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let msg = if let Some(s) = payload.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "Box<dyn Any>".to_string()
        };
        let name = std::thread::current().name().unwrap_or("<unnamed>").to_string();
        let text = match info.location() {
            Some(l) => format!("thread '{}' panicked at {}:{}:{}:\n{}", name, l.file(), l.line(), l.column(), msg),
            None => format!("thread '{}' panicked:\n{}", name, msg),
        };
        if let Ok(mut m) = PANIC_MESSAGE.lock() {
            if m.is_none() {
                *m = Some(text);
            }
        }
    }));
}

fn take_panic_message() -> String {
    PANIC_MESSAGE
        .lock()
        .ok()
        .and_then(|mut m| m.take())
        .unwrap_or_else(|| "the solution panicked".to_string())
}

/// Send the X line of a bad job and exit 2.
fn fail_job(what: &str) -> ! {
    flush_user();
    send_line(&format!("X {}", json_string(&format!("bad job: {}", what))));
    std::process::exit(2);
}

/// The job from the runner's pipe (fd $JUDGE_JOB_FD): a header line, then one line per case,
/// which the runner sends only when the case before it has answered.
struct JobReader {
    fd: i32,
    buf: Vec<u8>,
    count: usize,
}

impl JobReader {
    /// Take the pipe (moved to a high fd, close-on-exec, like the channel) and read the header.
    fn open() -> JobReader {
        let fd: i32 = std::env::var("JUDGE_JOB_FD").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
        let mut job = JobReader { fd, buf: Vec::new(), count: 0 };
        unsafe {
            if sys::fcntl(fd, sys::F_GETFD) < 0 {
                fail_job(&format!("no job pipe on fd {}", fd));
            }
            let mut rl = sys::Rlimit { cur: 0, max: 0 };
            let mut target = JOB_HIGH_FD;
            if sys::getrlimit(sys::RLIMIT_NOFILE, &mut rl) == 0 && rl.cur <= JOB_HIGH_FD as u64 {
                target = rl.cur as i32 - 1;
            }
            if target > fd {
                let high = sys::fcntl(fd, sys::F_DUPFD_CLOEXEC, target);
                if high >= 0 {
                    sys::close(fd);
                    job.fd = high;
                }
            }
            if job.fd == fd {
                sys::fcntl(fd, sys::F_SETFD, sys::FD_CLOEXEC);
            }
        }
        let head = job.line();
        if !matches!(head.get("signature"), Some(Json::Obj(_))) {
            fail_job("the job's header needs a signature object and a case_count");
        }
        job.count = match head.get("case_count") {
            Some(Json::Int(n)) if *n >= 0 => *n as usize,
            _ => fail_job("the job's header needs a signature object and a case_count"),
        };
        job
    }

    /// The next line, parsed. A closed or drained pipe (only the user's code can do that)
    /// exits 3 without an X line: the submission's runtime error.
    fn line(&mut self) -> Json {
        let mut chunk = vec![0u8; 1 << 16];
        let nl = loop {
            if let Some(k) = self.buf.iter().position(|&b| b == b'\n') {
                break k;
            }
            let n = unsafe { sys::read(self.fd, chunk.as_mut_ptr() as *mut _, chunk.len()) };
            if n < 0 && std::io::Error::last_os_error().raw_os_error() == Some(sys::EINTR) {
                continue;
            }
            if n <= 0 {
                flush_user();
                eprintln!("harness: the job pipe was closed or read by someone else");
                std::process::exit(3);
            }
            self.buf.extend_from_slice(&chunk[..n as usize]);
        };
        let rest = self.buf.split_off(nl + 1);
        let mut text = std::mem::replace(&mut self.buf, rest);
        text.pop();
        match parse_json(&text) {
            Ok(d) => d,
            Err(e) => fail_job(&e),
        }
    }
}

fn args_of(case: &Json, i: usize) -> &[Json] {
    match case.get("args") {
        Some(Json::Arr(a)) => a,
        _ => fail_job(&format!("case {} has no args array", i)),
    }
}

/// The outcome of preparing a case: the steps, or the line that ends the run.
fn prepare_failed(i: usize, bad: Bad) -> ! {
    match bad {
        Bad::Job(e) => fail_job(&format!("case {}: {}", i, e)),
        Bad::Type(e) => {
            send_line(&format!("S {}", i));
            flush_user();
            send_line(&format!("E {} 0 {}", i, json_string(&e)));
            std::process::exit(0);
        }
    }
}

/// Run body with the case's clock: S line, CPU time around body, the panic caught. Returns
/// the CPU time in µs and the result, or sends the E line and exits.
fn timed<T>(i: usize, body: impl FnOnce() -> T) -> (i64, T) {
    send_line(&format!("S {}", i));
    *PANIC_MESSAGE.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let clock = CaseClock::start();
    CASE_START_NS.store(clock.process, Ordering::SeqCst);
    RUNNING_CASE.store(i as i64, Ordering::SeqCst);
    let r = panic::catch_unwind(AssertUnwindSafe(body));
    let cpu_us = clock.elapsed_us();
    RUNNING_CASE.store(-1, Ordering::SeqCst);
    match r {
        Ok(v) => (cpu_us, v),
        Err(_) => {
            let msg = take_panic_message();
            flush_user();
            send_line(&format!("E {} {} {}", i, cpu_us, json_string(&msg)));
            std::process::exit(0);
        }
    }
}

/// Send the R line of case i with the answer, or the E line when it cannot be encoded (the
/// harness stops then).
fn answer(i: usize, cpu_us: i64, encoded: Result<String, String>) {
    flush_user();
    match encoded {
        Ok(text) => send_line(&format!("R {} {} {}", i, cpu_us, text)),
        Err(e) => {
            send_line(&format!("E {} {} {}", i, cpu_us, json_string(&e)));
            std::process::exit(0);
        }
    }
}

fn encode(v: &dyn ToJson) -> Result<String, String> {
    let mut out = String::new();
    // A panic here (a TreeNode borrowed by the user's code) is the answer's fault too.
    match panic::catch_unwind(AssertUnwindSafe(|| v.write_json(&mut out))) {
        Ok(Ok(())) => Ok(out),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(take_panic_message()),
    }
}

fn case_stack_size() -> usize {
    let mut rl = sys::Rlimit { cur: 0, max: 0 };
    let half = if unsafe { sys::getrlimit(sys::RLIMIT_STACK, &mut rl) } == 0 { rl.cur / 2 } else { STACK_MAX };
    half.clamp(STACK_MIN, STACK_MAX) as usize
}

/// Open the channel, install the hooks and run body in a thread with a large stack; exit
/// with its status.
fn harness_main(body: Box<dyn FnOnce() + Send>) -> ! {
    open_channel();
    install_panic_hook();
    // A failed spawn drops its closure: the body stays in here for the next attempt.
    let body = std::sync::Arc::new(Mutex::new(Some(body)));
    for size in [case_stack_size(), STACK_SIZE_SMALL] {
        let mine = body.clone();
        // "main", as the thread LeetCode runs solutions in is named in panic messages.
        let spawned = std::thread::Builder::new().name("main".to_string()).stack_size(size).spawn(move || {
            let f = mine.lock().ok().and_then(|mut b| b.take());
            if let Some(f) = f {
                f()
            }
        });
        if let Ok(h) = spawned {
            let ok = h.join().is_ok();
            flush_user();
            if !ok {
                send_line(&format!("X {}", json_string(&format!("harness: {}", take_panic_message()))));
                std::process::exit(2);
            }
            std::process::exit(0);
        }
    }
    fail_job("cannot start the thread that runs the cases");
}

/// main() of a function problem. prepare(args) decodes one case's arguments and returns the
/// call; it runs before the case's clock starts.
pub fn run_function<F>(prepare: F) -> !
where
    F: FnMut(&[Json]) -> Result<Call, Bad> + Send + 'static,
{
    // Everything past this line is compiled once, in the rlib, not in every submission.
    run_function_dyn(Box::new(prepare))
}

fn run_function_dyn(mut prepare: Box<dyn FnMut(&[Json]) -> Result<Call, Bad> + Send>) -> ! {
    harness_main(Box::new(move || {
        let mut job = JobReader::open();
        for i in 0..job.count {
            let case = job.line();
            let call = match prepare(args_of(&case, i)) {
                Ok(c) => c,
                Err(bad) => prepare_failed(i, bad),
            };
            let (cpu_us, result) = timed(i, call);
            answer(i, cpu_us, encode(&*result));
            drop(result);
        }
    }))
}

type AnyCtor = Box<dyn FnOnce() -> Box<dyn Any>>;
type AnyMethod = Box<dyn FnOnce(&mut dyn Any) -> Box<dyn ToJson>>;

/// main() of a class problem. ctor(args) prepares the constructor call, method(name, args)
/// a method call by name (Bad::Job for a name the class does not have).
pub fn run_class<C, F, G>(mut ctor: F, mut method: G) -> !
where
    C: 'static,
    F: FnMut(&[Json]) -> Result<Ctor<C>, Bad> + Send + 'static,
    G: FnMut(&str, &[Json]) -> Result<Method<C>, Bad> + Send + 'static,
{
    // The class's type is erased here, so that the driver is compiled once, in the rlib.
    let any_ctor = move |args: &[Json]| -> Result<AnyCtor, Bad> {
        let c = ctor(args)?;
        Ok(Box::new(move || Box::new(c()) as Box<dyn Any>))
    };
    let any_method = move |name: &str, args: &[Json]| -> Result<AnyMethod, Bad> {
        let m = method(name, args)?;
        Ok(Box::new(move |obj: &mut dyn Any| match obj.downcast_mut::<C>() {
            Some(o) => m(o),
            None => unreachable!(),
        }))
    };
    run_class_dyn(Box::new(any_ctor), Box::new(any_method))
}

#[allow(clippy::type_complexity)]
fn run_class_dyn(
    mut ctor: Box<dyn FnMut(&[Json]) -> Result<AnyCtor, Bad> + Send>,
    mut method: Box<dyn FnMut(&str, &[Json]) -> Result<AnyMethod, Bad> + Send>,
) -> ! {
    harness_main(Box::new(move || {
        let mut job = JobReader::open();
        for i in 0..job.count {
            let case = job.line();
            let (calls, args) = match (case.get("calls"), case.get("args")) {
                (Some(Json::Arr(c)), Some(Json::Arr(a))) if c.len() == a.len() && !c.is_empty() => (c, a),
                _ => fail_job(&format!("case {}: calls and args do not match", i)),
            };
            let arg_list = |k: usize| -> &[Json] {
                match &args[k] {
                    Json::Arr(a) => a,
                    _ => fail_job(&format!("case {}: args[{}] is not an array", i, k)),
                }
            };
            let first = match ctor(arg_list(0)) {
                Ok(c) => c,
                Err(bad) => prepare_failed(i, bad),
            };
            let mut steps = Vec::with_capacity(calls.len() - 1);
            for k in 1..calls.len() {
                let name = match &calls[k] {
                    Json::Str(s) => s.as_str(),
                    _ => fail_job(&format!("case {}: calls[{}] is not a string", i, k)),
                };
                match method(name, arg_list(k)) {
                    Ok(m) => steps.push(m),
                    Err(bad) => prepare_failed(i, bad),
                }
            }
            let (cpu_us, (obj, results)) = timed(i, move || {
                let mut obj = first();
                let results: Vec<Box<dyn ToJson>> = steps.into_iter().map(|m| m(&mut *obj)).collect();
                (obj, results)
            });
            let mut text = String::from("[null");
            let mut encoded = Ok(());
            for r in &results {
                text.push(',');
                match encode(&**r) {
                    Ok(t) => text.push_str(&t),
                    Err(e) => {
                        encoded = Err(e);
                        break;
                    }
                }
            }
            text.push(']');
            answer(i, cpu_us, encoded.map(|_| text));
            drop(results);
            drop(obj);
        }
    }))
}
