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
- JmsBench.airlockBesideRawJms (paired-jms-MESSAGES-PID.json): the JMS executor's throughput as a share of the raw
  producer's that does the same (transacted: one commit for the batch; or each send acknowledged), from their mean
  times over every measured operation;
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
import collections
import glob
import json
import os
import random
import statistics
import sys

# the relay's columns: the milliseconds of each drain
RAW, RAW_BATCHED, RELAY = range(3)
# JmsBench.airlockBesideRawJms's columns: the milliseconds of each batch
RAW_TRANSACTED, AIRLOCK_TRANSACTED, RAW_ACKNOWLEDGED, AIRLOCK_ACKNOWLEDGED = range(4)
# DurableCommitPairedBench's variants: withoutAirlock, byHand, airlock, airlockNotDurable
W, H, A, N = range(4)
# TransactionPairedBench's variants
TIMER, BARE, EMPTY, BY_HAND, AIRLOCK, EVENTS = range(6)


def means(rows, variants, per=1, less=None):
    """Each variant's mean over all operations of `rows` (mean of variant v at 2 v, operations last), divided by
    `per` (the calls one time covers), less variant `less`'s mean (the timing's own cost) when given."""
    ops = sum(r[-1] for r in rows)
    m = [sum(r[2 * v] * r[-1] for r in rows) / ops / per for v in range(variants)]
    return m if less is None else [x - m[less] for x in m]


def interval(rows, estimate, rounds=2000):
    rng = random.Random(1)
    values = sorted(estimate([rng.choice(rows) for _ in rows]) for _ in range(rounds))
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def ratios(rows, of, pairs, bold):
    """The cells "a/b× (low–high)" of `pairs` of variants, `of(rows)` giving the variants' means; `bold`: the first cell."""
    cells = []
    for a, b in pairs:
        estimate = lambda s, a=a, b=b: of(s)[a] / of(s)[b]
        lo, hi = interval(rows, estimate)
        cells.append(f"{estimate(rows):.2f}× ({lo:.2f}–{hi:.2f})")
    if bold is not None:
        cells[bold] = "**" + cells[bold].replace(" (", "** (", 1)
    return cells


def print_calls(forks, names, pairs, headers):
    """AirlockedPairedBench, EnqueuePairedBench: each time is of `calls` calls of one variant; per call, and ratios."""
    calls = int(forks[0]["calls"])
    rows = [r for fork in forks for r in fork["iterations"]]
    of = lambda s: means(s, len(names), per=calls)
    print("| forks, iterations | " + " | ".join(names) + " | " + " | ".join(h + " (95 %)" for h in headers) + " |")
    print("|---" * (1 + len(names) + len(headers)) + "|")
    print(f"| {len(forks)}, {len(rows)} | " + " | ".join(f"{1000 * v:.1f} ns" for v in of(rows)) + " | "
          + " | ".join(ratios(rows, of, pairs, 0)) + " |")
    print()


def print_transactions(groups):
    print("| side effects | forks, iterations | timer | bare | one empty synchronization | by hand | airlock | events "
          "| empty sync / bare | by hand / bare | **airlock / bare** | airlock / by hand | airlock / events |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    pairs = [(EMPTY, BARE), (BY_HAND, BARE), (AIRLOCK, BARE), (AIRLOCK, BY_HAND), (AIRLOCK, EVENTS)]
    for intents, forks in sorted(groups.items(), key=lambda g: int(g[0])):
        rows = [r for fork in forks for r in fork["iterations"]]
        of = lambda s: means(s, 6, less=TIMER)
        m = of(rows)
        print(f"| {intents} | {len(forks)}, {len(rows)} | {1000 * means(rows, 1)[TIMER]:.0f} ns | "
              + " | ".join(f"{1000 * m[v]:,.0f} ns" for v in (BARE, EMPTY, BY_HAND, AIRLOCK, EVENTS)) + " | "
              + " | ".join(ratios(rows, of, pairs, 2)) + " |")
    print()


def print_relays(groups):
    print("| relay, 10,000 rows | forks, operations | raw JDBC | raw JDBC, batched deletes | relay "
          "| relay's throughput / raw JDBC's (95 %) | / raw JDBC with batched deletes (95 %) | the same, median operation |")
    print("|---|---|---|---|---|---|---|---|")
    for database, forks in sorted(groups.items()):
        rows = []
        for fork in forks:
            if len(fork["columns"]) == 2:  # written before the batched baseline was added: rawJdbc, relay
                rows.extend([r[0], None, r[1]] for r in fork["iterations"])
            else:
                rows.extend(fork["iterations"])
        drains = [c for c in (RAW, RAW_BATCHED) if rows[0][c] is not None]
        cells = {raw: share(rows, raw, RELAY) for raw in drains}
        medians = " and ".join(f"{100 * statistics.median(r[raw] / r[RELAY] for r in rows):.0f} %" if raw in drains else "–"
                               for raw in (RAW, RAW_BATCHED))
        times = [f"{statistics.mean(r[c] for r in rows):.1f} ms" if rows[0][c] is not None else "–" for c in (RAW, RAW_BATCHED, RELAY)]
        print(f"| {database} | {len(forks)}, {len(rows)} | {times[0]} | {times[1]} | {times[2]} | "
              + " | ".join(cells.get(raw, "–") for raw in (RAW, RAW_BATCHED)) + f" | {medians} |")
    print()


def share(rows, raw, ours):
    """The cell "**p %** (low–high %)": `ours`'s throughput as a share of `raw`'s, from their total times over `rows`."""
    of = lambda s: sum(r[raw] for r in s) / sum(r[ours] for r in s)
    lo, hi = interval(rows, of)
    return f"**{100 * of(rows):.0f} %** ({100 * lo:.0f}–{100 * hi:.0f} %)"


def print_jms(forks):
    rows = [r for fork in forks for r in fork["iterations"]]
    messages = int(forks[0]["messages"])
    print(f"| JMS, {messages:,} messages | forks, operations | raw, transacted | airlock, transacted | raw, acknowledged "
          "| airlock, acknowledged | airlock's throughput / raw's, transacted (95 %) | the same, acknowledged (95 %) |")
    print("|---|---|---|---|---|---|---|---|")
    times = " | ".join(f"{statistics.mean(r[c] for r in rows):.1f} ms" for c in range(4))
    print(f"| | {len(forks)}, {len(rows)} | {times} | {share(rows, RAW_TRANSACTED, AIRLOCK_TRANSACTED)} "
          f"| {share(rows, RAW_ACKNOWLEDGED, AIRLOCK_ACKNOWLEDGED)} |")
    print()


def added(rows):
    """The durable intent's added cost over the row by hand's, on the means of all operations."""
    m = means(rows, 4)
    return (m[A] - m[W]) / (m[H] - m[W])


def added_on_medians(rows):
    """The median over iterations of the same ratio on each iteration's median times."""
    return statistics.median((r[2 * A + 1] - r[2 * W + 1]) / (r[2 * H + 1] - r[2 * W + 1]) for r in rows)


def print_commits(groups):
    print("| database | completions | forks, iterations | transaction alone | + row by hand | + durable intent | + intent, not durable "
          "| added cost / row by hand, means (95 %) | the same, medians (95 %) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (database, completions), forks in sorted(groups.items()):
        rows = [r for fork in forks for r in fork["iterations"]]
        m = means(rows, 4)
        lo, hi = interval(rows, added)
        mlo, mhi = interval(rows, added_on_medians)
        print(f"| {database} | {completions} | {len(forks)}, {len(rows)} | {m[W]:.1f} µs | {m[H]:.1f} µs | {m[A]:.1f} µs | {m[N]:.1f} µs "
              f"| **{added(rows):.2f}×** ({lo:.2f}–{hi:.2f}) | **{added_on_medians(rows):.2f}×** ({mlo:.2f}–{mhi:.2f}) |")


# how each kind of file is grouped (files of DurableCommitPairedBench's first runs name no kind: "commit")
GROUP_BY = {
    "enqueue": lambda fork: None,
    "airlocked": lambda fork: None,
    "transaction": lambda fork: fork["intents"],
    "relay": lambda fork: fork.get("database", "h2"),
    "commit": lambda fork: (fork["database"], fork["completions"]),
    "jms": lambda fork: fork["messages"],
}


def main(argv):
    directory = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "target")
    kinds = collections.defaultdict(lambda: collections.defaultdict(list))
    for path in sorted(glob.glob(os.path.join(directory, "paired-*.json"))):
        with open(path) as f:
            fork = json.load(f)
        kind = fork.get("kind", "commit")
        kinds[kind][GROUP_BY[kind](fork)].append(fork)
    if not kinds:
        sys.exit("no paired-*.json in " + directory)
    if "enqueue" in kinds:
        print_calls(kinds["enqueue"][None], ["the floor", "the floor creating its record", "enqueue"], [(2, 0), (2, 1), (1, 0)],
                    ["**enqueue / floor**", "enqueue / floor creating its record", "floor creating its record / floor"])
    if "airlocked" in kinds:
        print_calls(kinds["airlocked"][None], ["plain call", "through a no-op interceptor", "@Airlocked"], [(2, 1), (1, 0), (2, 0)],
                    ["**@Airlocked / no-op interceptor**", "no-op interceptor / plain", "@Airlocked / plain"])
    if "transaction" in kinds:
        print_transactions(kinds["transaction"])
    if "relay" in kinds:
        print_relays(kinds["relay"])
    for forks in kinds.get("jms", {}).values():
        print_jms(forks)
    if "commit" in kinds:
        print_commits(kinds["commit"])


if __name__ == "__main__":
    main(sys.argv[1:])
