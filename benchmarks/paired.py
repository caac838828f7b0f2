#!/usr/bin/env python3
"""Summarises the side-by-side benchmarks from the files they write (one per fork) in a directory:

- AirlockedPairedBench (paired-airlocked-CALLS-PID.json): a call of an @Airlocked method against the same call
  through a no-op interceptor and without one;
- EnqueuePairedBench (paired-enqueue-CALLS-PID.json): one enqueue against the floor (a thread-local look-up and
  an append), with and without creating the record;
- TransactionPairedBench (paired-transaction-INTENTS-PID.json): each unit of work's mean time, less the timer's
  own (the variant that does nothing), and their ratios;
- StoreRelayBench.relayBesideRawJdbc (paired-relay-DATABASE-PID.json): the relay's throughput as a share of each
  raw JDBC drain's, from their mean times over every measured operation;
- DurableCommitPairedBench (paired-commit-DATABASE-COMPLETIONS-PID.json), grouped by database and completions: the
  added cost of a durable intent against one row inserted by hand, both over the transaction alone.

For the durable commit, two estimates per group, each with a 95 % bootstrap interval over the measured
iterations (resampled 2,000 times), as every interval here:
- means: (airlock - withoutAirlock) / (byHand - withoutAirlock) over the mean times of all operations; what a
  caller waits on average, every slow operation included (with completions "charged", every batch write);
- medians: the median over iterations of the same ratio taken on each iteration's median times; what a typical
  transaction pays, untouched by the slowest operations (and by the batch writes: 1 operation in 100).

usage: python3 benchmarks/paired.py [DIRECTORY]     (default benchmarks/target)
"""
import glob
import json
import os
import random
import statistics
import sys

RAW, RAW_BATCHED, RELAY = range(3)
W_MEAN, W_MED, H_MEAN, H_MED, A_MEAN, A_MED, N_MEAN, N_MED, OPS = range(9)


def pooled(rows):
    ops = sum(r[OPS] for r in rows)
    w, h, a, n = (sum(r[c] * r[OPS] for r in rows) / ops for c in (W_MEAN, H_MEAN, A_MEAN, N_MEAN))
    return (a - w) / (h - w), w, h, a, n


def medians(rows):
    return statistics.median((r[A_MED] - r[W_MED]) / (r[H_MED] - r[W_MED]) for r in rows)


def interval(rows, estimate, rounds=2000):
    rng = random.Random(1)
    values = sorted(estimate([rng.choice(rows) for _ in rows]) for _ in range(rounds))
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


# TransactionPairedBench's variants, in its files' order: mean of variant v at 2 v
TIMER, BARE, EMPTY, BY_HAND, AIRLOCK, EVENTS = range(6)


def pooled_means(rows):
    """Each variant's mean over all operations, less the timer's own (the empty variant's) mean."""
    ops = sum(r[-1] for r in rows)
    means = [sum(r[2 * v] * r[-1] for r in rows) / ops for v in range(6)]
    return [m - means[TIMER] for m in means]


def print_transactions(transactions):
    print("| side effects | forks, iterations | timer | bare | one empty synchronization | by hand | airlock | events "
          "| empty sync / bare | by hand / bare | **airlock / bare** | airlock / by hand | airlock / events |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    pairs = [(EMPTY, BARE), (BY_HAND, BARE), (AIRLOCK, BARE), (AIRLOCK, BY_HAND), (AIRLOCK, EVENTS)]
    for intents, group in sorted(transactions.items()):
        rows = group["rows"]
        ops = sum(r[-1] for r in rows)
        timer = sum(r[0] * r[-1] for r in rows) / ops
        m = pooled_means(rows)
        cells = []
        for a, b in pairs:
            estimate = lambda s, a=a, b=b: pooled_means(s)[a] / pooled_means(s)[b]
            lo, hi = interval(rows, estimate)
            cells.append(f"{estimate(rows):.2f}× ({lo:.2f}–{hi:.2f})")
        cells[2] = "**" + cells[2].replace(" (", "** (", 1)
        print(f"| {intents} | {group['forks']}, {len(rows)} | {1000 * timer:.0f} ns | "
              + " | ".join(f"{1000 * m[v]:,.0f} ns" for v in (BARE, EMPTY, BY_HAND, AIRLOCK, EVENTS)) + " | " + " | ".join(cells) + " |")
    print()


def print_calls(forks, names, pairs, headers):
    """AirlockedPairedBench, EnqueuePairedBench: each time is of `calls` calls of one variant; per call, and ratios."""
    calls = int(forks[0]["calls"])
    rows = [r for fork in forks for r in fork["iterations"]]

    def means(s):
        ops = sum(r[-1] for r in s)
        return [sum(r[2 * v] * r[-1] for r in s) / ops / calls for v in range(len(names))]

    m = means(rows)
    cells = []
    for a, b in pairs:
        estimate = lambda s, a=a, b=b: means(s)[a] / means(s)[b]
        lo, hi = interval(rows, estimate)
        cells.append(f"{estimate(rows):.2f}× ({lo:.2f}–{hi:.2f})")
    cells[0] = "**" + cells[0].replace(" (", "** (", 1)
    print("| forks, iterations | " + " | ".join(names) + " | " + " | ".join(h + " (95 %)" for h in headers) + " |")
    print("|---" * (1 + len(names) + len(headers)) + "|")
    print(f"| {len(forks)}, {len(rows)} | " + " | ".join(f"{1000 * v:.1f} ns" for v in m) + " | " + " | ".join(cells) + " |")
    print()


def main(argv):
    directory = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "target")
    groups = {}
    relays = {}
    transactions = {}
    airlocked = []
    enqueues = []
    for path in sorted(glob.glob(os.path.join(directory, "paired-*.json"))):
        with open(path) as f:
            fork = json.load(f)
        if fork.get("kind") == "airlocked":
            airlocked.append(fork)
            continue
        if fork.get("kind") == "enqueue":
            enqueues.append(fork)
            continue
        if fork.get("kind") == "transaction":
            group = transactions.setdefault(int(fork["intents"]), {"forks": 0, "rows": []})
            group["forks"] += 1
            group["rows"].extend(fork["iterations"])
            continue
        if fork.get("kind") == "relay":
            relay = relays.setdefault(fork.get("database", "h2"), {"forks": 0, "rows": []})
            relay["forks"] += 1
            if len(fork["columns"]) == 2:  # written before the batched baseline was added: rawJdbc, relay
                relay["rows"].extend([r[0], None, r[1]] for r in fork["iterations"])
            else:
                relay["rows"].extend(fork["iterations"])
            continue
        group = groups.setdefault((fork["database"], fork["completions"]), {"forks": 0, "rows": []})
        group["forks"] += 1
        group["rows"].extend(fork["iterations"])
    if not groups and not relays and not transactions and not airlocked and not enqueues:
        sys.exit("no paired-*.json in " + directory)
    if enqueues:
        print_calls(enqueues, ["the floor", "the floor creating its record", "enqueue"], [(2, 0), (2, 1), (1, 0)],
                    ["**enqueue / floor**", "enqueue / floor creating its record", "floor creating its record / floor"])
    if airlocked:
        print_calls(airlocked, ["plain call", "through a no-op interceptor", "@Airlocked"], [(2, 1), (1, 0), (2, 0)],
                    ["**@Airlocked / no-op interceptor**", "no-op interceptor / plain", "@Airlocked / plain"])
    if transactions:
        print_transactions(transactions)
    if relays:
        print("| relay, 10,000 rows | forks, operations | raw JDBC | raw JDBC, batched deletes | relay "
              "| relay's throughput / raw JDBC's (95 %) | / raw JDBC with batched deletes (95 %) | the same, median operation |")
        print("|---|---|---|---|---|---|---|---|")
        for database, relay in sorted(relays.items()):
            rows = relay["rows"]
            cells = []
            for raw in (RAW, RAW_BATCHED):
                if rows[0][raw] is None:
                    cells.append("–")
                    continue
                share = lambda s, raw=raw: sum(r[raw] for r in s) / sum(r[RELAY] for r in s)
                lo, hi = interval(rows, share)
                cells.append(f"**{100 * share(rows):.0f} %** ({100 * lo:.0f}–{100 * hi:.0f} %)")
            medians_ = [f"{100 * statistics.median(r[raw] / r[RELAY] for r in rows):.0f} %" if rows[0][raw] is not None else "–"
                        for raw in (RAW, RAW_BATCHED)]
            cells.append(" and ".join(medians_))
            means = [f"{statistics.mean(r[c] for r in rows):.1f} ms" if rows[0][c] is not None else "–" for c in (RAW, RAW_BATCHED, RELAY)]
            print(f"| {database} | {relay['forks']}, {len(rows)} | {means[0]} | {means[1]} | {means[2]} | "
                  + " | ".join(cells) + " |")
        print()
    if not groups:
        return
    print("| database | completions | forks, iterations | transaction alone | + row by hand | + durable intent | + intent, not durable "
          "| added cost / row by hand, means (95 %) | the same, medians (95 %) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (database, completions), group in sorted(groups.items()):
        rows = group["rows"]
        ratio, w, h, a, n = pooled(rows)
        lo, hi = interval(rows, lambda s: pooled(s)[0])
        mlo, mhi = interval(rows, medians)
        print(f"| {database} | {completions} | {group['forks']}, {len(rows)} | {w:.1f} µs | {h:.1f} µs | {a:.1f} µs | {n:.1f} µs "
              f"| **{ratio:.2f}×** ({lo:.2f}–{hi:.2f}) | **{medians(rows):.2f}×** ({mlo:.2f}–{mhi:.2f}) |")


if __name__ == "__main__":
    main(sys.argv[1:])
