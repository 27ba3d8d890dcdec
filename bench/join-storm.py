#!/usr/bin/env python3
"""A burst of joins for bench/join-storm.sh: every token in TOKENS_FILE joins competition COMP
once, over CONNS keep-alive connections (one thread each), as fast as the server answers.
Prints one JSON line: joins, ok (200), status counts, seconds, joins/s, p50/p99 ms.

    join-storm.py HOST PORT COMP TOKENS_FILE CONNS
"""
import http.client
import json
import sys
import threading
import time


def main():
    host, port, comp, tokens_file, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    with open(tokens_file) as f:
        tokens = [t.strip() for t in f if t.strip()]
    statuses = {}
    lat = []
    lock = threading.Lock()

    def worker(part):
        c = http.client.HTTPConnection(host, port, timeout=60)
        mine = {}
        ms = []
        for tok in part:
            t0 = time.monotonic()
            try:
                c.request("POST", f"/competitions/{comp}/join", headers={"Authorization": "Bearer " + tok})
                r = c.getresponse()
                r.read()
                st = r.status
            except (OSError, http.client.HTTPException):
                st = 0
                c.close()
                c = http.client.HTTPConnection(host, port, timeout=60)
            ms.append((time.monotonic() - t0) * 1000)
            mine[st] = mine.get(st, 0) + 1
        with lock:
            for k, v in mine.items():
                statuses[k] = statuses.get(k, 0) + v
            lat.extend(ms)

    parts = [tokens[i::conns] for i in range(conns)]
    threads = [threading.Thread(target=worker, args=(p,)) for p in parts]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.monotonic() - t0
    lat.sort()
    pick = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 3) if lat else 0
    print(json.dumps({"joins": len(tokens), "ok": statuses.get(200, 0),
                      "statuses": {str(k): v for k, v in sorted(statuses.items())}, "seconds": round(secs, 2),
                      "rps": round(len(tokens) / secs, 1), "p50_ms": pick(0.5), "p99_ms": pick(0.99)}))


if __name__ == "__main__":
    main()
