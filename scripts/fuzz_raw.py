#!/usr/bin/env python3
"""Raw-socket fuzz of a running SafeGrid server (stdlib only; started by scripts/fuzz-api).

Sends a bounded, seeded list of malformed requests over plain sockets to 127.0.0.1: broken
request lines, odd headers, huge integers in the query strings of every list (API with a
bearer token, web pages with a session cookie) and malformed multipart bodies to every route
that takes an upload. After each case it checks that the server process is still alive and
that GET /healthz answers. A 5xx answer, a process exit or a server that stops answering is
a failure; every failing case is listed at the end and the exit status is 1.

The server is expected to run under a supervisor that restarts it after an exit and writes
the current pid to --pid-file (scripts/fuzz-api does this), so one crash does not hide the
cases after it. Without a supervisor the run stops at the first exit.

Usage: fuzz_raw.py --port PORT --pid-file FILE [--server-log FILE] [--seed N]
                   [--max-cases N] [--time-budget SECONDS] [--json-report FILE]
Tokens come from FUZZ_ADMIN_TOKEN and FUZZ_WORKER_TOKEN (obtained here when unset); the web
session is opened here by signing in as admin through the /login form.
"""
import argparse
import json
import os
import random
import re
import socket
import sys
import time
import urllib.parse

HOST = "127.0.0.1"
PASSWORD = "demo-2026"
CASE_TIMEOUT = 3.0          # seconds for one fuzz request (connect, send, read)
SHORT_TIMEOUT = 1.0         # cases whose body is knowingly incomplete: the server may wait for the rest
MAX_RESPONSE = 1 << 20      # read at most this much of an answer
RECOVERY_WAIT = 60.0        # after an exit, how long to wait for the restarted server

# --------------------------------------------------------------------------- plumbing


def exchange(port, data, timeout=CASE_TIMEOUT):
    """Sends raw bytes, returns (status or None, head bytes, body bytes, note)."""
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((HOST, port), timeout=timeout)
    except OSError as error:
        return None, b"", b"", f"connect: {error.__class__.__name__}"
    chunks, note = [], ""
    try:
        sock.settimeout(timeout)
        try:
            sock.sendall(data)
        except OSError as error:          # the server may close early on a bad request; read what it said
            note = f"send: {error.__class__.__name__}"
        size = 0
        while size < MAX_RESPONSE:
            left = deadline - time.monotonic()
            if left <= 0:
                note = note or "timeout"
                break
            sock.settimeout(left)
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                note = note or "timeout"
                break
            except OSError as error:
                note = note or f"recv: {error.__class__.__name__}"
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if complete(b"".join(chunks)):
                break
    finally:
        sock.close()
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/\d\.\d (\d{3})", raw)
    status = int(match.group(1)) if match else None
    if status is None and not note:
        note = "closed without an answer" if not raw else "unparsable answer"
    return status, head, body, note


def complete(raw):
    """True once a whole response with a Content-Length has arrived (keeps cases quick)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return False
    match = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    return bool(match) and len(body) >= int(match.group(1))


def request(method, path, headers=(), body=b"", host=True, close=True):
    """A well-formed request as bytes; `headers` is a list of (name, value) str/bytes pairs."""
    lines = [f"{method} {path} HTTP/1.1".encode("latin-1") if isinstance(path, str) else method.encode() + b" " + path + b" HTTP/1.1"]
    names = {(n.decode("latin-1") if isinstance(n, bytes) else n).lower() for n, _ in headers}
    if host and "host" not in names:
        lines.append(b"Host: 127.0.0.1")
    for name, value in headers:
        name = name if isinstance(name, bytes) else name.encode("latin-1")
        value = value if isinstance(value, bytes) else value.encode("utf-8")
        lines.append(name + b": " + value)
    if body and "content-length" not in names and "transfer-encoding" not in names:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    if close and "connection" not in names:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def header_value(head, name):
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name.lower().encode():
            yield value.strip().decode("latin-1")


def simple(port, method, path, headers=(), body=b"", timeout=5.0):
    return exchange(port, request(method, path, headers, body), timeout)


def healthy(port, timeout=3.0):
    status, _, body, _ = exchange(port, request("GET", "/healthz"), timeout)
    return status == 200 and b"ok" in body


def read_pid(pid_file):
    try:
        with open(pid_file) as handle:
            return int(handle.read().strip() or 0)
    except (OSError, ValueError):
        return 0


def alive(pid):
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purpose
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def log_size(path):
    try:
        return os.path.getsize(path) if path else 0
    except OSError:
        return 0


CRASH_MARKS = re.compile(r"Fatal error|Precondition failed|Assertion failed|\*\*\* Program crashed|\*\*\* Signal \d+")


def log_delta(path, start):
    if not path:
        return ""
    try:
        with open(path, "rb") as handle:
            handle.seek(start)
            return handle.read(4 << 20).decode("utf-8", "replace")
    except OSError:
        return ""


def log_excerpt(path, start, crash):
    """The server's own words about a failure: the first fatal line (crash) or error line (5xx)."""
    text = log_delta(path, start)
    patterns = ([r"Fatal error", r"fatal error", r"Precondition failed", r"Assertion failed", r"Program crashed",
                 r"overflow", r"out of range"] if crash else
                [r"\[ ERROR \]", r"\[ CRITICAL \]", r"error", r"Error"])
    for pattern in patterns:
        for line in text.splitlines():
            if re.search(pattern, line):
                return line.strip()[:300]
    return ""


# --------------------------------------------------------------------------- sign-in


def api_token(port, username):
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    status, _, answer, note = simple(port, "POST", "/api/v1/auth/token", [("Content-Type", "application/json")], body, 15.0)
    if status != 200:
        raise SystemExit(f"fuzz_raw: no API token for {username}: {status or note}")
    return json.loads(answer)["token"]


def cookie_pairs(head):
    return [value.split(";", 1)[0].strip() for value in header_value(head, "set-cookie")]


def merge_cookies(jar, head):
    for pair in cookie_pairs(head):
        name, _, value = pair.partition("=")
        jar[name] = value


def csrf_in(body):
    match = re.search(rb'name="_csrf"\s+value="([^"]*)"', body) or re.search(rb'value="([^"]*)"\s+name="_csrf"', body)
    return match.group(1).decode() if match else ""


def web_session(port, username):
    """Signs in through the /login form; returns (cookie header, csrf token)."""
    jar = {}
    status, head, body, note = simple(port, "GET", "/login", timeout=15.0)
    if status != 200:
        raise SystemExit(f"fuzz_raw: GET /login answered {status or note}")
    merge_cookies(jar, head)
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "_csrf": csrf_in(body)}).encode()
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, head, _, note = simple(port, "POST", "/login", [("Content-Type", "application/x-www-form-urlencoded"),
                                                             ("Cookie", cookie)], form, 15.0)
    if status not in (302, 303):
        raise SystemExit(f"fuzz_raw: POST /login as {username} answered {status or note}")
    merge_cookies(jar, head)
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    # Sign-in starts a new session without a CSRF token; a page with a form makes one.
    status, head, body, note = simple(port, "GET", "/hazards/new", [("Cookie", cookie)], timeout=15.0)
    merge_cookies(jar, head)
    token = csrf_in(body)
    if status != 200 or not token:
        raise SystemExit(f"fuzz_raw: no CSRF token after signing in ({status or note})")
    return "; ".join(f"{k}={v}" for k, v in jar.items()), token


def api_json(port, token, path):
    status, _, body, _ = simple(port, "GET", path, [("Authorization", f"Bearer {token}")], timeout=15.0)
    if status != 200:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def first_id(document, key="id"):
    items = document.get("items", document) if isinstance(document, dict) else document
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0].get(key)
    return None


def discover(port, token):
    """Ids of existing records, so upload routes reach their handlers (1 when none is found)."""
    ids = {"hazard": 1, "campaign": 1, "task": 1, "inspection": 1, "item": 1}
    ids["hazard"] = first_id(api_json(port, token, "/api/v1/hazards?limit=1") or {}) or 1
    campaigns = api_json(port, token, "/api/v1/campaigns") or {}
    ids["campaign"] = first_id(campaigns) or 1
    ids["task"] = first_id(api_json(port, token, f"/api/v1/campaigns/{ids['campaign']}/tasks") or {}) or 1
    inspections = api_json(port, token, "/api/v1/inspections?finished=false&limit=1") or api_json(port, token, "/api/v1/inspections?limit=1") or {}
    ids["inspection"] = first_id(inspections) or 1
    detail = api_json(port, token, f"/api/v1/inspections/{ids['inspection']}") or {}
    items = detail.get("items") if isinstance(detail, dict) else None
    if isinstance(items, list) and items and isinstance(items[0], dict):
        ids["item"] = items[0].get("id") or items[0].get("itemId") or 1
    return ids


# --------------------------------------------------------------------------- cases

API_LISTS = ["/api/v1/grids", "/api/v1/places", "/api/v1/users", "/api/v1/hazards", "/api/v1/activities",
             "/api/v1/accidents", "/api/v1/public-reports", "/api/v1/bulletins", "/api/v1/inspections",
             "/api/v1/risks", "/api/v1/campaigns", "/api/v1/checklist-templates", "/api/v1/hazards/{hazard}/events",
             "/api/v1/campaigns/{campaign}/tasks", "/api/v1/campaigns/{campaign}/hazards", "/api/v1/my-tasks",
             "/api/v1/coverage", "/api/v1/assessments/history", "/api/v1/ledgers/sources"]
BIG_QUERIES = ["offset=9223372036854775807", "offset=9223372036854775807&limit=500", "offset=9223372036854775700&limit=500",
               "limit=9223372036854775807", "limit=-1", "limit=0", "offset=-1", "offset=-9223372036854775808",
               "offset=99999999999999999999", "page=1000000000000000000", "page=-9223372036854775808"]
API_OTHER_QUERIES = [  # other integers and dates the API parses from the query
    "/api/v1/hazards?gridId=9223372036854775807", "/api/v1/hazards?placeId=-9223372036854775808",
    "/api/v1/hazards?from=99999-12-31&to=0000-00-00", "/api/v1/hazards?from=2026-02-30", "/api/v1/hazards?sort=%ff",
    "/api/v1/hazards?q=%00%ff", "/api/v1/places?gridId=9223372036854775807", "/api/v1/places?q=" + "%25" * 2000,
    "/api/v1/grids?parentId=9223372036854775807&level=9223372036854775807", "/api/v1/inspections?campaignId=9223372036854775807&inspectorId=-1",
    "/api/v1/my-tasks?days=9223372036854775807", "/api/v1/my-tasks?gridId=9223372036854775807",
    "/api/v1/coverage?from=1-01-01&to=9999999-01-01", "/api/v1/coverage?from=2026-13-45",
    "/api/v1/assessments?period=9223372036854775807", "/api/v1/assessments?period=2026-Q9&gridId=9223372036854775807",
    "/api/v1/assessments/history?count=9223372036854775807", "/api/v1/assessments/history?count=-9223372036854775808",
    "/api/v1/assessments/history?count=1000000", "/api/v1/ledgers/sources?townshipId=9223372036854775807",
    "/api/v1/maps/region.svg?grid=9223372036854775807", "/api/v1/maps/enterprises.svg?grid=-1&tiles=true",
    "/api/v1/hazards/9223372036854775807", "/api/v1/hazards/-9223372036854775808/events", "/api/v1/hazards/99999999999999999999",
    "/api/v1/attachments/9223372036854775807", "/api/v1/places/9223372036854775807/risk-assessments",
    "/api/v1/campaigns/9223372036854775807/tasks.xlsx", "/api/v1/bulletins/-1", "/api/v1/grids/%ff",
]
WEB_LISTS = ["/hazards", "/places", "/inspections", "/risks", "/users", "/bulletins", "/registers/activities",
             "/registers/accidents", "/registers/publicReports", "/campaigns", "/checklists", "/grids", "/my-tasks",
             "/coverage", "/assessments/history", "/ledgers"]
WEB_PAGES = ["page=1000000000000000000", "page=9223372036854775807", "page=-9223372036854775808", "page=0", "page=%ff"]
WEB_OTHER_QUERIES = ["/hazards?from=99999-12-31", "/hazards?gridId=9223372036854775807", "/hazards.csv?offset=9223372036854775807",
                     "/hazards.xlsx?page=1000000000000000000", "/registers/activities/export?page=9223372036854775807",
                     "/assessments?gridId=9223372036854775807&period=%ff", "/coverage?from=0000-00-00&to=99999-99-99",
                     "/my-tasks?days=9223372036854775807", "/maps/region?grid=9223372036854775807",
                     "/hazards/9223372036854775807", "/hazards/-1/notice", "/places/9223372036854775807/risk",
                     "/campaigns/9223372036854775807", "/bulletins/9223372036854775807/export", "/lang/%ff?next=%ff",
                     "/login?next=%ff%00", "/login?next=//127.0.0.1:1/x", "/p/campaigns/%ff"]


def request_line_cases():
    long_path = "/" + "a" * 100_000
    raw = [
        ("GET /%ff", b"GET /%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /%2e%2e/x", b"GET /%2e%2e/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /%2e%2e/%2e%2e/etc/passwd", b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /css/%2e%2e/%2e%2e/Package.swift", b"GET /css/%2e%2e/%2e%2e/Package.swift HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /css/..%2f..%2fPackage.swift", b"GET /css/..%2f..%2fPackage.swift HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /..", b"GET /.. HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /%", b"GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /%e4%b8 (truncated UTF-8)", b"GET /%e4%b8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /%00", b"GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /api/v1/%ff", b"GET /api/v1/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /hazards/%ff", b"GET /hazards/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /?a=%ff&%zz=1", b"GET /?a=%ff&%zz=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET /login?%=&&==&a[=1", b"GET /login?%=&&==&a[=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET raw 0xff in path", b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET raw invalid UTF-8 in path", b"GET /hazards/\xc3\x28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("GET raw NUL in path", b"GET /\x00x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("G\\x00T method with NUL", b"G\x00T / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("overlong path 100 KB", request("GET", long_path)),
        ("path segment of 256 bytes", request("GET", "/" + "s" * 256)),
        ("static path segment of 300 bytes", request("GET", "/css/" + "s" * 300)),
        ("path of 4200 bytes", request("GET", "/b" * 2100)),
        ("deep path 5000 segments", request("GET", "/a" * 5000)),
        ("overlong query 100 KB", request("GET", "/login?x=" + "b" * 100_000)),
        ("query with 10000 parameters", request("GET", "/api/v1/hazards?" + "&".join(f"state={i}" for i in range(10000)),
                                                [("Authorization", "Bearer x")])),
        ("invalid method FOO", b"FOO / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("lower-case method get", b"get / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("method 5000 chars", b"X" * 5000 + b" / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("missing HTTP version", b"GET /\r\nHost: x\r\n\r\n"),
        ("missing path and version", b"GET\r\n\r\n"),
        ("HTTP/9.9", b"GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("HTTP/1.0 without Host", b"GET /healthz HTTP/1.0\r\n\r\n"),
        ("HTTP/1.1 without Host", b"GET /login HTTP/1.1\r\nConnection: close\r\n\r\n"),
        ("bare LF line ends", b"GET /login HTTP/1.1\nHost: x\nConnection: close\n\n"),
        ("tabs as separators", b"GET\t/login\tHTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("many spaces", b"GET      /login      HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("empty request line", b"\r\n\r\n"),
        ("only garbage bytes", bytes(range(256)) * 4),
        ("absolute-form URI", b"GET http://example.invalid/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("asterisk OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("CONNECT authority-form", b"CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("path //x", b"GET //x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("path without slash", b"GET login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("TRACE /", b"TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("DELETE /login", b"DELETE /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("HEAD /api/v1/openapi.json", b"HEAD /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("pipelined 50 requests", b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" * 49 + request("GET", "/healthz")),
        ("PRI * HTTP/2.0 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        ("TLS ClientHello on plain port", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 160),
    ]
    return [dict(group="request line", method="", path=target(data), summary=label, data=data) for label, data in raw]


def target(data, limit=80):
    """The request line as sent, printable and cut short."""
    line = data.split(b"\r\n", 1)[0].split(b"\n", 1)[0]
    text = repr(line[:limit])[2:-1]
    return text + (f"...({len(line)} bytes)" if len(line) > limit else "")


def header_cases(token, cookie):
    post_json = lambda headers, body=b"{}", label="", path="/api/v1/auth/token": (label, "POST", path, request("POST", path, headers, body))
    json_type = ("Content-Type", "application/json")
    cases = [
        ("huge header 100 KB", "GET", "/login", request("GET", "/login", [("X-Big", "a" * 100_000)])),
        ("huge header 1 MB", "GET", "/login", request("GET", "/login", [("X-Big", "a" * 1_000_000)])),
        ("5000 headers", "GET", "/login", request("GET", "/login", [(f"X-H{i}", "v") for i in range(5000)])),
        ("header line without colon", "GET", "/login", b"GET /login HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n"),
        ("header name with space", "GET", "/login", b"GET /login HTTP/1.1\r\nHost: x\r\nBad Name: v\r\nConnection: close\r\n\r\n"),
        ("NUL in header value", "GET", "/login", request("GET", "/login", [("X-Nul", b"a\x00b")])),
        ("0xff in header value", "GET", "/login", request("GET", "/login", [("Accept-Language", b"\xff\xfe")])),
        ("obs-fold continuation", "GET", "/login", b"GET /login HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\nConnection: close\r\n\r\n"),
        ("two Host headers", "GET", "/login", request("GET", "/login", [("Host", "a"), ("Host", "b")])),
        post_json([json_type, ("Content-Length", "2"), ("Content-Length", "5")], b"{}", "duplicate Content-Length 2/5"),
        post_json([json_type, ("Content-Length", "2"), ("Content-Length", "2")], b"{}", "duplicate Content-Length 2/2"),
        post_json([json_type, ("Content-Length", "-1")], b"{}", "negative Content-Length"),
        post_json([json_type, ("Content-Length", "99999999999999999999999")], b"{}", "overflowing Content-Length"),
        post_json([json_type, ("Content-Length", "9223372036854775807")], b"{}", "Content-Length Int.max"),
        post_json([json_type, ("Content-Length", "1e3")], b"{}", "Content-Length 1e3"),
        post_json([json_type, ("Content-Length", "2, 2")], b"{}", "Content-Length list '2, 2'"),
        post_json([json_type, ("Content-Length", "100")], b"{}", "Content-Length larger than body"),
        post_json([json_type, ("Transfer-Encoding", "chunked"), ("Content-Length", "2")], b"2\r\n{}\r\n0\r\n\r\n", "chunked plus Content-Length"),
        post_json([json_type, ("Transfer-Encoding", "gzip")], b"{}", "Transfer-Encoding gzip"),
        post_json([json_type, ("Transfer-Encoding", "chunked, identity")], b"2\r\n{}\r\n0\r\n\r\n", "Transfer-Encoding 'chunked, identity'"),
        post_json([json_type, ("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "chunked")], b"2\r\n{}\r\n0\r\n\r\n", "Transfer-Encoding twice"),
        post_json([json_type, ("Transfer-Encoding", "chunked")], b"zz\r\n{}\r\n0\r\n\r\n", "chunk size 'zz'"),
        post_json([json_type, ("Transfer-Encoding", "chunked")], b"ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", "chunk size overflow"),
        post_json([json_type, ("Transfer-Encoding", "chunked")], b"-2\r\n{}\r\n0\r\n\r\n", "negative chunk size"),
        post_json([json_type, ("Transfer-Encoding", "chunked")], b"2;" + b"e" * 100_000 + b"\r\n{}\r\n0\r\n\r\n", "chunk extension 100 KB"),
        post_json([("Content-Type", "application/json; charset=utf-16")], b"\xff\xfe{\x00}\x00", "JSON charset utf-16"),
        post_json([("Content-Type", "application/json")], b"\xff\xfe\x00", "JSON body not UTF-8"),
        post_json([("Content-Type", "application/json")], b"[" * 50_000 + b"]" * 50_000, "JSON nested 50000 deep"),
        post_json([("Content-Type", "application/json")], b'{"username": 1e999999, "password": []}', "JSON wrong types"),
        post_json([("Content-Type", "application/x-www-form-urlencoded")], b"username[][][]=a&password[x]=%ff", "form odd keys"),
        post_json([("Content-Type", "text/plain; charset=%ff")], b"x", "Content-Type garbage"),
        post_json([("Content-Type", "")], b"{}", "empty Content-Type"),
        post_json([json_type, ("Expect", "100-continue")], b"", "Expect 100-continue, no body"),
        post_json([json_type, ("Expect", "x-unknown")], b"{}", "Expect unknown"),
        ("Upgrade websocket", "GET", "/healthz", request("GET", "/healthz", [("Connection", "Upgrade"), ("Upgrade", "websocket"),
                                                                             ("Sec-WebSocket-Key", "x"), ("Sec-WebSocket-Version", "13")])),
        ("Upgrade h2c", "GET", "/healthz", request("GET", "/healthz", [("Connection", "Upgrade, HTTP2-Settings"), ("Upgrade", "h2c"), ("HTTP2-Settings", "AAMAAABkAAQCAAAAAAIAAAAA")])),
        ("cookie session=%ff", "GET", "/", request("GET", "/", [("Cookie", "safegrid_session=%ff")])),
        ("cookie without value", "GET", "/", request("GET", "/", [("Cookie", "safegrid_session")])),
        ("cookie '===;;; ='", "GET", "/login", request("GET", "/login", [("Cookie", "===;;; =")])),
        ("cookie with NUL and 0xff", "GET", "/login", request("GET", "/login", [("Cookie", b"a=\x00\xff; lang=\xff")])),
        ("cookie lang=../../etc", "GET", "/login", request("GET", "/login", [("Cookie", "lang=../../etc/passwd")])),
        ("huge cookie 60 KB", "GET", "/", request("GET", "/", [("Cookie", "safegrid_session=" + "A" * 60_000)])),
        ("huge cookie 60 KB on API", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Cookie", "safegrid_session=" + "A" * 60_000)])),
        ("3000 cookies", "GET", "/login", request("GET", "/login", [("Cookie", "; ".join(f"c{i}=v" for i in range(3000)))])),
        ("two session cookies", "GET", "/", request("GET", "/", [("Cookie", cookie + "; " + cookie.split(";")[0] + "x")])),
        ("Accept-Language huge/garbage", "GET", "/login", request("GET", "/login", [("Accept-Language", "zz-ZZ;q=abc, *;q=-1, " + "en;q=0.5, " * 3000)])),
        ("Authorization Bearer empty", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Authorization", "Bearer ")])),
        ("Authorization Bearer 0xff", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Authorization", b"Bearer \xff\xfe\x00")])),
        ("Authorization Bearer 100 KB", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Authorization", "Bearer " + "A" * 100_000)])),
        ("Authorization Basic garbage", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Authorization", "Basic !!!")])),
        ("Authorization twice", "GET", "/api/v1/me", request("GET", "/api/v1/me", [("Authorization", f"Bearer {token}"), ("Authorization", "Bearer x")])),
        ("Range overflow on static file", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=9223372036854775807-")])),
        ("Range huge end on static file", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=0-99999999999999999999")])),
        ("Range suffix -0", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=-0")])),
        ("Range suffix overflow", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=-9223372036854775808")])),
        ("Range reversed", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=50-10")])),
        ("Range 1000 pieces", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("Range", "bytes=" + ",".join(f"{i}-{i}" for i in range(1000)))])),
        ("Range overflow on openapi.json", "GET", "/api/v1/openapi.json", request("GET", "/api/v1/openapi.json", [("Range", "bytes=9223372036854775806-9223372036854775807")])),
        ("If-Modified-Since garbage", "GET", "/css/safegrid.css", request("GET", "/css/safegrid.css", [("If-Modified-Since", "\xff yesterday"), ("If-None-Match", '"' * 5000)])),
        ("X-Forwarded-For garbage", "GET", "/login", request("GET", "/login", [("X-Forwarded-For", "::::, 999.999.999.999, " + "1," * 5000)])),
        ("X-Request-Id 100 KB", "GET", "/healthz", request("GET", "/healthz", [("X-Request-Id", "r" * 100_000)])),
        ("X-CSRF-Token huge on web POST", "POST", "/logout", request("POST", "/logout", [("Cookie", cookie), ("X-CSRF-Token", "t" * 100_000)])),
    ]
    return [dict(group="headers", method=m, path=p, summary=label, data=data,
                 timeout=SHORT_TIMEOUT if "larger than body" in label or "100-continue" in label else CASE_TIMEOUT)
            for label, m, p, data in cases]


def query_cases(tokens, cookie, ids):
    cases = []
    for who, token in tokens.items():
        queries = BIG_QUERIES if who == "admin" else BIG_QUERIES[:6] + BIG_QUERIES[9:]
        for path in API_LISTS:
            path = path.format(**ids)
            for query in queries:
                cases.append(dict(group=f"API query ({who})", method="GET", path=f"{path}?{query}", summary=query,
                                  data=request("GET", f"{path}?{query}", [("Authorization", f"Bearer {token}")])))
        for path in API_OTHER_QUERIES:
            cases.append(dict(group=f"API query ({who})", method="GET", path=path, summary=path.partition("?")[2] or "id in path",
                              data=request("GET", path, [("Authorization", f"Bearer {token}")])))
    for path in WEB_LISTS:
        for query in WEB_PAGES:
            cases.append(dict(group="web query (admin session)", method="GET", path=f"{path}?{query}", summary=query,
                              data=request("GET", f"{path}?{query}", [("Cookie", cookie)])))
    for path in WEB_OTHER_QUERIES:
        cases.append(dict(group="web query (admin session)", method="GET", path=path, summary=path.partition("?")[2] or "id in path",
                          data=request("GET", path, [("Cookie", cookie)])))
    return cases


def multipart_cases(tokens, cookie, csrf, ids):
    admin, worker = tokens["admin"], tokens["worker"]
    api = [("/api/v1/attachments", admin, "file"), ("/api/v1/hazards/{hazard}/attachments", admin, "file"),
           ("/api/v1/hazards/{hazard}/attachments", worker, "file"),
           ("/api/v1/campaigns/{campaign}/tasks/{task}/evidence", admin, "file"), ("/api/v1/grid-boundaries", admin, "file")]
    web = ["/hazards/new", "/hazards/{hazard}/actions", "/inspections/{inspection}", "/inspections/{inspection}/items/{item}/hazard",
           "/campaigns/{campaign}/tasks/{task}/progress", "/campaigns/{campaign}/import", "/maps/boundaries", "/places/new", "/login"]
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    csrf_part = f'--XX\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n{csrf}\r\n'.encode()

    def file_part(field, filename=b"a.jpg", data=jpeg, extra=b""):
        return (b'--XX\r\nContent-Disposition: form-data; name="' + field.encode() + b'"; filename="' + filename + b'"\r\n'
                + extra + b"Content-Type: image/jpeg\r\n\r\n" + data + b"\r\n")

    def bodies(field, prefix):
        """(label, content type, body, short timeout?) for one route; `prefix` carries _csrf on web routes."""
        mp = "multipart/form-data; boundary=XX"
        return [
            ("--XX-- only", mp, b"--XX--", False),
            ("--XX--CRLF only", mp, b"--XX--\r\n", False),
            ("empty body", mp, b"", False),
            ("missing boundary parameter", "multipart/form-data", prefix + file_part(field) + b"--XX--\r\n", False),
            ("empty boundary", "multipart/form-data; boundary=", prefix + file_part(field) + b"--XX--\r\n", False),
            ("boundary mismatch", "multipart/form-data; boundary=YY", prefix + file_part(field) + b"--XX--\r\n", False),
            ("boundary 5000 chars", "multipart/form-data; boundary=" + "B" * 5000, b"--" + b"B" * 5000 + b"--\r\n", False),
            ("truncated part (no closing boundary)", mp, prefix + file_part(field)[:-2], False),
            ("truncated part headers", mp, prefix + b'--XX\r\nContent-Disposition: form-data; name="' + field.encode(), False),
            ("part without headers", mp, prefix + b"--XX\r\n\r\nabc\r\n--XX--\r\n", False),
            ("part without name", mp, prefix + b'--XX\r\nContent-Disposition: form-data; filename="a.jpg"\r\n\r\nabc\r\n--XX--\r\n', False),
            ("Content-Disposition garbage", mp, prefix + b"--XX\r\nContent-Disposition: ;;;name==\"\r\n\r\nabc\r\n--XX--\r\n", False),
            ("huge part header 200 KB", mp, prefix + file_part(field, extra=b"X-Pad: " + b"p" * 200_000 + b"\r\n") + b"--XX--\r\n", False),
            ("filename 100 KB", mp, prefix + file_part(field, filename=b"f" * 100_000 + b".jpg") + b"--XX--\r\n", False),
            ("filename ../ NUL 0xff", mp, prefix + file_part(field, filename=b"../../\x00\xff.jpg") + b"--XX--\r\n", False),
            ("empty file part", mp, prefix + file_part(field, filename=b"", data=b"") + b"--XX--\r\n", False),
            ("2000 file parts", mp, prefix + file_part(field) * 2000 + b"--XX--\r\n", False),
            ("same field as file and text", mp, prefix + file_part(field) + b'--XX\r\nContent-Disposition: form-data; name="'
             + field.encode() + b'"\r\n\r\ntext\r\n--XX--\r\n', False),
            ("binary garbage body", mp, bytes(random.Random(7).getrandbits(8) for _ in range(4096)), False),
            ("nested multipart/mixed part", mp, prefix + b'--XX\r\nContent-Disposition: form-data; name="' + field.encode()
             + b'"\r\nContent-Type: multipart/mixed; boundary=YY\r\n\r\n--YY\r\n\r\nx\r\n--YY--\r\n--XX--\r\n', False),
            ("Content-Length longer than body", mp, prefix + file_part(field), True),
        ]

    cases = []
    for path, token, field in api:
        path = path.format(**ids)
        who = "admin" if token == admin else "worker"
        for label, ctype, body, short in bodies(field, b""):
            headers = [("Authorization", f"Bearer {token}"), ("Content-Type", ctype)]
            if short:
                headers.append(("Content-Length", str(len(body) + 100)))
            cases.append(dict(group=f"multipart API ({who})", method="POST", path=path, summary=label,
                              data=request("POST", path, headers, body), timeout=SHORT_TIMEOUT if short else CASE_TIMEOUT))
    for path in web:
        path = path.format(**ids)
        field = "file" if path.endswith(("import", "boundaries")) else "photos"
        for label, ctype, body, short in bodies(field, csrf_part):
            headers = [("Cookie", cookie), ("Content-Type", ctype), ("X-CSRF-Token", csrf)]
            if short:
                headers.append(("Content-Length", str(len(body) + 100)))
            cases.append(dict(group="multipart web (admin session)", method="POST", path=path, summary=label,
                              data=request("POST", path, headers, body), timeout=SHORT_TIMEOUT if short else CASE_TIMEOUT))
    return cases


def mutation_cases(rng, token, cookie, count):
    """Seeded random byte mutations of a few ordinary requests."""
    seeds = [request("GET", "/api/v1/hazards?limit=5&offset=0", [("Authorization", f"Bearer {token}")]),
             request("GET", "/hazards?page=2", [("Cookie", cookie)]),
             request("POST", "/api/v1/auth/token", [("Content-Type", "application/json")], b'{"username":"nobody","password":"x"}')]
    cases = []
    for n in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            op = rng.randrange(4)
            at = rng.randrange(len(data))
            if op == 0:
                data[at] = rng.randrange(256)
            elif op == 1:
                data[at:at] = bytes(rng.choice([b"%", b"\x00", b"\xff", b"9223372036854775807", b"\r\n", b":", b";", b"-1", b"%ff"]))
            elif op == 2:
                del data[at:at + rng.randint(1, 16)]
            else:
                data[at:at] = data[at:at + rng.randint(1, 64)] * rng.randint(2, 50)
        cases.append(dict(group="seeded mutations", method="", path=target(bytes(data)),
                          summary=f"mutation #{n}: {repr(bytes(data[:200]))[2:-1]}", data=bytes(data), timeout=SHORT_TIMEOUT))
    return cases


# --------------------------------------------------------------------------- run


def describe(f):
    where = f"{f['method']} {f['path']}".strip()
    return (f"[{f['group']}] {where} :: {f['input']} -> {f['problem']}" + (f"  | server: {f['log']}" if f.get("log") else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid-file", required=True)
    parser.add_argument("--server-log", default="")
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--max-cases", type=int, default=1500)
    parser.add_argument("--mutations", type=int, default=40)
    parser.add_argument("--time-budget", type=float, default=170.0)
    parser.add_argument("--json-report", default="")
    args = parser.parse_args()
    started = time.monotonic()
    rng = random.Random(args.seed)

    tokens = {"admin": os.environ.get("FUZZ_ADMIN_TOKEN") or api_token(args.port, "admin"),
              "worker": os.environ.get("FUZZ_WORKER_TOKEN") or api_token(args.port, "gridworker")}
    cookie, csrf = web_session(args.port, "admin")
    ids = discover(args.port, tokens["admin"])
    # The API lists come last: if time runs short, every other kind has had its turn.
    queries = query_cases(tokens, cookie, ids)
    cases = (request_line_cases() + header_cases(tokens["admin"], cookie) + multipart_cases(tokens, cookie, csrf, ids)
             + [c for c in queries if c["group"].startswith("web")] + mutation_cases(rng, tokens["admin"], cookie, args.mutations)
             + [c for c in queries if not c["group"].startswith("web")])
    cases = cases[:args.max_cases]
    print(f"fuzz_raw: {len(cases)} cases, seed {args.seed}, ids {ids}, budget {args.time_budget:.0f} s", flush=True)

    failures, notes, done, restarts, results = [], {}, 0, 0, []
    pid = read_pid(args.pid_file)
    if not alive(pid):
        raise SystemExit("fuzz_raw: the server is not running (pid file %s)" % args.pid_file)
    for index, case in enumerate(cases):
        if time.monotonic() - started > args.time_budget:
            print(f"fuzz_raw: time budget spent after {done} of {len(cases)} cases", flush=True)
            break
        log_start = log_size(args.server_log)
        t = time.monotonic()
        status, head, body, note = exchange(args.port, case["data"], case.get("timeout", CASE_TIMEOUT))
        done += 1
        what = dict(index=index, group=case["group"], method=case["method"], path=case["path"][:160],
                    input=case["summary"][:200], status=status, note=note, seconds=round(time.monotonic() - t, 2))
        results.append(what)
        if status is not None and status >= 500:
            what["problem"] = f"HTTP {status}"
            what["log"] = log_excerpt(args.server_log, log_start, crash=False)
            failures.append(what)
            print(f"FAIL #{index} {describe(what)}", flush=True)
        elif status is None:
            notes[note] = notes.get(note, 0) + 1

        # Still alive and answering? A crashing process may answer /healthz while its
        # backtrace is written, so the log is read too: a crash message means this case.
        same = lambda: alive(pid) and read_pid(args.pid_file) == pid
        crashing = bool(CRASH_MARKS.search(log_delta(args.server_log, log_start)))
        ok = not crashing and same() and healthy(args.port)
        waited = 0.0
        while not ok and same() and waited < 30:
            time.sleep(0.25)
            waited += 0.25
            crashing = crashing or bool(CRASH_MARKS.search(log_delta(args.server_log, log_start)))
            ok = not crashing and healthy(args.port, 2.0)
        if ok:
            continue
        exited = not alive(pid) or read_pid(args.pid_file) != pid
        if not exited:
            # Hung, or still writing its backtrace: stop it (it is ours) so that the supervisor restarts it.
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        what = dict(what, problem="process exited" if exited or crashing else "server stopped answering /healthz (killed)",
                    log=log_excerpt(args.server_log, log_start, crash=True))
        failures.append(what)
        print(f"FAIL #{index} {describe(what)}", flush=True)
        # Wait for the supervisor's restart, then carry on with a fresh session.
        deadline = time.monotonic() + RECOVERY_WAIT
        while time.monotonic() < deadline:
            new = read_pid(args.pid_file)
            if new != pid and alive(new) and healthy(args.port, 2.0):
                break
            time.sleep(0.5)
        else:
            print("fuzz_raw: the server did not come back; stopping", flush=True)
            break
        # Tokens and web sessions live in the database, so the cases keep working after it.
        pid, restarts = read_pid(args.pid_file), restarts + 1

    elapsed = time.monotonic() - started
    if args.json_report:
        with open(args.json_report, "w") as out:
            json.dump(dict(cases=len(cases), done=done, elapsed=elapsed, restarts=restarts, failures=failures,
                           no_answer=notes, results=results), out, indent=1, ensure_ascii=False)
    print(f"fuzz_raw: {done}/{len(cases)} cases in {elapsed:.0f} s, {len(failures)} failing, {restarts} restart(s); "
          f"cases without an HTTP answer (not failures): {notes or 'none'}")
    if failures:
        print("fuzz_raw: failing cases:")
        for f in failures:
            print(f"  #{f['index']} {describe(f)}")
    return 1 if failures or done < len(cases) and elapsed <= args.time_budget else 0


if __name__ == "__main__":
    sys.exit(main())
