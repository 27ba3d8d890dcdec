import ctypes
import os
import socket
import stat
import subprocess

libc = ctypes.CDLL(None, use_errno=True)


def refused(fn):
    """True when fn raises OSError (the sandbox said no)."""
    try:
        fn()
    except OSError:
        return True
    return False


def write(path):
    with open(path, "w") as f:
        f.write("x")


class Solution:
    def probe(self, what: str) -> str:
        if what == "uid":
            # A uid of its own from the judge's default range (lib/engine/uid.h), gid = uid, no
            # /etc/passwd entry; HOME is still usable.
            ids = (os.getuid(), os.geteuid(), os.getgid(), os.getegid())
            if len(set(ids)) != 1 or not 200000 <= ids[0] <= 265535:
                return f"uid/euid/gid/egid {ids}"
            if os.getgroups() not in ([], [ids[0]]):
                return f"supplementary groups {os.getgroups()}"
            home = os.path.expanduser("~")
            write(os.path.join(home, "probe-home"))
            return "ok"
        if what == "setid":
            # No set-uid or set-gid file anywhere on the image (stripped and checked at build).
            for top in ["/usr", "/bin", "/sbin", "/lib", "/etc", "/opt", "/var", "/root"]:
                for d, dirs, files in os.walk(top):
                    for name in dirs + files:
                        path = os.path.join(d, name)
                        try:
                            st = os.lstat(path)
                        except OSError:
                            continue
                        if not stat.S_ISLNK(st.st_mode) and st.st_mode & (stat.S_ISUID | stat.S_ISGID):
                            return "set-id " + path
            return "ok"
        if what == "write-tmp":
            write("/tmp/probe-ok")
            return "ok" if os.path.exists("/tmp/probe-ok") else "cannot write /tmp"
        if what == "write-root":
            for p in ["/evil", "/etc/evil", "/opt/judge/evil", "/usr/bin/evil"]:
                if not refused(lambda: write(p)):
                    return "wrote " + p
            return "ok"
        if what == "write-sub":
            for p in ["/sub/evil", "/sub/p/evil", "/sub/p/src/evil", "/sub/p/job.enc"]:
                if not refused(lambda: write(p)):
                    return "wrote " + p
            if not refused(lambda: os.chmod("/sub/p", 0o777)):
                return "chmod /sub/p"
            return "ok"
        if what == "network":
            nets = sorted(os.listdir("/sys/class/net")) if os.path.isdir("/sys/class/net") else ["lo"]
            if nets != ["lo"]:
                return "interfaces " + ",".join(nets)
            with open("/proc/net/dev") as f:
                devs = sorted(l.split(":")[0].strip() for l in f.readlines()[2:])
            if devs != ["lo"]:
                return "interfaces " + ",".join(devs)
            for fam in (socket.AF_INET, socket.AF_INET6):
                try:
                    s = socket.socket(fam, socket.SOCK_STREAM)
                except OSError:
                    continue
                try:
                    s.settimeout(1)
                    s.connect(("127.0.0.1", 9) if fam == socket.AF_INET else ("::1", 9))
                    return "connected"
                except OSError:
                    pass
                finally:
                    s.close()
            return "ok"
        if what == "expected":
            needle = b'"exp' + b'ected":'  # a key; built at run time: this file itself is under /sub
            for root, _, files in os.walk("/sub"):
                if root.startswith("/sub/p/src"):
                    continue  # the user's own code (this file) is no test data
                for name in files:
                    try:
                        if needle in open(os.path.join(root, name), "rb").read():
                            return "expected outputs in " + os.path.join(root, name)
                    except OSError:
                        pass
            return "ok"
        if what == "caps":
            for line in open("/proc/self/status"):
                if line.startswith(("CapEff:", "CapPrm:")) and int(line.split()[1], 16) != 0:
                    return line.strip()
                if line.startswith("NoNewPrivs:") and line.split()[1] != "1":
                    return line.strip()
            return "ok"
        if what == "unshare":
            for flag in (0x10000000, 0x00020000, 0x40000000, 0x20000000):  # user, mount, net, pid
                if libc.unshare(flag) == 0:
                    return f"unshare {flag:#x} worked"
            return "ok"
        if what == "ptrace":
            if libc.ptrace(0, 0, None, None) == 0:  # PTRACE_TRACEME
                return "ptrace worked"
            return "ok"
        if what == "mount":
            if libc.mount(b"none", b"/tmp", b"tmpfs", 0, None) == 0:
                return "mount worked"
            return "ok"
        if what == "syscalls":
            libc.syscall.restype = ctypes.c_long
            # x86_64: bpf 321, keyctl 250, add_key 248, io_uring_setup 425, userfaultfd 323,
            # perf_event_open 298, init_module 175, kexec_load 246, setns 308
            for nr in (321, 250, 248, 425, 323, 298, 175, 246, 308):
                if libc.syscall(ctypes.c_long(nr), 0, 0, 0, 0, 0) >= 0:
                    return f"syscall {nr} worked"
            return "ok"
        if what == "proc1":
            for p in ["/proc/1/fd/1", "/proc/1/environ", "/proc/1/mem"]:
                try:
                    open(p, "rb").read(1)
                    return "read " + p
                except OSError:
                    pass
            return "ok"
        if what == "engine-socket":
            for p in ["/run/docker.sock", "/var/run/docker.sock", "/run/podman/podman.sock"]:
                if os.path.exists(p):
                    return "engine socket visible at " + p
            return "ok"
        if what == "background":
            # Left running on purpose: the judge must not let it outlive the judgement.
            subprocess.Popen(["sleep", "4242"], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return "ok"
        return "unknown probe " + what
