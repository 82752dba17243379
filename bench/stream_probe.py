#!/usr/bin/env python3
"""Streaming latency, direct vs through one or more proxies, interleaved: for each request the
arrival time of every SSE event. Prints JSON: median time to first event for each side, and the
largest added delay of any event (event i through a proxy vs event i direct, medians over the
requests); an added delay that grows along the stream would mean events are held back (buffered).

  stream_probe.py REQUESTS DIRECT_URL DIRECT_KEY DIRECT_MODEL THROUGH_URL THROUGH_KEY THROUGH_MODEL \
      [NAME URL KEY MODEL ...]

The first proxy's figures keep the keys keyroute_* and added_* (as in earlier reports); each further
proxy NAME gets NAME_ttfb_ms, NAME_total_ms, NAME_added_ttfb_ms, NAME_added_total_ms and
NAME_max_added_event_ms (bench/run.sh adds the bare Helidon pass-through as "bare": the floor).
"""
import http.client, json, statistics, sys, time, urllib.parse

def probe(url, key, model):
    u = urllib.parse.urlparse(url)
    body = json.dumps({"model": model, "stream": True, "stream_options": {"include_usage": True},
                       "messages": [{"role": "system", "content": "You are terse."},
                                    {"role": "user", "content": "Say hello to the benchmark in five words."}]})
    conn = http.client.HTTPConnection(u.hostname, u.port)
    start = time.perf_counter()
    conn.request("POST", u.path, body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        sys.exit("stream probe: HTTP %d from %s: %s" % (resp.status, url, resp.read()[:300]))
    arrivals, pending = [], b""
    while True:
        chunk = resp.read1(65536)
        if not chunk:
            break
        now = time.perf_counter()
        pending += chunk
        while b"\n\n" in pending:
            event, pending = pending.split(b"\n\n", 1)
            if event.startswith(b"data:"):
                arrivals.append((now - start) * 1e3)
    conn.close()
    return arrivals

n = int(sys.argv[1])
targets = {"direct": sys.argv[2:5], "keyroute": sys.argv[5:8]}
rest = sys.argv[8:]
if len(rest) % 4:
    sys.exit("stream probe: each further target is NAME URL KEY MODEL")
for i in range(0, len(rest), 4):
    targets[rest[i]] = rest[i + 1:i + 4]
runs = {name: [] for name in targets}
for _ in range(n):
    for name, target in targets.items():
        runs[name].append(probe(*target))
events = min(len(r) for side in runs.values() for r in side)
med = {side: [statistics.median(r[i] for r in rs) for i in range(events)] for side, rs in runs.items()}
report = {"requests": n, "events": events, "direct_ttfb_ms": round(med["direct"][0], 2),
          "direct_total_ms": round(med["direct"][-1], 2)}
for name in targets:
    if name == "direct":
        continue
    added = [t - d for t, d in zip(med[name], med["direct"])]
    prefix = "" if name == "keyroute" else name + "_"
    report.update({name + "_ttfb_ms": round(med[name][0], 2), name + "_total_ms": round(med[name][-1], 2),
                   prefix + "added_ttfb_ms": round(added[0], 2), prefix + "added_total_ms": round(added[-1], 2),
                   prefix + "max_added_event_ms": round(max(added), 2),
                   prefix + "added_by_event_ms": [round(a, 2) for a in added]})
print(json.dumps(report))
