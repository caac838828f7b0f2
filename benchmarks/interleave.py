#!/usr/bin/env python3
"""Runs JMH benchmarks interleaved: one fork of each benchmark per round, the order rotated every round, and
merges the rounds into one JMH JSON result that benchmarks/ratios.py reads as it reads JMH's own.

JMH runs a class's benchmarks one after the other, so two benchmarks compared in a ratio are measured minutes
apart; on a shared VM whose speed drifts over minutes, that drift lands in the ratio. Interleaving spreads it
over every benchmark alike: each round measures all of them within a few minutes, and the merged score is the
mean of every measured iteration of every round, with JMH's 99.9 % error over them.

usage: python3 benchmarks/interleave.py ROUNDS OUT.json BENCHMARK_REGEX... [-- JMH OPTIONS]
e.g.:  python3 benchmarks/interleave.py 4 benchmarks/target/durable.json \\
           'DurableCommitBench.withoutAirlock$' 'DurableCommitBench.byHand$' 'DurableCommitBench.airlock$' \\
           -- -p database=postgresql -wi 10 -i 8
"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

# two-sided 99.9 % quantiles of Student's t by degrees of freedom, as JMH's error uses; interpolated between
T999 = [(1, 636.62), (2, 31.60), (3, 12.92), (4, 8.610), (5, 6.869), (6, 5.959), (7, 5.408), (8, 5.041), (9, 4.781),
        (10, 4.587), (12, 4.318), (15, 4.073), (20, 3.850), (25, 3.725), (30, 3.646), (40, 3.551), (60, 3.460),
        (120, 3.373), (10 ** 9, 3.291)]


def t999(df):
    for (d0, t0), (d1, t1) in zip(T999, T999[1:]):
        if df <= d1:
            return t0 + (t1 - t0) * (df - d0) / (d1 - d0) if df > d0 else t0
    return T999[-1][1]


def main(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, jmh = argv[:cut], argv[cut + 1:]
    else:
        jmh = []
    if len(argv) < 3:
        sys.exit(__doc__)
    rounds, out, patterns = int(argv[0]), argv[1], argv[2:]
    jar = os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "benchmarks.jar")
    merged = {}
    order = []
    for r in range(rounds):
        turn = patterns[r % len(patterns):] + patterns[:r % len(patterns)]
        for pattern in turn:
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
                result = f.name
            print(f"round {r + 1}/{rounds}: {pattern}", flush=True)
            subprocess.run(["java", "-jar", jar, pattern, "-f", "1", *jmh, "-rf", "json", "-rff", result], check=True,
                           stdout=subprocess.DEVNULL)
            for b in json.load(open(result)):
                key = (b["benchmark"], json.dumps(b.get("params") or {}, sort_keys=True))
                if key not in merged:
                    merged[key] = b
                    order.append(key)
                else:
                    merged[key]["primaryMetric"]["rawData"].extend(b["primaryMetric"]["rawData"])
            os.unlink(result)
    results = []
    for key in order:
        b = merged[key]
        pm = b["primaryMetric"]
        samples = [x for fork in pm["rawData"] for x in fork]
        pm["score"] = statistics.fmean(samples)
        pm["scoreError"] = t999(len(samples) - 1) * statistics.stdev(samples) / math.sqrt(len(samples)) if len(samples) > 1 else float("nan")
        pm["scoreConfidence"] = [pm["score"] - pm["scoreError"], pm["score"] + pm["scoreError"]]
        b["forks"] = len(pm["rawData"])
        results.append(b)
    with open(out, "w") as f:
        json.dump(results, f, indent=2)
    for b in results:
        pm = b["primaryMetric"]
        print(f"{b['benchmark']} {b.get('params') or ''}: {pm['score']:.4g} ± {pm['scoreError']:.3g} {pm['scoreUnit']} "
              f"({len(pm['rawData'])} forks; fork means {[round(statistics.fmean(f), 1) for f in pm['rawData']]})")


if __name__ == "__main__":
    main(sys.argv[1:])
