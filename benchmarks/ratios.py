#!/usr/bin/env python3
"""Reads a JMH JSON result file and prints each benchmark's ratio to its baseline (same run) as Markdown.

usage: python3 benchmarks/ratios.py benchmarks/target/jmh-results.json
"""
import json
import sys

res = {}
for b in json.load(open(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/jmh-results.json")):
    name = b["benchmark"].rsplit(".", 2)
    key = (name[-2] + "." + name[-1], tuple(sorted((b.get("params") or {}).items())))
    pm = b["primaryMetric"]
    alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    raw = sorted(x for fork in pm["rawData"] for x in fork)
    forks = [sum(f) / len(f) for f in pm["rawData"] if f]
    res[key] = dict(score=pm["score"], error=pm["scoreError"], unit=pm["scoreUnit"], alloc=alloc, min=raw[0], max=raw[-1], forks=forks)


def get(bench, **params):
    return res.get((bench, tuple(sorted((k, str(v)) for k, v in params.items()))))


def fmt(r):
    if r is None:
        return "n/a"
    err = r["error"]
    err = "" if err != err else f" ± {err:.3g}"  # NaN error with too few iterations
    return f"{r['score']:.4g}{err} {r['unit']} (min {r['min']:.4g}, max {r['max']:.4g})"


def ratio_range(a, b):
    """The ratio a/b and the range the two 99.9 % errors allow (NaN errors count as 0)."""
    ea = a["error"] if a["error"] == a["error"] else 0.0
    eb = b["error"] if b["error"] == b["error"] else 0.0
    lo = (a["score"] - ea) / (b["score"] + eb)
    hi = (a["score"] + ea) / (b["score"] - eb) if b["score"] > eb else float("inf")
    return a["score"] / b["score"], lo, hi


def quotable(r, lo, hi):
    """A ratio is quoted only when its error range stays within ±25 % of it."""
    return lo >= 0.75 * r and hi <= 1.25 * r


def row(label, a, b, target=""):
    if a is None and b is None:
        return  # not in this run
    if a is None or b is None:
        print(f"| {label} | n/a | | {fmt(a)} | {fmt(b)} | {target} |")
        return
    r, lo, hi = ratio_range(a, b)
    quote = "" if quotable(r, lo, hi) else " (not to be quoted)"
    print(f"| {label} | **{r:.2f}×** | {lo:.2f}–{hi:.2f}{quote} | {fmt(a)} | {fmt(b)} | {target} |")


print("| benchmark / baseline | ratio | within the errors | benchmark score | baseline score | target |")
print("|---|---|---|---|---|---|")
for k in (1, 2, 5):
    row(f"**one transaction, {k} side effect(s): airlock / the bare transaction**", get("TransactionBench.airlock", intents=k),
        get("TransactionBench.bareTransaction", intents=k), "≤ 1.2×")
    row(f"one transaction, {k} side effect(s): airlock / Event.fire to AFTER_SUCCESS observers", get("TransactionBench.airlock", intents=k),
        get("TransactionBench.events", intents=k), "≤ 0.25×")
    row(f"one transaction, {k} side effect(s): airlock / a hand-written synchronization (the least a correct deferral does)",
        get("TransactionBench.airlock", intents=k), get("TransactionBench.byHand", intents=k), "")
    row(f"one transaction, {k} side effect(s): the hand-written synchronization / the bare transaction", get("TransactionBench.byHand", intents=k),
        get("TransactionBench.bareTransaction", intents=k), "")
    row(f"one transaction, {k} side effect(s): Event.fire / the bare transaction", get("TransactionBench.events", intents=k),
        get("TransactionBench.bareTransaction", intents=k), "")
row("enqueue / floor", get("EnqueueBench.enqueue"), get("EnqueueBench.floor"), "≤ 2×")
row("enqueue / floor that allocates its record", get("EnqueueBench.enqueue"), get("EnqueueBench.floorAllocating"), "")
for step in ("floorAllocating", "intent", "intentWithTaskLookUp", "enqueue"):
    row(f"enqueue, step by step: {step} / floor", get("EnqueueBench." + step), get("EnqueueBench.floor"), "")
row("JTA (Narayana): enqueue / Event.fire to an AFTER_SUCCESS observer, commit and delivery included", get("JtaEnqueueBench.enqueue"),
    get("JtaEnqueueBench.eventFire"), "≤ 0.1×")
row("CDI enqueue (injected Airlock) / Event.fire, transaction active", get("CdiEnqueueBench.enqueue"), get("CdiEnqueueBench.eventFireInTransaction"), "≤ 0.1×")
row("CDI enqueue (Airlock.get()) / Event.fire, transaction active", get("CdiEnqueueBench.enqueueStatic"), get("CdiEnqueueBench.eventFireInTransaction"), "≤ 0.1×")
row("CDI enqueue (injected Airlock) / Event.fire, no transaction", get("CdiEnqueueBench.enqueue"), get("CdiEnqueueBench.eventFireNoTransaction"), "")
row("CDI enqueue (Airlock.get()) / Event.fire, no transaction", get("CdiEnqueueBench.enqueueStatic"), get("CdiEnqueueBench.eventFireNoTransaction"), "")
for tokens in (0, 100):
    for n in (1, 100, 10000):
        row(f"scope+enqueue+flush / direct, n={n}, task work {tokens} tokens", get("FlushBench.airlock", n=n, tokens=tokens),
            get("FlushBench.direct", n=n, tokens=tokens), "≤ 1.2×")
for tokens in (0, 100):
    for n in (100, 10000):
        row(f"flush only / direct, n={n}, task work {tokens} tokens", get("FlushOnlyBench.flush", n=n, tokens=tokens),
            get("FlushBench.direct", n=n, tokens=tokens), "≤ 1.2×")
for n in (1, 100, 10000):
    row(f"CDI scope+enqueue+flush / direct (proxy), n={n}", get("CdiFlushBench.airlock", n=n), get("CdiFlushBench.direct", n=n), "≤ 1.2×")
row("@Airlocked / no-op interceptor", get("AirlockedBench.airlocked"), get("AirlockedBench.noopInterceptor"), "≤ 1.5×")
row("no-op interceptor / plain call", get("AirlockedBench.noopInterceptor"), get("AirlockedBench.plain"), "")
base = get("NestedBench.nested", depth=1)
for d in (1, 2, 4, 8, 16, 32, 64):
    row(f"nested depth {d} / depth 1 (10,000 intents)", get("NestedBench.nested", depth=d), base, "linear")
row("JMS executor, transacted source / transacted producer, one commit (10,000)", get("JmsBench.airlockTransacted"),
    get("JmsBench.transactedProducer"), "≤ 2× (≥ 50% of its speed)")
row("JMS executor, default source / transacted producer, one commit (10,000)", get("JmsBench.airlock"),
    get("JmsBench.transactedProducer"), "")
row("JMS executor, default source / AUTO_ACKNOWLEDGE batched producer (10,000)", get("JmsBench.airlock"), get("JmsBench.batchedProducer"),
    "≤ 2× (≥ 50% of its speed)")
row("JMS executor, transacted source / a context per message from a pooled connection (10,000)", get("JmsBench.airlockTransacted"),
    get("JmsBench.pooledSend"), "")
row("AUTO_ACKNOWLEDGE batched producer / transacted producer (10,000)", get("JmsBench.batchedProducer"), get("JmsBench.transactedProducer"), "")

row("durable relay / raw JDBC (10,000 rows saved, drained, completed)", get("StoreRelayBench.relay"), get("StoreRelayBench.rawJdbc"),
    "≤ 2× (≥ 50% of its throughput)")
row("durable relay / raw JDBC with the store's lease per row (the same SQL, 10,000 rows)", get("StoreRelayBench.relay"),
    get("StoreRelayBench.rawJdbcLeased"), "")
row("raw JDBC with the lease per row / raw JDBC (10,000 rows)", get("StoreRelayBench.rawJdbcLeased"), get("StoreRelayBench.rawJdbc"), "")
row("durable flush outside a transaction / raw JDBC (10,000 intents)", get("StoreRelayBench.flushOutsideTransaction"),
    get("StoreRelayBench.rawJdbc"), "")
def added(a, b, base, a_base=None):
    """(a - a_base) / (b - base), a_base being base unless given, with the range the errors allow."""
    a_base = a_base or base
    if a is None or b is None or base is None:
        return None
    num = a["score"] - a_base["score"]
    den = b["score"] - base["score"]
    lo = (num - a["error"] - a_base["error"]) / (den + b["error"] + base["error"])
    hi_den = den - b["error"] - base["error"]
    hi = (num + a["error"] + a_base["error"]) / hi_den if hi_den > 0 else float("inf")
    return num, den, num / den, lo, hi



for db in ("h2", "postgresql"):
    def dc(method):
        return get("DurableCommitBench." + method, database=db)

    row(f"{db}: durable write, commit, dispatch, completion / the same transaction without airlock", dc("airlock"), dc("withoutAirlock"), "")
    row(f"{db}: durable write, commit, dispatch, completion / the same transaction inserting one row by hand", dc("airlock"), dc("byHand"), "")
    row(f"{db}: hand-written outbox (insert, commit, delete) / the same transaction without airlock", dc("byHandOutbox"), dc("withoutAirlock"), "")
    base = dc("withoutAirlock")
    for label, ref, target in (("inserting one row by hand", "byHand", "≤ 1.5×"),
                               ("a hand-written outbox (insert, then delete after the commit)", "byHandOutbox", "")):
        r = added(dc("airlock"), dc(ref), base)
        if r:
            num, den, ratio, lo, hi = r
            quote = "" if quotable(ratio, lo, hi) else " (not to be quoted)"
            print(f"| {db}: **added** commit cost of a durable write / of {label} | **{ratio:.2f}×** | {lo:.2f}–{hi:.2f}{quote} "
                  f"| +{num:.3g} {base['unit']} | +{den:.3g} {base['unit']} | {target} |")
    w, h, a = dc("withoutAirlock"), dc("byHand"), dc("airlock")
    if w and h and a and len(w["forks"]) == len(h["forks"]) == len(a["forks"]) > 1:
        # forks measured in the same round (benchmarks/interleave.py): the added-cost ratio of each round alone
        per = sorted((af - wf) / (hf - wf) for wf, hf, af in zip(w["forks"], h["forks"], a["forks"]) if hf > wf)
        rounds = ", ".join(f"{(af - wf) / (hf - wf):.2f}" if hf > wf else "n/a" for wf, hf, af in zip(w["forks"], h["forks"], a["forks"]))
        if per:
            print(f"| {db}: **added** commit cost / one row by hand, fork by fork (round by round when interleaved) | median **{per[len(per) // 2]:.2f}×** "
                  f"| {rounds} | | | ≤ 1.5× |")
    if dc("airlockNotDurable"):
        r = added(dc("airlock"), dc("byHand"), base, dc("airlockNotDurable"))
        if r:
            num, den, ratio, lo, hi = r
            quote = "" if quotable(ratio, lo, hi) else " (not to be quoted)"
            print(f"| {db}: what durability itself adds (airlock less the same scope not durable) / one row by hand | **{ratio:.2f}×** "
                  f"| {lo:.2f}–{hi:.2f}{quote} | +{num:.3g} {base['unit']} | +{den:.3g} {base['unit']} | |")
        row(f"{db}: the same scope not durable (bound, dispatched after the commit) / the same transaction without airlock",
            dc("airlockNotDurable"), base, "")


# relay throughput, intents/s
for b in ("StoreRelayBench.rawJdbc", "StoreRelayBench.rawJdbcLeased", "StoreRelayBench.relay", "StoreRelayBench.flushOutsideTransaction"):
    r = get(b)
    if r and r["unit"] == "ms/op":
        print(f"\n{b}: {10000 / (r['score'] / 1000):,.0f} intents/s"
              + (f", {r['alloc'] / 10000:,.0f} B allocated per intent" if r["alloc"] is not None else ""), end="")
print()

row("telemetry on / off: a scope of 10 intents enqueued, flushed and run (Weld, sync executor)", get("TelemetryBench.scopeOfTenIntents", telemetry="on"),
    get("TelemetryBench.scopeOfTenIntents", telemetry="off"), "")
on, off = get("TelemetryBench.scopeOfTenIntents", telemetry="on"), get("TelemetryBench.scopeOfTenIntents", telemetry="off")
if on and off:
    print(f"telemetry: {(on['score'] - off['score']) * 1000 / 10:.0f} ns per intent"
          + (f", {(on['alloc'] - off['alloc']) / 10:.0f} B allocated per intent" if on["alloc"] is not None and off["alloc"] is not None else ""))

# large scopes: per intent
for n in (10000, 100000, 1000000):
    row(f"one scope of {n:,} intents / direct calls", get("LargeScopeBench.oneScope", n=n), get("LargeScopeBench.direct", n=n), "")
    row(f"{n:,} intents in scopes of 10,000 / direct calls", get("LargeScopeBench.chunked", n=n), get("LargeScopeBench.direct", n=n), "")
for n in (10000, 100000, 1000000):
    for m in ("oneScope", "chunked", "direct"):
        r = get("LargeScopeBench." + m, n=n)
        if r:
            print(f"LargeScopeBench.{m} n={n}: {r['score'] * 1e6 / n:.1f} ns per intent"
                  + (f", {r['alloc'] / n:.1f} B allocated per intent" if r["alloc"] is not None else ""))

# nested: least-squares line through (depth, time)
pts = [(d, get("NestedBench.nested", depth=d)["score"]) for d in (1, 2, 4, 8, 16, 32, 64) if get("NestedBench.nested", depth=d)]
if len(pts) > 2:
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pts)
    slope = sxy / sxx
    icpt = my - slope * mx
    ss_res = sum((p[1] - (icpt + slope * p[0])) ** 2 for p in pts)
    ss_tot = sum((p[1] - my) ** 2 for p in pts)
    print(f"\nNested capture, least-squares fit: time = {icpt:.1f} + {slope:.2f} × depth (µs), R² = {1 - ss_res / ss_tot:.3f}; "
          f"per level and intent: {slope * 1000 / 10000:.2f} ns")

print("\nAllocation per operation (gc.alloc.rate.norm, bytes/op):\n")
print("| benchmark | B/op |")
print("|---|---|")
for k in sorted(res):
    if res[k]["alloc"] is not None and k[0].split(".")[0] in ("EnqueueBench", "CdiEnqueueBench", "JtaEnqueueBench", "TransactionBench"):
        print(f"| {k[0]} | {res[k]['alloc']:.1f} |")
