#!/usr/bin/env python3
"""A container engine that can be broken on purpose, for judged's service tests.

    engine-proxy.py LISTEN_SOCKET UPSTREAM_SOCKET CONTROL_FILE

Listens on LISTEN_SOCKET (a Unix socket) and forwards each HTTP request to the real engine at
UPSTREAM_SOCKET, one upstream connection per request (the client is told "Connection: close").
CONTROL_FILE, re-read whenever it changes (write a new file and rename it over the old one),
says what to do, one directive per line:

    up                                     forward (the default)
    down                                   stop listening and drop every open connection:
                                           clients see "connection refused"
    inject METHOD PATH_RE STATUS COUNT [big]
                                           answer the next COUNT requests whose method is METHOD
                                           and whose path (below /v1.xx) matches PATH_RE with
                                           STATUS and {"message":"injected STATUS"}, or with a
                                           2 MiB JSON body when "big" is given

Every request is logged on stderr as "proxy: METHOD PATH -> forwarded|injected STATUS".
"""
import os
import re
import socket
import sys
import threading
import time

listen_path, upstream_path, control_path = sys.argv[1:4]

lock = threading.Lock()
control_lock = threading.Lock()
state = {"down": False, "rules": [], "stamp": None}
conns = set()


def log(msg):
    sys.stderr.write("proxy: %s\n" % msg)
    sys.stderr.flush()


def read_control():
    # Called by the accept loop and by every connection before it matches a rule: a rule
    # written just before a request must apply to it even if the loop was inside accept().
    with control_lock:
        read_control_locked()


def read_control_locked():
    try:
        st = os.stat(control_path)
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        stamp = None
    if stamp == state["stamp"]:
        return
    state["stamp"] = stamp
    down, rules = False, []
    if stamp:
        with open(control_path) as f:
            for line in f:
                w = line.split()
                if not w:
                    continue
                if w[0] == "down":
                    down = True
                elif w[0] == "up":
                    down = False
                elif w[0] == "inject" and len(w) >= 5:
                    rules.append({"method": w[1], "path": re.compile(w[2]), "status": int(w[3]),
                                  "left": int(w[4]), "big": len(w) > 5 and w[5] == "big"})
    with lock:
        state["down"], state["rules"] = down, rules
    log("control: %s, %d rule(s)" % ("down" if down else "up", len(rules)))


def recv_head(c):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(65536)
        if not chunk:
            return None, None
        data += chunk
        if len(data) > 1 << 20:
            return None, None
    head, rest = data.split(b"\r\n\r\n", 1)
    return head, rest


def pump(src, dst):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            dst.sendall(chunk)
    except OSError:
        pass
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def handle(c):
    with lock:
        conns.add(c)
    try:
        head, rest = recv_head(c)
        if head is None:
            return
        lines = head.split(b"\r\n")
        method, target = lines[0].split(b" ")[:2]
        method, target = method.decode(), target.decode()
        path = re.sub(r"^/v1\.[0-9]+", "", target)
        read_control()
        rule = None
        with lock:
            for r in state["rules"]:
                if r["left"] > 0 and r["method"] == method and r["path"].search(path):
                    r["left"] -= 1
                    rule = r
                    break
        if rule:
            length = 0
            for l in lines[1:]:
                k, _, v = l.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v.strip())
            while len(rest) < length:
                chunk = c.recv(65536)
                if not chunk:
                    break
                rest += chunk
            if rule["big"]:
                body = b'{"Id":"' + b"x" * (2 << 20) + b'"}'
            else:
                body = b'{"message":"injected %d"}' % rule["status"]
            # logged first: a client that stops reading past its cap makes sendall fail
            log("%s %s -> injected %d%s" % (method, path, rule["status"], " (big)" if rule["big"] else ""))
            c.sendall(b"HTTP/1.1 %d Injected\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                      b"Connection: close\r\n\r\n" % (rule["status"], len(body)) + body)
            return
        u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        u.connect(upstream_path)
        with lock:
            conns.add(u)
        kept = [l for l in lines[1:] if not l.lower().startswith(b"connection:")]
        u.sendall(b"\r\n".join([lines[0]] + kept + [b"Connection: close"]) + b"\r\n\r\n" + rest)
        t = threading.Thread(target=pump, args=(c, u), daemon=True)
        t.start()
        log("%s %s -> forwarded" % (method, path))
        pump(u, c)
        u.close()
        with lock:
            conns.discard(u)
    except OSError as e:
        log("connection: %s" % e)
    finally:
        with lock:
            conns.discard(c)
        try:
            c.close()
        except OSError:
            pass


def listen():
    try:
        os.unlink(listen_path)
    except FileNotFoundError:
        pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(listen_path)
    s.listen(64)
    s.settimeout(0.1)
    return s


def main():
    read_control()
    srv = None if state["down"] else listen()
    while True:
        read_control()
        if state["down"] and srv:
            srv.close()
            srv = None
            # Keep the socket file: a client connecting now is refused, as with a stopped engine.
            with lock:
                for c in list(conns):
                    try:
                        c.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            log("down")
        elif not state["down"] and not srv:
            srv = listen()
            log("up")
        if not srv:
            time.sleep(0.1)
            continue
        try:
            c, _ = srv.accept()
        except socket.timeout:
            continue
        except OSError:
            continue
        threading.Thread(target=handle, args=(c,), daemon=True).start()


main()
