#!/usr/bin/env python3
"""Cross-checks inclusive-cities' network figures against the peers' on the same files.

Three checks, each optional:

--analyses DIR with --profiles PATH...: for every profile with an analysis.json in DIR (named
    <profile stem>.json, as `inclusive-cities analyse FILE --format json` wrote it), recompute
    with NetworkX (benches/peer.py's graph) and compare the components (count and members), the
    articulation points and every actor's betweenness (to --tolerance, 1e-9 by default).
--igraph DIR: compare analysis.json files with the figures benches/peer_igraph.py --figures
    wrote (DIR/<stem>.json), for networks too large for NetworkX.
--cities-csv FILE with --peer-csv FILE: compare the component and articulation-point counts of
    every city in `compare`'s cities.csv with those in peer.py's peer.csv (matched by city id).

Prints one line per check and exits 1 when any figure disagrees.

    python benches/check.py --profiles target/bench/cities-1000 --analyses target/bench/out/check
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer  # noqa: E402  (the same loader and graph as the peer)


def ours(path: Path) -> dict:
    """The figures of one analysis.json."""
    a = json.loads(path.read_text(encoding="utf-8"))
    net = a["network"]
    return {
        "id": a["city"]["id"],
        "components": sorted(sorted(c) for c in net["components"]),
        "articulation_points": sorted(net["articulation_points"]),
        "betweenness": {k: v["betweenness"] for k, v in net["actors"].items()},
    }


def compare(name: str, mine: dict, theirs: dict, tol: float) -> tuple[list[str], float]:
    """The disagreements between our figures and a peer's, and the largest betweenness gap."""
    problems = []
    if "components" in theirs:
        if len(mine["components"]) != len(theirs["components"]):
            problems.append(f"{len(mine['components'])} components, the peer finds {len(theirs['components'])}")
        elif mine["components"] != theirs["components"]:
            problems.append("the components' members differ")
    elif len(mine["components"]) != theirs["n_components"]:
        problems.append(f"{len(mine['components'])} components, the peer finds {theirs['n_components']}")
    if mine["articulation_points"] != theirs["articulation_points"]:
        only_ours = sorted(set(mine["articulation_points"]) - set(theirs["articulation_points"]))
        only_theirs = sorted(set(theirs["articulation_points"]) - set(mine["articulation_points"]))
        problems.append(f"articulation points differ: only ours {only_ours[:5]}, only the peer's {only_theirs[:5]}")
    b1, b2 = mine["betweenness"], theirs["betweenness"]
    if set(b1) != set(b2):
        problems.append(f"betweenness covers {len(b1)} actors, the peer's {len(b2)}")
    worst = max((abs(b1[k] - b2[k]) for k in b1.keys() & b2.keys()), default=0.0)
    if worst > tol:
        problems.append(f"betweenness differs by up to {worst:.3e} (tolerance {tol:g})")
    return [f"{name}: {p}" for p in problems], worst


def networkx_figures(profile_path: Path) -> dict:
    m = peer.measure(peer.load(profile_path))
    return {
        "components": sorted(sorted(c) for c in m["components"]),
        "articulation_points": m["articulation_points"],
        "betweenness": m["betweenness"],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", nargs="*", default=[], help="profiles, or folders of *.yaml")
    ap.add_argument("--analyses", help="folder of <stem>.json written by `analyse --format json`")
    ap.add_argument("--igraph", help="folder of <stem>.json written by peer_igraph.py --figures")
    ap.add_argument("--cities-csv", help="compare's cities.csv")
    ap.add_argument("--peer-csv", help="peer.py's peer.csv")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    args = ap.parse_args()
    problems: list[str] = []
    lines: list[str] = []

    if args.analyses and args.profiles:
        adir = Path(args.analyses)
        pairs = [(p, adir / f"{p.stem}.json") for p in peer.files_of(args.profiles)]
        pairs = [(p, a) for p, a in pairs if a.exists()]
        worst = 0.0
        for p, a in pairs:
            found, w = compare(p.name, ours(a), networkx_figures(p), args.tolerance)
            problems += found
            worst = max(worst, w)
        lines.append(
            f"networkx: {len(pairs)} cities: components, articulation points and betweenness "
            f"{'agree' if not problems else 'DISAGREE'} (largest betweenness gap {worst:.1e})"
        )
        if not pairs:
            problems.append("networkx: no analysis.json matched a profile")

    if args.igraph:
        before = len(problems)
        worst = 0.0
        n = 0
        for f in sorted(Path(args.igraph).glob("*.json")):
            theirs = json.loads(f.read_text(encoding="utf-8"))
            if "betweenness" not in theirs:
                continue
            a = Path(args.analyses or f.parent) / f.name
            if not a.exists():
                problems.append(f"igraph: no analysis.json for {f.name} in {a.parent}")
                continue
            found, w = compare(f.stem, ours(a), theirs, args.tolerance)
            problems += found
            worst = max(worst, w)
            n += 1
        lines.append(
            f"igraph: {n} network(s): components, articulation points and betweenness "
            f"{'agree' if len(problems) == before else 'DISAGREE'} (largest betweenness gap {worst:.1e})"
        )

    if args.cities_csv and args.peer_csv:
        before = len(problems)
        with open(args.cities_csv, newline="", encoding="utf-8") as f:
            mine = {r["id"]: r for r in csv.DictReader(f)}
        with open(args.peer_csv, newline="", encoding="utf-8") as f:
            theirs = {r["id"]: r for r in csv.DictReader(f)}
        if set(mine) != set(theirs):
            problems.append(f"csv: {len(mine)} cities in cities.csv, {len(theirs)} in peer.csv")
        for cid in sorted(mine.keys() & theirs.keys()):
            for col in ("n_components", "n_articulation_points"):
                if int(mine[cid][col]) != int(theirs[cid][col]):
                    problems.append(f"csv: {cid}: {col} {mine[cid][col]}, the peer's {theirs[cid][col]}")
        lines.append(
            f"csv: {len(mine.keys() & theirs.keys())} cities: component and articulation-point counts "
            f"{'agree' if len(problems) == before else 'DISAGREE'}"
        )

    for p in problems[:50]:
        print(f"  mismatch: {p}")
    for line in lines:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
