#!/usr/bin/python3
"""Calls every endpoint of a running judged (success and typical error cases) and checks each
real answer against docs/openapi.json: the path and method must be described, the status must be
one of the operation's responses, the Content-Type one of its media types, the body must validate
against its JSON Schema (Draft 2020-12, $refs resolved in the document's components), and the
headers it requires must be present. The request bodies of the calls meant to succeed are
validated against the requestBody schema too. At the end every operation of the document must
have been exercised.

Run by openapi-test.sh, which starts PostgreSQL, Redis and judged. Prints one line per check,
"ok DESCRIPTION" or "not ok DESCRIPTION", and "# ..." for details; the shell numbers them (TAP).

  openapi-check.py DOC API_URL WORKER_URL ADMIN_TOKEN SOURCE_DIR
"""
import gzip
import http.client
import json
import os
import re
import sys
import time
import urllib.parse

from jsonschema import Draft202012Validator, RefResolver

DOC_PATH, API, WORKER, ADMIN, SRC = sys.argv[1:6]
DOC = json.load(open(DOC_PATH, encoding="utf-8"))
RESOLVER = RefResolver(base_uri="", referrer=DOC)

exercised = {}  # (template, method) -> set of statuses
failures = 0
last_headers = {}  # of the latest call's answer (lower-case names)


def emit(good, desc, why=()):
    global failures
    if not good:
        failures += 1
    print(("ok " if good else "not ok ") + desc.replace("\n", " "), flush=True)
    for w in why:
        print("#   " + str(w).replace("\n", " ")[:400], flush=True)


def deref(obj):
    while isinstance(obj, dict) and "$ref" in obj:
        obj = RESOLVER.resolve(obj["$ref"])[1]
    return obj


def schema_errors(schema, value):
    v = Draft202012Validator(schema, resolver=RESOLVER)
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(body)", e.message)
            for e in sorted(v.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))][:5]


TEMPLATES = []
for tpl in DOC["paths"]:
    rx = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(tpl)) + "$"
    TEMPLATES.append((re.compile(rx), tpl))


def template_of(path):
    matches = [t for rx, t in TEMPLATES if rx.match(path)]
    # a literal segment beats a parameter ("/a/me" over "/a/{id}")
    matches.sort(key=lambda t: t.count("{"))
    return matches[0] if matches else None


def request(base, method, path, token=None, body=None, raw=None, headers=None, first_event=False):
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
        h.setdefault("Content-Type", "application/json")
    try:
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        if first_event and r.status == 200:
            # an event stream that stays open: its bytes up to the end of the first event
            data = b""
            while b"event:" not in data or not data.endswith(b"\n\n"):
                b = r.read(1)
                if not b:
                    break
                data += b
        else:
            data = r.read()
        out = r.status, {k.lower(): v for k, v in r.getheaders()}, data
        if out[1].get("content-encoding") == "gzip":  # checked as what it decompresses to
            out = out[0], out[1], gzip.decompress(out[2])
    finally:
        c.close()
    return out


def call(desc, method, path, token=None, body=None, raw=None, expect=None, base=API, undocumented=False,
         headers=None, first_event=False):
    """One request, checked against the document. undocumented: a path or method the document
    does not describe on purpose (an unknown endpoint, a worker-only process): the answer must
    then be a 404 with the Error schema. Returns (status, parsed body or text)."""
    why = []
    try:
        status, hdrs, data = request(base, method, path, token, body, raw, headers, first_event=first_event)
        last_headers.clear()
        last_headers.update(hdrs)
    except Exception as e:  # noqa: BLE001 - any transport failure is this check's failure
        emit(False, "%s %s: %s" % (method, path, desc), ["no answer: %r" % e])
        return None, None
    ctype = hdrs.get("content-type", "")
    text = data.decode("utf-8", "replace")
    parsed = text
    if ctype.startswith("application/json"):
        try:
            parsed = json.loads(text)
        except ValueError as e:
            why.append("the body is not JSON: %s" % e)
    if expect is not None and status != expect:
        why.append("status %d, expected %d" % (status, expect))
    plain = urllib.parse.urlsplit(path).path
    tpl = template_of(plain)
    op = DOC["paths"].get(tpl, {}).get(method.lower()) if tpl else None
    if undocumented:
        if op is not None and base != WORKER:  # a worker-only judged serves none of the API
            why.append("described in the document, but called as an undocumented endpoint")
        if status != 404:
            why.append("an undocumented endpoint answered %d, not 404" % status)
        why += schema_errors({"$ref": "#/components/schemas/Error"}, parsed)
    elif op is None:
        why.append("undocumented endpoint %s %s" % (method, tpl or plain))
    else:
        exercised.setdefault((tpl, method.lower()), set()).add(status)
        # query parameters must be described
        names = {deref(p)["name"] for p in op.get("parameters", []) if deref(p)["in"] == "query"}
        for q in urllib.parse.parse_qs(urllib.parse.urlsplit(path).query, keep_blank_values=True):
            if q not in names:
                why.append("undocumented query parameter %s" % q)
        # the request body of a call meant to succeed
        if body is not None and raw is None and expect is not None and expect < 300:
            rb = deref(op.get("requestBody", {}))
            sch = rb.get("content", {}).get("application/json", {}).get("schema")
            if sch is None:
                why.append("a body was sent, but the operation describes none")
            else:
                why += ["request " + e for e in schema_errors(sch, body)]
        resp = op["responses"].get(str(status))
        if resp is None:
            why.append("undocumented status %d (documented: %s)" % (status, ", ".join(op["responses"])))
        else:
            resp = deref(resp)
            content = resp.get("content", {})
            media = content.get(ctype)
            if status == 204:  # no content: none documented, none sent
                if content or data or ctype:
                    why.append("204 with content (%r, %d bytes) or content documented" % (ctype, len(data)))
            elif not content:  # an answer without a body (304)
                if data:
                    why.append("a body of %d bytes where the document describes none" % len(data))
            elif media is None:
                why.append("Content-Type %r not documented (documented: %s)" % (ctype, ", ".join(content)))
            else:
                why += schema_errors(media["schema"], parsed)
            for name, hd in resp.get("headers", {}).items():
                hd = deref(hd)
                if hd.get("required") and name.lower() not in hdrs:
                    why.append("missing header %s" % name)
                elif name.lower() in hdrs and "schema" in hd:
                    val = hdrs[name.lower()]
                    if deref(hd["schema"]).get("type") == "integer":
                        try:
                            val = int(val)
                        except ValueError:
                            pass
                    why += ["header %s: %s" % (name, e) for e in schema_errors(hd["schema"], val)]
    emit(not why, "%s %s -> %d: %s" % (method, path if len(path) < 80 else path[:77] + "...", status, desc), why)
    return status, parsed


def wait_done(token, sid, secs=int(os.environ.get("OPENAPI_CHECK_WAIT", "180"))):
    deadline = time.time() + secs
    doc = None
    seen = set()
    while time.time() < deadline:
        # every poll is checked, but reported once per status
        status, hdrs, data = request(API, "GET", "/submissions/%d" % sid, token)
        doc = json.loads(data) if status == 200 else None
        st = doc.get("status") if doc else None
        if st not in seen:
            seen.add(st)
            call("submission %d while %s" % (sid, st), "GET", "/submissions/%d" % sid, token, expect=200)
        if st == "done":
            return doc
        time.sleep(0.3)
    emit(False, "submission %d finished within %d s" % (sid, secs), ["last: %s" % json.dumps(doc)[:300]])
    return doc


def read(path):
    return open(SRC + "/" + path, encoding="utf-8").read()


def main():
    # the document itself: every component schema is a valid Draft 2020-12 schema
    bad = []
    for name, sch in DOC["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(sch)
        except Exception as e:  # noqa: BLE001
            bad.append("%s: %s" % (name, str(e).splitlines()[0]))
    emit(DOC.get("openapi", "").startswith("3.1") and not bad,
         "docs/openapi.json is OpenAPI 3.1 with valid Draft 2020-12 schemas", bad)

    # ---- service ----
    st, served = call("the description, without a token", "GET", "/openapi.json", expect=200)
    emit(served == DOC, "GET /openapi.json serves docs/openapi.json as it is")
    call("health, without a token", "GET", "/healthz", expect=200)
    call("metrics, without a token", "GET", "/metrics", expect=200)
    # the web app (200 when web/dist is built, else 503: both described)
    st, _ = call("the web app's page, without a token", "GET", "/")
    call("the web app's script", "GET", "/app/app.js", expect=200 if st == 200 else 503)
    # its gzip variant (written by scripts/build-web.sh beside the file)
    gz = os.path.exists(os.path.join(SRC, "web/dist/app.js.gz"))
    st2, served = call("the web app's script, gzip accepted", "GET", "/app/app.js", expect=200 if st == 200 else 503,
                       headers={"Accept-Encoding": "gzip"})
    if st == 200:
        enc = last_headers.get("content-encoding")
        with open(os.path.join(SRC, "web/dist/app.js"), encoding="utf-8", errors="replace") as f:
            same = served == f.read()
        emit(enc == ("gzip" if gz else None) and last_headers.get("vary") == "Accept-Encoding" and same,
             "GET /app/app.js with Accept-Encoding gzip: Content-Encoding %s, Vary: Accept-Encoding, the file's "
             "bytes once decompressed" % ("gzip" if gz else "none (no app.js.gz built)"),
             ["Content-Encoding %r, Vary %r, same body %r" % (enc, last_headers.get("vary"), same)])
        if gz:
            call("the gzip variant revalidated", "GET", "/app/app.js", expect=304,
                 headers={"Accept-Encoding": "gzip", "If-None-Match": last_headers.get("etag", "")})
    call("a file the web app does not have", "GET", "/app/nothing.js", expect=404 if st == 200 else 503)

    # ---- users ----
    call("the admin", "GET", "/me", ADMIN, expect=200)
    call("no token", "GET", "/me", expect=401)
    call("a wrong token", "GET", "/me", "not-a-token", expect=401)
    tok = {}
    for n in ["alice", "bob", "carol", "dave", "erin"]:
        s, d = call("an admin creates " + n, "POST", "/users", ADMIN, {"name": n}, expect=201)
        tok[n] = d.get("token") if isinstance(d, dict) else None
    if not all(tok.values()):
        emit(False, "users created: the rest needs their tokens")
        return
    call("a name that is taken", "POST", "/users", ADMIN, {"name": "alice"}, expect=409)
    call("a bad name", "POST", "/users", ADMIN, {"name": "no spaces"}, expect=400)
    call("a non-admin", "POST", "/users", tok["alice"], {"name": "mallory"}, expect=403)
    call("malformed JSON", "POST", "/users", ADMIN, raw=b'{"name": ', expect=400)
    call("a body that is not an object", "POST", "/users", ADMIN, raw=b"[1]", expect=400)
    call("a user", "GET", "/me", tok["bob"], expect=200)

    # ---- webhooks (created before the submissions, so that their deliveries fill the log; the
    # URL is a loopback port where nothing listens: each delivery fails and is retried) ----
    hook = {"url": "http://127.0.0.1:1/hook", "events": ["submission.finished"]}
    s, d = call("a webhook", "POST", "/webhooks", ADMIN, hook, expect=201)
    wid = d.get("id") if isinstance(d, dict) else None
    call("a non-admin", "POST", "/webhooks", tok["alice"], hook, expect=403)
    call("an ftp URL", "POST", "/webhooks", ADMIN, dict(hook, url="ftp://127.0.0.1/x"), expect=400)
    call("an unknown event", "POST", "/webhooks", ADMIN, dict(hook, events=["x"]), expect=400)
    call("malformed JSON", "POST", "/webhooks", ADMIN, raw=b'{"url": ', expect=400)
    call("no token", "POST", "/webhooks", None, hook, expect=401)
    call("the webhooks", "GET", "/webhooks", ADMIN, expect=200)
    call("a non-admin", "GET", "/webhooks", tok["alice"], expect=403)

    # ---- problems ----
    call("the set", "GET", "/problems", tok["alice"], expect=200)
    call("a function problem", "GET", "/problems/two-sum", tok["alice"], expect=200)
    call("a design-class problem", "GET", "/problems/lru-cache", tok["alice"], expect=200)
    call("an unknown problem", "GET", "/problems/no-such-problem", tok["alice"], expect=404)

    # ---- submissions ----
    ac = read("problems/two-sum/submissions/accepted/solution.py")
    wa = read("problems/two-sum/submissions/wrong_answer/same_index.py")
    sub = lambda code, **kw: dict({"language": "python", "code": code}, **kw)  # noqa: E731
    s, d = call("an accepted solution", "POST", "/problems/two-sum/submissions", tok["alice"], sub(ac), expect=202)
    id_ac = d.get("id") if isinstance(d, dict) else None
    s, d = call("a wrong answer", "POST", "/problems/two-sum/submissions", tok["alice"], sub(wa), expect=202)
    id_wa = d.get("id") if isinstance(d, dict) else None
    call("an unknown language", "POST", "/problems/two-sum/submissions", tok["alice"], sub("x", language="cobol"), expect=400)
    call("empty code", "POST", "/problems/two-sum/submissions", tok["alice"], sub(""), expect=400)
    call("an unknown problem", "POST", "/problems/no-such-problem/submissions", tok["alice"], sub(ac), expect=404)
    call("code over --max-code", "POST", "/problems/two-sum/submissions", tok["alice"], sub("#" * 300000), expect=413)
    call("a body over --max-body", "POST", "/problems/two-sum/submissions", tok["alice"],
         raw=b'{"code":"' + b"x" * 700000 + b'"}', expect=413)
    call("a bad competition id", "POST", "/problems/two-sum/submissions", tok["alice"], sub(ac, competition="x"), expect=400)
    call("an unknown competition", "POST", "/problems/two-sum/submissions", tok["alice"], sub(ac, competition=999999), expect=404)
    call("malformed JSON", "POST", "/problems/two-sum/submissions", tok["alice"], raw=b'{"language": ', expect=400)
    call("no token", "POST", "/problems/two-sum/submissions", None, sub(ac), expect=401)

    # Run
    cases = [{"args": [[1, 5, 9], 14]}, {"args": [[4, 4], 8]}]
    s, d = call("Run with two custom cases", "POST", "/problems/two-sum/run", tok["carol"], sub(ac, cases=cases), expect=202)
    id_run = d.get("id") if isinstance(d, dict) else None
    call("Run: a case that does not fit the signature", "POST", "/problems/two-sum/run", tok["carol"],
         sub(ac, cases=[{"args": ["no"]}]), expect=400)
    call("Run: 21 custom cases", "POST", "/problems/two-sum/run", tok["carol"], sub(ac, cases=[cases[0]] * 21), expect=400)
    call("Run: an unknown problem", "POST", "/problems/no-such-problem/run", tok["carol"], sub(ac), expect=404)

    # polling, views
    for who, sid in [("alice", id_ac), ("alice", id_wa), ("carol", id_run)]:
        if sid:
            wait_done(tok[who], sid)
    if id_wa:
        call("an admin's view, every case", "GET", "/submissions/%d?all=1" % id_wa, ADMIN, expect=200)
        call("an admin's view", "GET", "/submissions/%d" % id_wa, ADMIN, expect=200)
        call("someone else's submission", "GET", "/submissions/%d" % id_wa, tok["bob"], expect=404)
        call("all=1 from a non-admin", "GET", "/submissions/%d?all=1" % id_wa, tok["alice"], expect=403)
        call("all=2", "GET", "/submissions/%d?all=2" % id_wa, tok["alice"], expect=400)
        call("the alias", "GET", "/check/%d" % id_wa, tok["alice"], expect=200)
    if id_wa:
        s, d = call("the event stream of a finished submission: the log, then done, then the end", "GET",
                    "/submissions/%d/events" % id_wa, tok["alice"], expect=200)
        emit(isinstance(d, str) and "event: done" in d and "event: status" in d,
             "the stream of a finished submission has its status events and done", [str(d)[:200]])
        call("someone else's event stream", "GET", "/submissions/%d/events" % id_wa, tok["bob"], expect=404)
    call("an event stream: a bad id", "GET", "/submissions/abc/events", tok["alice"], expect=400)
    call("an event stream: no token", "GET", "/submissions/1/events", None, expect=401)
    call("an event stream: no such submission", "GET", "/submissions/999999/events", tok["alice"], expect=404)
    call("a bad id", "GET", "/submissions/abc", tok["alice"], expect=400)
    call("a bad id", "GET", "/check/abc", tok["alice"], expect=400)
    call("no such submission", "GET", "/check/999999", tok["alice"], expect=404)

    # ---- competitions ----
    now = time.time()
    iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))  # noqa: E731
    comp = {"title": "Open", "problems": ["two-sum", "reverse-string"], "starts_at": iso(now - 60), "ends_at": iso(now + 3600)}
    s, d = call("a running competition", "POST", "/competitions", ADMIN, comp, expect=201)
    cid = d.get("id") if isinstance(d, dict) else None
    s, d = call("an ended competition", "POST", "/competitions", ADMIN,
                dict(comp, title="Over", starts_at=iso(now - 7200), ends_at=iso(now - 3600), hidden_failure="none"), expect=201)
    cid_over = d.get("id") if isinstance(d, dict) else None
    call("a missing title", "POST", "/competitions", ADMIN, {k: v for k, v in comp.items() if k != "title"}, expect=400)
    call("an unknown problem", "POST", "/competitions", ADMIN, dict(comp, problems=["no-such-problem"]), expect=400)
    call("a bad hidden_failure", "POST", "/competitions", ADMIN, dict(comp, hidden_failure="all"), expect=400)
    call("a non-admin", "POST", "/competitions", tok["dave"], comp, expect=403)
    if not cid or not cid_over:
        emit(False, "competitions created: the rest needs them")
        return
    call("a competition", "GET", "/competitions/%d" % cid, tok["dave"], expect=200)
    call("no such competition", "GET", "/competitions/999999", tok["dave"], expect=404)
    call("a bad id", "GET", "/competitions/abc", tok["dave"], expect=400)
    call("submitting before joining", "POST", "/problems/two-sum/submissions", tok["dave"], sub(ac, competition=cid), expect=403)
    call("a problem not in the competition", "POST", "/problems/lru-cache/submissions", tok["dave"],
         sub("x", competition=cid), expect=400)
    call("submitting to an ended competition", "POST", "/problems/two-sum/submissions", tok["dave"],
         sub(ac, competition=cid_over), expect=403)
    call("join", "POST", "/competitions/%d/join" % cid, tok["dave"], expect=200)
    call("join again", "POST", "/competitions/%d/join" % cid, tok["dave"], expect=200)
    call("join an ended one", "POST", "/competitions/%d/join" % cid_over, tok["dave"], expect=403)
    call("join no such competition", "POST", "/competitions/999999/join", tok["dave"], expect=404)
    call("join a bad id", "POST", "/competitions/abc/join", tok["dave"], expect=400)
    s, d = call("an accepted solution in the competition", "POST", "/problems/two-sum/submissions", tok["dave"],
                sub(ac, competition=cid), expect=202)
    if isinstance(d, dict) and d.get("id"):
        wait_done(tok["dave"], d["id"])
    lb = "/competitions/%d/leaderboard" % cid
    call("the board (Redis)", "GET", lb, tok["alice"], expect=200)
    call("the board, paged", "GET", lb + "?top=1&offset=0", tok["alice"], expect=200)
    _, hdrs, _ = request(API, "GET", lb, tok["alice"])
    call("the board, If-None-Match its ETag", "GET", lb, tok["alice"], expect=304,
         headers={"If-None-Match": hdrs.get("etag", "")})
    call("the board, gzip", "GET", lb, tok["alice"], expect=200, headers={"Accept-Encoding": "gzip"})
    call("the board (PostgreSQL)", "GET", lb + "?source=db", tok["alice"], expect=200)
    call("top=0", "GET", lb + "?top=0", tok["alice"], expect=400)
    call("offset=-1", "GET", lb + "?offset=-1", tok["alice"], expect=400)
    call("source=x", "GET", lb + "?source=x", tok["alice"], expect=400)
    call("no such competition", "GET", "/competitions/999999/leaderboard", tok["alice"], expect=404)
    call("the board's event stream (its first event)", "GET", "/competitions/%d/events" % cid, tok["alice"], expect=200,
         first_event=True)
    call("the board's event stream: no such competition", "GET", "/competitions/999999/events", tok["alice"], expect=404)
    call("the board's event stream: a bad id", "GET", "/competitions/abc/events", tok["alice"], expect=400)
    call("the caller's row", "GET", lb + "/me", tok["dave"], expect=200)
    call("not joined", "GET", lb + "/me", tok["alice"], expect=404)
    call("no such competition", "GET", "/competitions/999999/leaderboard/me", tok["dave"], expect=404)
    call("rebuild", "POST", lb + "/rebuild", ADMIN, expect=200)
    call("rebuild by a non-admin", "POST", lb + "/rebuild", tok["dave"], expect=403)
    call("rebuild a bad id", "POST", "/competitions/abc/leaderboard/rebuild", ADMIN, expect=400)
    call("rebuild an id with no competition", "POST", "/competitions/999999/leaderboard/rebuild", ADMIN, expect=404)
    # freeze (issue 11): a competition frozen from its start, the list, unfreeze
    s, d = call("a competition with a freeze", "POST", "/competitions", ADMIN,
                dict(comp, title="Frozen", freeze_minutes=120), expect=201)
    cid_frozen = d.get("id") if isinstance(d, dict) else None
    call("a bad freeze_minutes", "POST", "/competitions", ADMIN, dict(comp, freeze_minutes=-5), expect=400)
    call("freeze_minutes not an integer", "POST", "/competitions", ADMIN, dict(comp, freeze_minutes="10"), expect=400)
    s, d = call("the list of competitions", "GET", "/competitions", tok["dave"], expect=200)
    mine = {c.get("id"): c for c in (d.get("competitions") or [])} if isinstance(d, dict) else {}
    emit(mine.get(cid, {}).get("joined") is True and mine.get(cid_over, {}).get("joined") is False
         and mine.get(cid_frozen, {}).get("frozen") is True and mine.get(cid, {}).get("freeze_at", 0) is None,
         "the list marks dave's entry and the frozen competition", [json.dumps(list(mine.values()))[:300]])
    if cid_frozen:
        fl = "/competitions/%d/leaderboard" % cid_frozen
        call("join the frozen one", "POST", "/competitions/%d/join" % cid_frozen, tok["dave"], expect=200)
        s, d = call("a frozen board", "GET", fl, tok["alice"], expect=200)
        emit(isinstance(d, dict) and d.get("frozen") is True, "a non-admin sees frozen: true")
        s, d = call("the caller's frozen row", "GET", fl + "/me", tok["dave"], expect=200)
        emit(isinstance(d, dict) and d.get("frozen") is True, "/me says frozen: true")
        s, d = call("an admin's live board", "GET", fl, ADMIN, expect=200)
        emit(isinstance(d, dict) and d.get("frozen") is False, "an admin sees frozen: false")
        call("unfreeze by a non-admin", "POST", "/competitions/%d/unfreeze" % cid_frozen, tok["dave"], expect=403)
        call("unfreeze", "POST", "/competitions/%d/unfreeze" % cid_frozen, ADMIN, expect=200)
        call("unfreeze again", "POST", "/competitions/%d/unfreeze" % cid_frozen, ADMIN, expect=200)
        s, d = call("the unfrozen board", "GET", fl, tok["alice"], expect=200)
        emit(isinstance(d, dict) and d.get("frozen") is False, "after unfreeze a non-admin sees frozen: false")
    call("unfreeze no such competition", "POST", "/competitions/999999/unfreeze", ADMIN, expect=404)
    call("unfreeze a bad id", "POST", "/competitions/abc/unfreeze", ADMIN, expect=400)

    # ---- webhooks: the log (the submissions above have finished), deletion ----
    if wid:
        deadline = time.time() + 30
        while time.time() < deadline:  # the first attempt of at least one delivery
            st, _, data = request(API, "GET", "/webhooks/%d/deliveries" % wid, ADMIN)
            if st == 200 and any(x.get("attempts", 0) > 0 for x in json.loads(data).get("deliveries", [])):
                break
            time.sleep(0.5)
        s, d = call("a webhook's deliveries", "GET", "/webhooks/%d/deliveries" % wid, ADMIN, expect=200)
        emit(isinstance(d, dict) and len(d.get("deliveries", [])) >= 3,
             "the webhook has a delivery per finished submission (Runs excluded)", [str(d)[:300]])
        call("limit=1", "GET", "/webhooks/%d/deliveries?limit=1" % wid, ADMIN, expect=200)
        call("limit=0", "GET", "/webhooks/%d/deliveries?limit=0" % wid, ADMIN, expect=400)
        call("a non-admin", "GET", "/webhooks/%d/deliveries" % wid, tok["alice"], expect=403)
        call("a non-admin", "DELETE", "/webhooks/%d" % wid, tok["alice"], expect=403)
        call("delete it", "DELETE", "/webhooks/%d" % wid, ADMIN, expect=200)
        call("delete it again", "DELETE", "/webhooks/%d" % wid, ADMIN, expect=404)
        call("a deleted webhook's deliveries", "GET", "/webhooks/%d/deliveries" % wid, ADMIN, expect=404)
    call("a bad id", "GET", "/webhooks/abc/deliveries", ADMIN, expect=400)
    call("a bad id", "DELETE", "/webhooks/abc", ADMIN, expect=400)

    # ---- limits: judged runs with --rate-limit 3 (a one-minute window: should the 4th request
    # fall into a new minute, up to 3 more are accepted before the 429) ----
    rs = read("problems/reverse-string/submissions/accepted/solution.py")
    got = []
    for i in range(7):
        s, d = call("rate limit, submission %d" % (i + 1), "POST", "/problems/reverse-string/submissions", tok["erin"],
                    sub(rs), expect=202 if i < 3 else None)
        got.append(s)
        if s == 429:
            break
    emit(got[-1] == 429 and all(s == 202 for s in got[:-1]), "the 4th submission in a minute is refused with 429",
         ["statuses: %s" % got])

    # ---- accounts and sessions (cookie, CSRF): before any 429 below ----
    cred = {"name": "frank", "password": "s3cret-pass"}
    s, d = call("sign up", "POST", "/auth/signup", None, cred, expect=201)
    session = last_headers.get("set-cookie", "").split(";")[0]
    csrf = d.get("csrf") if isinstance(d, dict) else None
    call("a taken name", "POST", "/auth/signup", None, dict(cred, password="other-pass"), expect=409)
    call("a bad name", "POST", "/auth/signup", None, {"name": "no spaces", "password": "s3cret-pass"}, expect=400)
    call("a short password", "POST", "/auth/signup", None, {"name": "gina", "password": "short"}, expect=400)
    call("from another Origin", "POST", "/auth/signup", None, {"name": "gina", "password": "s3cret-pass"},
         headers={"Origin": "http://elsewhere.example"}, expect=403)
    call("a wrong password", "POST", "/auth/login", None, dict(cred, password="wrong-pass"), expect=401)
    call("no password", "POST", "/auth/login", None, {"name": "frank"}, expect=400)
    call("from another Origin", "POST", "/auth/login", None, cred, headers={"Origin": "http://elsewhere.example"},
         expect=403)
    s, d = call("log in", "POST", "/auth/login", None, cred, expect=200)
    session2 = last_headers.get("set-cookie", "").split(";")[0]
    csrf2 = d.get("csrf") if isinstance(d, dict) else None
    ck = {"Cookie": session}
    s, d = call("the caller by cookie, with csrf", "GET", "/me", headers=ck, expect=200)
    emit(isinstance(d, dict) and d.get("csrf") == csrf and csrf, "GET /me with the cookie answers its CSRF token")
    call("a cookie from another Origin", "GET", "/me", headers=dict(ck, Origin="http://elsewhere.example"), expect=403)
    call("an unknown session", "GET", "/me", headers={"Cookie": "judge_session=" + "0" * 64}, expect=401)
    s, d = call("the set with solved marks, by cookie", "GET", "/problems", headers=ck, expect=200)
    call("a cookie POST without X-CSRF-Token", "POST", "/problems/two-sum/submissions", None, sub(ac), headers=ck,
         expect=403)
    call("history by cookie", "GET", "/me/submissions", headers=ck, expect=200)
    s, d = call("history by bearer, one problem", "GET", "/me/submissions?problem=two-sum&limit=2", tok["alice"],
                expect=200)
    emit(isinstance(d, dict) and len(d.get("submissions", [])) == 2 and d["submissions"][0]["id"] == id_wa,
         "alice's two-sum history: newest first, limited to 2")
    call("limit=0", "GET", "/me/submissions?limit=0", tok["alice"], expect=400)
    call("no token", "GET", "/me/submissions", expect=401)
    call("the user list", "GET", "/users", ADMIN, expect=200)
    call("the user list, not an admin", "GET", "/users", headers=ck, expect=403)
    call("log out without X-CSRF-Token", "POST", "/auth/logout", headers=ck, expect=403)
    call("log out", "POST", "/auth/logout", headers=dict(ck, **{"X-CSRF-Token": csrf or ""}), expect=204)
    call("the logged-out cookie", "POST", "/auth/logout", headers=dict(ck, **{"X-CSRF-Token": csrf or ""}), expect=401)
    call("log out the other session", "POST", "/auth/logout", headers={"Cookie": session2, "X-CSRF-Token": csrf2 or ""},
         expect=204)
    got = []
    for i in range(15):  # --login-limit 10: signups and failed logins this minute
        s, d = call("failed login %d" % (i + 1), "POST", "/auth/login", None, dict(cred, password="wrong-pass"))
        got.append(s)
        if s == 429:
            break
    emit(got[-1] == 429 and all(x == 401 for x in got[:-1]), "failed logins end in 429", ["statuses: %s" % got])

    # ---- what the document leaves out on purpose: 404 with an error body ----
    call("an unknown endpoint", "GET", "/no-such-endpoint", tok["alice"], undocumented=True)
    call("a method the path does not have", "DELETE", "/problems", tok["alice"], undocumented=True)
    call("a path too deep", "GET", "/competitions/%d/leaderboard/me/x" % cid, tok["alice"], undocumented=True)
    # a worker-only judged (its engine socket does not exist): /healthz degrades to 503
    deadline = time.time() + 60
    status = None
    while time.time() < deadline:
        status, _, _ = request(WORKER, "GET", "/healthz")
        if status == 503:
            break
        time.sleep(0.5)
    call("a worker-only judged whose engine is down", "GET", "/healthz", base=WORKER, expect=503)
    call("a worker-only judged", "GET", "/metrics", base=WORKER, expect=200)
    call("a worker-only judged serves no API", "GET", "/problems", tok["alice"], base=WORKER, undocumented=True)

    # ---- failed authentications: 429 for the rest of the minute (--auth-fail-limit 20) ----
    got = None
    for _ in range(60):
        got, _, _ = request(API, "GET", "/me", "wrong-%d" % _)
        if got == 429:
            break
    emit(got == 429, "failed authentications end in 429")
    call("after too many failed authentications", "GET", "/me", "wrong", expect=429)

    # ---- every operation of the document was exercised ----
    for tpl, item in DOC["paths"].items():
        for method in item:
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                seen = exercised.get((tpl, method))
                emit(bool(seen), "%s %s exercised (statuses %s)" % (method.upper(), tpl,
                                                                  ",".join(map(str, sorted(seen or [])))))


try:
    main()
except Exception:  # noqa: BLE001 - a crash of the checker is a failure, said as one
    import traceback
    emit(False, "the checker ran to its end", traceback.format_exc().splitlines()[-6:])
sys.exit(1 if failures else 0)
