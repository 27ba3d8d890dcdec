#!/usr/bin/python3
"""A webhook receiver for the service tests (section webhooks), on 127.0.0.1 only.

  webhook-receiver.py PORT DIR

POST /ok/NAME answers 200 after 50 ms (so that two senders overlap); POST /flaky/NAME answers 500 to the first two requests of each
delivery id, then 200; POST /hang/NAME holds the first request of each delivery id for 10 s (the
test kills the sender meanwhile), then answers 200, and later ones at once. Each request is verified the way docs/service.md tells a receiver to:
HMAC-SHA256 with the secret in DIR/secret-NAME (written by the test once the webhook exists)
over "X-Judge-Timestamp.body", compared in constant time, and the timestamp at most 5 minutes
old. One JSON line per request is appended to DIR/requests.jsonl: path, name, the X-Judge-*
headers, the body, whether the signature and the timestamp passed, the status answered.
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, DIR = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
seen = {}  # (name, delivery id) -> requests so far


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        parts = self.path.strip("/").split("/")
        mode, name = (parts + ["", ""])[:2]
        ts = self.headers.get("X-Judge-Timestamp", "")
        sig = self.headers.get("X-Judge-Signature", "")
        delivery = self.headers.get("X-Judge-Delivery", "")
        try:
            secret = open(os.path.join(DIR, "secret-" + name), encoding="ascii").read().strip()
        except OSError:
            secret = ""
        want = "sha256=" + hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        sig_ok = bool(secret) and hmac.compare_digest(want, sig)
        try:
            ts_ok = abs(time.time() - int(ts)) <= 300
        except ValueError:
            ts_ok = False
        with lock:
            k = (name, delivery)
            seen[k] = seen.get(k, 0) + 1
            nth = seen[k]
        status = 500 if mode == "flaky" and nth <= 2 else 200 if mode in ("ok", "flaky", "hang") else 404
        rec = {"path": self.path, "name": name, "delivery": delivery, "event": self.headers.get("X-Judge-Event"),
               "content_type": self.headers.get("Content-Type"), "timestamp": ts, "signature": sig,
               "sig_ok": sig_ok, "ts_ok": ts_ok, "answered": status, "body": body.decode("utf-8", "replace")}
        with lock:
            with open(os.path.join(DIR, "requests.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
        if mode == "ok":
            time.sleep(0.05)
        if mode == "hang" and nth == 1:
            time.sleep(10)
        out = b'{"error":"try again"}' if status == 500 else b"{}"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
