#!/usr/bin/env python3
"""Turns a benchmark run's timings into the results table: prints it and writes results.md.

Reads BENCH_DIR/results.tsv (name, side, wall seconds, peak MB; one line per run, written by
benches/run.sh), the igraph peer's phase times (BENCH_DIR/out/peer-d/*.json) and the cross-check's
output (BENCH_DIR/check.txt), and states whether each target of the benchmarks is met. A workload
run several times is reported by its median wall time and its largest peak, with every run listed.
(e) sets plan against analyse of the same file (its "peer"), and its ratio is plan / analyse; (f)
has no peer: its wall times are the times from a save to the plan written again.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
from pathlib import Path

PEERS = {
    "a": "peer.py (PyYAML C loader, NetworkX, Jinja2), 1 process",
    "b": "peer.py, {jobs} processes",
    "c": "peer.py, {jobs} processes",
    "d": "peer_igraph.py (PyYAML C loader, python-igraph)",
    "e": "analyse FILE --format json (ours, same file)",
    "f": "— (the time from a save to the plan written again)",
    "g": "—",
}

# The largest plan / analyse ratio (e) and the longest median time from a save to the plan
# written again, in seconds (f).
PLAN_OVER_ANALYSE = 3.0
REGENERATION = 0.5
# The longest analyse of the largest network (g), in seconds: its path measures are estimated.
LARGEST = 30.0


def num(x: str) -> float | None:
    try:
        return float(x)
    except ValueError:
        return None


def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench_dir")
    ap.add_argument("--machine", default="")
    ap.add_argument("--workloads", default="")
    ap.add_argument("--seed", default="")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--only", default="a b c d e f g", help="the workloads this run measured")
    args = ap.parse_args()
    b = Path(args.bench_dir)
    # Every run of each (workload, side); a failed run counts as a run with no figures.
    measured: dict[tuple[str, str], list[tuple[float | None, float | None]]] = {}
    for line in (b / "results.tsv").read_text(encoding="utf-8").splitlines():
        name, side, wall, peak = line.split("\t")
        measured.setdefault((name, side), []).append((num(wall), num(peak)))
    runs: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    for key, values in measured.items():
        walls = [w for w, _ in values if w is not None]
        peaks = [p for _, p in values if p is not None]
        failed = len(walls) < len(values)
        runs[key] = (
            None if failed or not walls else statistics.median(walls),
            None if failed or not peaks else max(peaks),
        )

    def get(name: str, side: str) -> tuple[float | None, float | None]:
        return runs.get((name, side), (None, None))

    igraph_bc = None
    for f in sorted((b / "out" / "peer-d").glob("*.json")):
        igraph_bc = json.loads(f.read_text(encoding="utf-8"))["seconds"]["betweenness"]

    rows = []
    verdicts = []
    for name in "abcdefg":
        (ow, op), (pw, pp) = get(name, "ours"), get(name, "peer")
        if (name, "ours") not in runs and (name, "peer") not in runs:
            continue
        ratio = pw / ow if ow and pw else None
        ratio_text = fmt(ratio, 1) + "×" if ratio else "—"
        target, met = "—", "—"
        if name == "b":
            target = "ours ≤ 10 s and ≥ 20× faster than the peer"
            if ow is not None and ratio is not None:
                met = "yes" if ow <= 10 and ratio >= 20 else "no"
                verdicts.append(f"(b) ours {fmt(ow)} s (target ≤ 10 s), {fmt(ratio, 1)}× the peer (target ≥ 20×): {met}")
        elif name == "c":
            target = "ours' peak ≤ 1.3 × ours' peak in (b)"
            bp = get("b", "ours")[1]
            if op is not None and bp:
                met = "yes" if op <= 1.3 * bp else "no"
                verdicts.append(f"(c) ours' peak {fmt(op, 1)} MB = {op / bp:.2f} × (b)'s {fmt(bp, 1)} MB (target ≤ 1.3): {met}")
        elif name == "d":
            target = "ours ≤ 30 s and ≤ igraph's betweenness alone"
            if ow is not None and igraph_bc is not None:
                met = "yes" if ow <= 30 and ow <= igraph_bc else "no"
                verdicts.append(
                    f"(d) ours {fmt(ow)} s (target ≤ 30 s), igraph's betweenness alone {fmt(igraph_bc)} s: {met}"
                )
        elif name == "e":
            target = f"plan ≤ {PLAN_OVER_ANALYSE:g} × analyse"
            ratio = ow / pw if ow and pw else None
            ratio_text = f"{fmt(ratio, 2)}× (plan / analyse)" if ratio else "—"
            if ratio is not None:
                met = "yes" if ratio <= PLAN_OVER_ANALYSE else "no"
                verdicts.append(
                    f"(e) plan {fmt(ow)} s = {fmt(ratio, 2)} × analyse's {fmt(pw)} s "
                    f"(target ≤ {PLAN_OVER_ANALYSE:g}×): {met}"
                )
        elif name == "f":
            target = f"plan written ≤ {REGENERATION:g} s after a save (median)"
            slowest = max((w for w, _ in measured.get((name, "ours"), []) if w is not None), default=None)
            if ow is not None:
                met = "yes" if ow <= REGENERATION else "no"
                verdicts.append(
                    f"(f) the plan written {fmt(ow)} s after a save (median; slowest {fmt(slowest)} s; "
                    f"target ≤ {REGENERATION:g} s): {met}"
                )
        elif name == "g":
            target = f"ours ≤ {LARGEST:g} s (betweenness and closeness estimated)"
            if ow is not None:
                met = "yes" if ow <= LARGEST else "no"
                verdicts.append(f"(g) ours {fmt(ow)} s (target ≤ {LARGEST:g} s): {met}")
        peer = PEERS[name].format(jobs=args.jobs)
        rows.append((name, ow, op, peer, pw, pp, ratio_text, target, met))
        if name == "d" and igraph_bc is not None:
            r = igraph_bc / ow if ow else None
            rows.append(("d (betweenness)", ow, None, "igraph's betweenness alone (same run)", igraph_bc, None, fmt(r, 1) + "×" if r else "—", "", ""))

    head = "| workload | ours wall (s) | ours peak (MB) | peer | peer wall (s) | peer peak (MB) | ratio (peer / ours) | target | met |"
    lines = [head, "|" + "---|" * 9]
    for name, ow, op, peer, pw, pp, ratio_text, target, met in rows:
        lines.append(
            f"| {name} | {fmt(ow)} | {fmt(op, 1)} | {peer} | {fmt(pw)} | {fmt(pp, 1)} | "
            f"{ratio_text} | {target} | {met} |"
        )
    table = "\n".join(lines)
    every = [
        f"- ({name}) {side}: "
        + ", ".join("failed" if w is None else f"{w:.2f} s" for w, _ in measured[(name, side)])
        for name in "abcdef"
        for side in ("ours", "peer")
        if len(measured.get((name, side), [])) > 1
    ]
    repeated = ""
    if every:
        repeated = (
            "\n\nWorkloads run more than once (ours and the peer taking turns) are reported by the "
            "median wall time and the largest peak. Every run's wall time:\n\n" + "\n".join(every)
        )
    check = (b / "check.txt").read_text(encoding="utf-8").strip() if (b / "check.txt").exists() else "(not run)"
    partial = ""
    if args.only.split() != list("abcdef"):
        partial = (
            f"\nThis run measured {args.only} only; the other rows keep the figures of an earlier run "
            "(see the cross-check's dates)."
        )
    md = f"""# Benchmark results

Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()} ({args.machine}), seed {args.seed}.
Workloads: {args.workloads}.
Wall time and peak resident memory from `/usr/bin/time -v`. For the multi-process peer, the peak is
the largest single process (getrusage), not the sum of the workers.{partial}

{table}{repeated}

## Targets

{chr(10).join('- ' + v for v in verdicts) or '- (none measured)'}

## Cross-check

```
{check}
```
"""
    (b / "results.md").write_text(md, encoding="utf-8")
    print(table)
    print()
    for v in verdicts:
        print(v)
    print(f"\nwritten to {b / 'results.md'}")


if __name__ == "__main__":
    main()
