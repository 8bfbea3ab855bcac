#!/usr/bin/env python3
"""Reads a schemathesis NDJSON report (scripts/fuzz-api) and decides: every 5xx answer and
every request without an answer (connection reset, refused, timed out: the server died or
hung) is a failure, and so is a response that does not match the OpenAPI document (the
document must say what the code does).

Usage: fuzz_st_report.py [--allow-empty] LABEL REPORT.ndjson...   summary of one or more runs
       fuzz_st_report.py --crashed REPORT.ndjson        when that run stopped because the
           server went away: the operations whose requests got no answer, one a line, exit 0;
           exit 1 when the run did not stop that way.
Exit status of the summary: 0 no failure, 1 failures, 2 no report or nothing tested.
"""
import json
import sys
from collections import OrderedDict
from urllib.parse import unquote, urlsplit


def short_uri(uri, limit=220):
    parts = urlsplit(uri)
    text = unquote(parts.path) + (("?" + unquote(parts.query)) if parts.query else "")
    return text if len(text) <= limit else text[:limit] + f"...({len(text)} chars)"


def first_line(text, limit=160):
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:limit]


def read_lines(paths):
    lines = []
    for path in paths:
        try:
            lines += open(path, encoding="utf-8").read().splitlines()
        except OSError as error:
            print(f"fuzz_st_report: cannot read {path}: {error}")
    return lines


def events(lines):
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a run cut short by `timeout` may end in half a line
        if isinstance(event, dict) and event:
            yield next(iter(event.items()))


def crashed(path):
    """Operations to leave out of the next attempt after the server went away."""
    stopped, labels = False, OrderedDict()
    for kind, body in events(read_lines([path])):
        if kind == "EngineFinished" and body.get("stop_reason") == "server_unavailable":
            stopped = True
        elif kind == "NonFatalError" and body.get("related_to_operation") and body.get("label"):
            labels[body["label"]] = True
        elif kind == "ScenarioFinished":
            recorder = body.get("recorder") or {}
            for interaction in (recorder.get("interactions") or {}).values():
                if interaction and interaction.get("request") and not interaction.get("response"):
                    labels[recorder.get("label", "?")] = True
    for label in labels:
        print(label)
    return 0 if stopped else 1


def main():
    if sys.argv[1] == "--crashed":
        return crashed(sys.argv[2])
    args = sys.argv[1:]
    allow_empty = args[0] == "--allow-empty"
    label, paths = (args[1], args[2:]) if allow_empty else (args[0], args[1:])
    lines = read_lines(paths)
    if not lines:
        print(f"schemathesis ({label}): no report")
        return 0 if allow_empty else 2
    server_errors = OrderedDict()   # (operation, status, uri) -> details
    no_answer = OrderedDict()
    schema = OrderedDict()          # operation -> (count, first message)
    errors, scenarios, cases, finished = [], 0, 0, []
    for kind, body in events(lines):
        if kind == "ScenarioFinished":
            scenarios += 1
            recorder = body.get("recorder") or {}
            operation = recorder.get("label", "?")
            interactions = recorder.get("interactions") or {}
            values = recorder.get("cases") or {}
            cases += len(values)
            for case_id, checks in (recorder.get("checks") or {}).items():
                interaction = interactions.get(case_id) or {}
                request = interaction.get("request") or {}
                response = interaction.get("response") or {}
                meta = ((values.get(case_id) or {}).get("value") or {}).get("meta") or {}
                phase = meta.get("phase") or {}
                how = f"{phase.get('name', '?')}: {(phase.get('data') or {}).get('description', '')}".strip(": ")
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    failure = (check.get("failure_info") or {}).get("failure") or {}
                    if check.get("name") == "not_a_server_error":
                        key = (operation, response.get("status_code"), request.get("uri", ""))
                        server_errors.setdefault(key, dict(method=request.get("method", "?"), how=how,
                                                           message=first_line(failure.get("message"))))
                    elif check.get("name") == "response_schema_conformance":
                        count, message = schema.get(operation, (0, first_line(failure.get("message"))))
                        schema[operation] = (count + 1, message)
            # Requests that got no response at all (the recorder keeps them without one).
            for case_id, interaction in interactions.items():
                if interaction and interaction.get("request") and not interaction.get("response"):
                    request = interaction["request"]
                    no_answer.setdefault((operation, request.get("uri", "")), request.get("method", "?"))
        elif kind in ("NonFatalError", "FatalError"):
            value = body.get("value") or body.get("exception") or body
            text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
            text = " ".join(text.replace("\\n", " ").split())
            errors.append(f"{body.get('label', kind)}: {text[:300]}")
        elif kind == "EngineFinished":
            finished.append(body.get("stop_reason", "completed"))

    runs = len(paths)
    ends = finished + ["cut short by the time bound"] * (runs - len(finished))
    print(f"schemathesis ({label}): {runs} run(s), {scenarios} scenarios, {cases} generated cases; "
          f"end of each run: {', '.join(ends)}")
    for (operation, status, uri), d in server_errors.items():
        print(f"  FAIL 5xx  {operation:<45} {status}  {d['method']} {short_uri(uri)}  [{d['how']}]")
    for (operation, uri), method in no_answer.items():
        print(f"  FAIL no answer (crash or hang?)  {operation:<30} {method} {short_uri(uri)}")
    for error in errors:
        print(f"  FAIL error  {error}")
    if schema:
        print(f"  FAIL responses that do not match the documented schema ({sum(c for c, _ in schema.values())}):")
        for operation, (count, message) in schema.items():
            print(f"    {operation:<50} x{count}  {message}")
    failed = bool(server_errors or no_answer or errors or schema)
    if scenarios == 0 and not failed:
        print(f"schemathesis ({label}): nothing was tested")
        return 0 if allow_empty else 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
