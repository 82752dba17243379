#!/usr/bin/env python3
"""Reads what bench/run.sh wrote (its JSON, with every measurement of every round) and prints or adds:

  report.py governance RUN.json BUDGETS.json   the --governance table (added to RUN.json as "governance")
  report.py figures RUN.json                   the fixed figures (added as "figures"), against bench/results/baseline.json
  report.py baseline [RUN.json...]             the runs' figures into bench/results/baseline.json (none: every name, null)
  report.py compare RUN.json                   NEW/OLD per figure of a run.sh --keyroute NEW --compare OLD run

CPU per request is a process's CPU time over the requests wrk completed. A paired figure is computed round by
round (each round measures every target within seconds of the others) and the median taken: on a shared machine
it is far steadier than the medians' ratio. Figures and the baseline's schema: docs/PERFORMANCE.md.
"""
import json
import os
import statistics
import sys

BASELINE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "baseline.json")
SCHEMA = "keyroute-bench-figures/1"

# --governance's targets (bench/governance.sh), as the table shows them.
GOVERNANCE = (
    ("off", "everything off (same build, no governance config)"),
    ("limits", "+ key rpm and tpm (in the process)"),
    ("limits-r", "+ key rpm and tpm in Redis"),
    ("budgets", "+ workspace and user budgets in Redis"),
    ("guards", "+ pii and secrets guardrails (input, output)"),
    ("policy", "+ one CEL policy rule"),
    ("otel", "+ OpenTelemetry (OTLP to a local sink)"),
    ("cache0", "+ exact cache, every request a miss"),
    ("all0", "everything on, 0% cache hits"),
    ("all50", "everything on, 50% cache hits"),
    ("oall0", "everything on, 0% cache hits: the compared build"),
)
SINGLE = ("limits", "budgets", "guards", "policy", "otel", "cache0")  # each feature alone, as all0 has them
JIT_SHARE = 0.05  # a row whose CPU is more than this much the JIT's was measured before its process was warm
GOAL_RATIO = 2.0  # issue 28: everything on costs at most 2x the bare pass-through's CPU per request


def main():
    command, args = sys.argv[1], sys.argv[2:]
    {"governance": governance, "figures": figures, "baseline": baseline, "compare": compare}[command](*args)


def load(path):
    with open(path) as f:
        return json.load(f)


def save(path, report):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")


def med(xs):
    return statistics.median(xs)


def rounds(report, conc, target):
    """The target's measurements at conc, by round: {round: measurement}."""
    return {m["round"]: m for m in report["measurements"] if m["concurrency"] == conc and m["target"] == target}


def per_request(m, value="cpu_us"):
    return m[value] / m["requests"]


def paired(a, b, combine):
    """combine(a's measurement, b's) in each round both have, in round order."""
    return [combine(a[r], b[r]) for r in sorted(a) if r in b]


def governance(run, budgets):
    report = load(run)
    report["governance"] = {}
    for conc in sorted({m["concurrency"] for m in report["measurements"]}):
        off, bare = rounds(report, conc, "off"), rounds(report, conc, "bare")
        if not off:
            continue
        print("\ngovernance at c%d (medians of %d rounds; '+ off' and 'x bare' paired by round: each round's CPU per "
              "request against off's and the bare pass-through's in the same round)" % (conc, len(off)))
        print("%-9s %9s %9s %8s %10s %7s  %s" % ("target", "req/s", "cpu/req", "jit/req", "+ off", "x bare", ""))
        if bare:
            print("%-9s %9.0f %9.1f %8.1f %10s %7s  %s" % ("bare", med([m["rps"] for m in bare.values()]),
                  med([per_request(m) for m in bare.values()]), med([m["by_thread"]["jit"] / m["requests"] for m in bare.values()]),
                  "", "1.00", "the bare Helidon pass-through"))
        rows = {}
        for target, what in GOVERNANCE:
            t = rounds(report, conc, target)
            if not t:
                continue
            added = paired(t, off, lambda a, b: per_request(a) - per_request(b))
            ratio = paired(t, bare, lambda a, b: per_request(a) / per_request(b))
            row = rows[target] = {
                "what": what, "rps": round(med([m["rps"] for m in t.values()])),
                "cpu_us_per_request": round(med([per_request(m) for m in t.values()]), 1),
                "jit_us_per_request": round(med([m["by_thread"]["jit"] / m["requests"] for m in t.values()]), 1),
                "added_cpu_us_over_off_paired": round(med(added), 1), "added_cpu_us_over_off_rounds": [round(a, 1) for a in added],
                "cpu_ratio_to_bare_paired": round(med(ratio), 3) if ratio else None}
            print("%-9s %9d %9.1f %8.1f %10s %7s  %s" % (target, row["rps"], row["cpu_us_per_request"], row["jit_us_per_request"],
                  "" if target == "off" else "%+.1f" % row["added_cpu_us_over_off_paired"],
                  "%.2f" % row["cpu_ratio_to_bare_paired"] if ratio else "", what))
        result = {"targets": rows}
        compiling = [t for t, row in rows.items() if row["jit_us_per_request"] > JIT_SHARE * row["cpu_us_per_request"]]
        if compiling:  # the JIT's CPU lands on the row it measures: its increment is warm-up, not the feature
            print("warning: the JIT was still compiling in %s (over %d%% of their CPU per request): a longer --warmup "
                  "before reading those rows" % (", ".join(compiling), JIT_SHARE * 100))
        if "all0" in rows and rows["all0"]["cpu_ratio_to_bare_paired"] is not None:
            ratio = rows["all0"]["cpu_ratio_to_bare_paired"]
            result["goal_met"] = ratio <= GOAL_RATIO
            print("goal: everything on <= %.0fx the bare floor's CPU per request: %.2fx at 0%% cache hits%s -> %s"
                  % (GOAL_RATIO, ratio, ", %.2fx at 50%%" % rows["all50"]["cpu_ratio_to_bare_paired"] if "all50" in rows else "",
                     "met" if result["goal_met"] else "NOT met"))
        if all(t in rows for t in SINGLE + ("all0",)):
            result["single_increments_sum_us"] = round(sum(rows[t]["added_cpu_us_over_off_paired"] for t in SINGLE), 1)
            print("the single features' increments add up to %+.1f us; everything on together: %+.1f us (limits in Redis there: "
                  "compare limits-r)" % (result["single_increments_sum_us"], rows["all0"]["added_cpu_us_over_off_paired"]))
        report["governance"][str(conc)] = result
    if os.path.exists(budgets):  # charged: a budget that was never reserved against would show nothing spent
        report["governance_budgets_at_end"] = load(budgets)
        print("budgets at the end: " + "; ".join("%s spent $%s, reserved $%s" % (t, b["spent_usd"], b["reserved_usd"])
                                                 for t, b in report["governance_budgets_at_end"].items()))
    save(run, report)


def at(path):
    """A figure's value in a run's report, found along path (keys), or None where the run did not measure it."""
    def get(report):
        value = report
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value
    return get


# The fixed set: name -> (unit, which way is better, where a run.sh report has it, what it is). Concurrency 16 unless
# named. Other benches add theirs here (their report JSON, the same "figures" object).
FIGURES = {
    "bare_cpu_us_per_request": ("us", "lower", at(("concurrency", "16", "bare_cpu_us_per_request")),
                                "the bare Helidon pass-through's CPU per request: the machine's floor"),
    "keyroute_cpu_us_per_request": ("us", "lower", at(("concurrency", "16", "keyroute_cpu_us_per_request")),
                                    "Keyroute as a user gets it, a short chat request"),
    "keyroute_rps": ("req/s", "higher", at(("concurrency", "16", "keyroute_rps")), "the same, requests per second on one core"),
    "keyroute_added_p50_us_c1": ("us", "lower", at(("concurrency", "1", "keyroute_added_p50_us")),
                                 "latency Keyroute adds at concurrency 1 (median)"),
    "governance_cpu_us_per_request": ("us", "lower", at(("governance", "16", "targets", "all0", "cpu_us_per_request")),
                                      "--governance: everything on, 0% cache hits"),
    "governance_cpu_ratio_to_bare": ("x", "lower", at(("governance", "16", "targets", "all0", "cpu_ratio_to_bare_paired")),
                                     "the same over the bare pass-through's, paired (goal <= 2)"),
    "governance_half_hits_cpu_us_per_request": ("us", "lower", at(("governance", "16", "targets", "all50", "cpu_us_per_request")),
                                                "--governance: everything on, 50% cache hits"),
    "cache_hit_cpu_us_per_request": ("us", "lower", at(("concurrency", "16", "cache_hit_cpu_us_per_request")),
                                     "--cache: an exact-cache hit"),
    "cache_miss_added_cpu_us": ("us", "lower", at(("concurrency", "16", "cache_miss_added_cpu_us_paired")),
                                "--cache: a miss over the cache off, paired"),
    "responses_translated_cpu_ratio_to_chat": ("x", "lower", at(("concurrency", "16", "responses_translated_cpu_ratio_to_chat_paired")),
                                               "POST /v1/responses translated, over a chat request, paired"),
    "stream_added_ttfb_ms": ("ms", "lower", at(("streaming_20ms_per_event", "added_ttfb_ms")),
                             "a stream's first event, later than the upstream's"),
    "rss_1000_streams_mb": ("MB", "lower", at(("open_streams_1000", "rss_while_open_mb")), "RSS with 1,000 open streams"),
    "start_to_ready_ms": ("ms", "lower", at(("start_to_ready_ms",)), "start to ready, pinned to one core"),
}


def run_figures(report):
    return {name: {"value": get(report), "unit": unit, "better": better}
            for name, (unit, better, get, _) in FIGURES.items() if get(report) is not None}


def figures(run):
    report = load(run)
    report["figures"] = run_figures(report)
    save(run, report)
    base = load(BASELINE)["figures"] if os.path.exists(BASELINE) else {}
    print("\nfigures (the fixed set; against bench/results/baseline.json, another run: read as a hint, not a pairing)")
    for name, figure in report["figures"].items():
        was = base.get(name, {}).get("value")
        print("  %-42s %10.3f %-5s %s" % (name, figure["value"], figure["unit"],
                                          "%.2fx the baseline's %.3f" % (figure["value"] / was, was) if was else ""))
    print("\nJSON: " + run)


def baseline(*runs):
    """Each run's figures into the baseline, with where it came from (a later run's figure replaces an earlier's)."""
    base = load(BASELINE) if os.path.exists(BASELINE) else {"schema": SCHEMA, "figures": {}}
    for name, (unit, better, _, what) in FIGURES.items():  # every figure named, null until a run measured it
        base["figures"].setdefault(name, {"value": None, "unit": unit, "better": better, "what": what})
    for run in runs:
        report = load(run)
        for name, figure in run_figures(report).items():
            base["figures"][name] = dict(figure, what=FIGURES[name][3], date=report["date"], commit=report.get("commit"),
                                         machine=report.get("machine"), run=os.path.basename(run))
    save(BASELINE, base)
    print("baseline: %d of %d figures measured, in %s" % (sum(f["value"] is not None for f in base["figures"].values()),
                                                           len(base["figures"]), BASELINE))


# run.sh --keyroute NEW --compare OLD: target "through" is NEW, "compare" OLD; with --governance "all0" is NEW with
# everything on, "oall0" OLD.
PAIRS = (("through", "compare", ""), ("all0", "oall0", "governance_"))
COMPARED = (("rps", "req/s", lambda m: m["rps"]), ("cpu_us_per_request", "us", per_request),
            ("p50_us", "us", lambda m: m["p50_us"]), ("p99_us", "us", lambda m: m["p99_us"]))


def compare(run):
    report = load(run)
    print("\nNEW (%s) / OLD (%s), paired by round: the median of the rounds' ratios and their range"
          % (report.get("commit"), report.get("compare_commit")))
    print("%-5s %-31s %11s %11s %-5s %9s %17s" % ("conc", "figure", "NEW", "OLD", "", "NEW/OLD", "rounds min..max"))
    result = {}
    for conc in sorted({m["concurrency"] for m in report["measurements"]}):
        for new_target, old_target, prefix in PAIRS:
            new, old = rounds(report, conc, new_target), rounds(report, conc, old_target)
            for name, unit, value in COMPARED:
                ratios = paired(new, old, lambda a, b: value(a) / value(b))
                if not ratios:
                    continue
                r = result["c%d_%s%s" % (conc, prefix, name)] = {
                    "new": med([value(m) for m in new.values()]), "old": med([value(m) for m in old.values()]),
                    "ratio_paired": round(med(ratios), 3), "ratios": [round(r, 3) for r in ratios]}
                print("%-5d %-31s %11.1f %11.1f %-5s %9.3f %8.3f..%.3f" % (conc, prefix + name, r["new"], r["old"], unit,
                      r["ratio_paired"], min(ratios), max(ratios)))
    streams = report.get("streaming_20ms_per_event", {})
    if "compare_ttfb_ms" in streams:  # one probe of 20 streams each, interleaved: no rounds
        result["stream_ttfb_ms"] = {"new": streams["keyroute_ttfb_ms"], "old": streams["compare_ttfb_ms"],
                                    "ratio": round(streams["keyroute_ttfb_ms"] / streams["compare_ttfb_ms"], 3)}
        r = result["stream_ttfb_ms"]
        print("%-5s %-31s %11.2f %11.2f %-5s %9.3f %17s" % ("", "stream first event", r["new"], r["old"], "ms", r["ratio"],
                                                            "(20 probes)"))
    report["compared"] = result
    save(run, report)


if __name__ == "__main__":
    main()
