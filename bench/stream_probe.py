#!/usr/bin/env python3
"""Streaming latency, direct vs through Keyroute, interleaved: for each request the arrival time of
every SSE event. Prints JSON: median time to first event for each side, and the largest added delay
of any event (event i through Keyroute vs event i direct, medians over the requests); an added
delay that grows along the stream would mean events are held back (buffered).

  stream_probe.py REQUESTS DIRECT_URL DIRECT_KEY DIRECT_MODEL THROUGH_URL THROUGH_KEY THROUGH_MODEL
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

n, direct, through = int(sys.argv[1]), sys.argv[2:5], sys.argv[5:8]
runs = {"direct": [], "through": []}
for _ in range(n):
    runs["direct"].append(probe(*direct))
    runs["through"].append(probe(*through))
events = min(len(r) for side in runs.values() for r in side)
med = {side: [statistics.median(r[i] for r in rs) for i in range(events)] for side, rs in runs.items()}
added = [t - d for t, d in zip(med["through"], med["direct"])]
print(json.dumps({"requests": n, "events": events,
                  "direct_ttfb_ms": round(med["direct"][0], 2), "keyroute_ttfb_ms": round(med["through"][0], 2),
                  "direct_total_ms": round(med["direct"][-1], 2), "keyroute_total_ms": round(med["through"][-1], 2),
                  "added_ttfb_ms": round(added[0], 2), "added_total_ms": round(added[-1], 2),
                  "max_added_event_ms": round(max(added), 2),
                  "added_by_event_ms": [round(a, 2) for a in added]}))
