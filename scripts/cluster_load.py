"""Load driver and verifier for scripts/cluster-test (standard library only).

Creates hazards and acts on them through the load balancer from several threads, kills one
instance halfway, then checks the database directly with psql."""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


def call(url, method="GET", body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception:
        return 0, None


def psql(database, query):
    out = subprocess.run(["psql", database, "-At", "-F", "|", "-c", query], check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.strip().splitlines() if line]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lb"); p.add_argument("--a"); p.add_argument("--b")
    p.add_argument("--seconds", type=float); p.add_argument("--kill-pid", type=int)
    p.add_argument("--database"); p.add_argument("--period-seconds", type=int)
    args = p.parse_args()

    status, body = call(args.a + "/api/v1/auth/token", "POST", {"username": "officer", "password": "demo-2026"})
    assert status == 200, f"login failed: {status}"
    token = body["token"]
    # A token issued by one instance works on the other.
    status, me = call(args.b + "/api/v1/me", token=token)
    assert status == 200 and me["username"] == "officer", f"token from A refused by B: {status}"
    status, places = call(args.lb + "/api/v1/places?limit=20", token=token)
    place_ids = [p["id"] for p in places["items"]]

    lock = threading.Lock()
    acked_hazards = {}   # id -> number
    acked_actions = []   # (hazard id, action, version after)
    failures = {"create": 0, "action": 0}
    stop = time.time() + args.seconds
    killed = {"at": None}

    def worker(n):
        i = 0
        while time.time() < stop:
            i += 1
            status, h = call(args.lb + "/api/v1/hazards", "POST", {
                "title": f"集群测试隐患 {n}-{i}", "category": "fire", "source": "territorial",
                "placeId": place_ids[(n + i) % len(place_ids)]}, token)
            if status != 201:
                with lock:
                    failures["create"] += 1
                continue
            with lock:
                acked_hazards[h["id"]] = h["number"]
            if i % 2 == 0:
                status, after = call(args.lb + f"/api/v1/hazards/{h['id']}/actions", "POST", {
                    "action": "assign", "version": h["version"], "deadline": "2099-12-31",
                    "responsibleName": "测试负责人", "requirement": "整改"}, token)
                if status == 200:
                    with lock:
                        acked_actions.append((h["id"], "assign", after["version"]))
                else:
                    with lock:
                        failures["action"] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(args.seconds / 2)
    os.kill(args.kill_pid, signal.SIGKILL)
    killed["at"] = time.time()
    for t in threads:
        t.join()
    # Let the surviving instance run a few more job periods alone.
    time.sleep(args.period_seconds * 3)

    db = args.database
    rows = {int(r[0]): r[1] for r in psql(db, "SELECT id, number FROM hazards")}
    lost = [i for i, number in acked_hazards.items() if rows.get(i) != number]
    duplicates = psql(db, "SELECT number, COUNT(*) FROM hazards GROUP BY number HAVING COUNT(*) > 1")
    gaps = []
    for township, count, top in psql(db, "SELECT township_id, COUNT(*), MAX(CAST(SUBSTRING(number FROM '[0-9]+$') AS INTEGER)) FROM hazards GROUP BY township_id"):
        if int(count) != int(top):
            gaps.append((township, count, top))
    assign_events = {int(r[0]) for r in psql(db, "SELECT hazard_id FROM hazard_events WHERE action = 'assign'")}
    lost_actions = [a for a in acked_actions if a[0] not in assign_events]
    versions = {int(r[0]): int(r[1]) for r in psql(db, "SELECT id, version FROM hazards")}
    stale = [a for a in acked_actions if versions.get(a[0], 0) < a[2]]
    missing_register = psql(db, "SELECT COUNT(*) FROM hazards h WHERE NOT EXISTS (SELECT 1 FROM hazard_events e WHERE e.hazard_id = h.id AND e.action = 'register')")[0][0]
    runs = psql(db, "SELECT name, period, COUNT(*), MIN(instance), MAX(instance), BOOL_AND(finished_at IS NOT NULL) FROM job_runs GROUP BY name, period ORDER BY period")
    twice = [r for r in runs if int(r[2]) != 1]
    periods = sorted(int(r[1]) for r in runs)
    holes = [p for p in range(periods[0], periods[-1]) if p not in set(periods)] if periods else []
    # Each job's newest period may still be running when this looks.
    newest = {}
    for r in runs:
        newest[r[0]] = max(newest.get(r[0], 0), int(r[1]))
    unfinished = [r for r in runs if r[5] != "t" and int(r[1]) != newest[r[0]]]
    by_instance = {}
    for r in runs:
        by_instance[r[3]] = by_instance.get(r[3], 0) + 1
    after_kill = [r for r in runs if int(r[1]) * args.period_seconds > killed["at"] + args.period_seconds]

    print(f"writes acknowledged: {len(acked_hazards)} hazards, {len(acked_actions)} assignments; "
          f"found: {len(acked_hazards) - len(lost)} hazards, {len(acked_actions) - len(lost_actions)} assignments")
    print(f"requests refused or cut off (not acknowledged): {failures['create']} creates, {failures['action']} actions")
    print(f"duplicate hazard numbers: {len(duplicates)}; townships with gaps in numbering: {len(gaps)}; hazards without register event: {missing_register}")
    print(f"job periods: {len(runs)} ({periods[0] if periods else '-'}..{periods[-1] if periods else '-'}), run more than once: {len(twice)}, "
          f"missing periods: {len(holes)}, unfinished: {len(unfinished)}, runs by instance: {by_instance}, periods after the kill: {len(after_kill)}")
    ok = (not lost and not lost_actions and not stale and not duplicates and not gaps and missing_register == "0"
          and not twice and not holes and not unfinished and len(after_kill) > 0 and len(acked_hazards) > 0)
    print("cluster test: " + ("PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
