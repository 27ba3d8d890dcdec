# Attack (test/e2e/secrecy.sh): during the first sample case, look for the hidden inputs of
# secret-inputs everywhere a submission can: every file under /sub and /tmp, the runner's
# /proc/1/{environ,cmdline,mem}, its own environment, every object the interpreter holds
# (gc, frames), its whole memory (/proc/self/mem), and any readable pipe it holds. Prints
# "FOUND <value> in <where>" for what it finds; the sample's own input is the control.
import gc
import hashlib
import os
import re
import select
import sys

# The values are known only by their SHA-256 (two hidden inputs, then the sample's): holding
# them in plain form, this process would find itself. A match is a 9-digit run that hashes so.
TARGETS = {
    "8a9bcf1e51e812d0af8465a8dbcc9f741064bf0af3b3d08e6b0246437c19f7fb",
    "e094461145afaf76c97e96a7d9542c0b4f9eed158da7338c29a8400fa6d4ab3d",
    "837e59d0396ab5fcfa64c48dfe989f496ed21386799399a7d43582900871a7a3",
}
NINE = re.compile(rb"(?<![0-9])[0-9]{9}(?![0-9])")
seen = set()
done = False


def is_target(digits):
    return hashlib.sha256(digits).hexdigest() in TARGETS


def found(value, where):
    if (value, where) not in seen and len(seen) < 200:
        seen.add((value, where))
        print("FOUND %s in %s" % (value, where))


def scan_bytes(data, where):
    for m in set(NINE.findall(data)):
        if is_target(m):
            found(m.decode(), where)
    m = re.search(rb"JUDGE_JOB_KEY=[0-9a-fA-F]{8}", data)
    if m:
        print("KEY in %s" % where)


def read_file(path):
    try:
        with open(path, "rb") as f:
            return f.read(64 << 20)
    except OSError as e:
        print("DENIED %s (%s)" % (path, type(e).__name__))
        return None


def scan_files(top):
    for root, dirs, files in os.walk(top):
        for name in files:
            p = os.path.join(root, name)
            data = read_file(p)
            if data is not None:
                print("READ %s %d bytes" % (p, len(data)))
                scan_bytes(data, p)


def scan_objects():
    def check(v, where):
        if isinstance(v, int) and not isinstance(v, bool) and 10**8 <= v < 10**9 and is_target(str(v).encode()):
            found(str(v), where)
        elif isinstance(v, (str, bytes, bytearray)):
            scan_bytes(v.encode("utf-8", "replace") if isinstance(v, str) else bytes(v), where)

    for o in gc.get_objects():
        if isinstance(o, dict):
            for k, v in list(o.items()):
                check(k, "gc")
                check(v, "gc")
        elif isinstance(o, (list, tuple, set, frozenset)):
            for v in list(o):
                check(v, "gc")
    for frame in sys._current_frames().values():
        f = frame
        while f is not None:
            for v in list(f.f_locals.values()):
                check(v, "frame")
            f = f.f_back


def scan_memory():
    try:
        maps = open("/proc/self/maps").read().splitlines()
        mem = open("/proc/self/mem", "rb", buffering=0)
    except OSError as e:
        print("DENIED /proc/self/mem (%s)" % e)
        return
    total = 0
    for line in maps:
        parts = line.split()
        lo, hi = (int(x, 16) for x in parts[0].split("-"))
        if "r" not in parts[1] or hi - lo > (256 << 20) or (len(parts) > 5 and parts[5] == "[vvar]"):
            continue
        try:
            mem.seek(lo)
            data = mem.read(hi - lo)
        except (OSError, ValueError, OverflowError):
            continue
        total += len(data)
        scan_bytes(data, "memory")
    print("SCANNED memory %d bytes" % total)


def scan_pipes():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            target = os.readlink("/proc/self/fd/%d" % fd)
        except OSError:
            continue
        if fd <= 2 or not target.startswith("pipe:"):
            continue
        try:
            if select.select([fd], [], [], 0)[0]:
                data = os.read(fd, 1 << 20)
                print("PIPE fd %d gave %d bytes" % (fd, len(data)))
                scan_bytes(data, "pipe")
        except OSError:
            pass


def attack():
    for top in ("/sub", "/tmp"):
        scan_files(top)
    for p in ("/proc/1/environ", "/proc/1/cmdline", "/proc/1/mem"):
        data = read_file(p)
        if data is not None:
            print("READ %s %d bytes" % (p, len(data)))
            scan_bytes(data, p)
    print("ENV %s" % " ".join(sorted(k for k in os.environ if k.startswith("JUDGE"))))
    scan_bytes(b"\0".join(k.encode() + b"=" + v.encode() for k, v in os.environ.items()), "environ")
    scan_objects()
    scan_memory()
    scan_pipes()
    print("ATTACK DONE")


class Solution:
    def lastDigits(self, n: int) -> int:
        global done
        if not done:
            done = True
            attack()
        return n % 1000
