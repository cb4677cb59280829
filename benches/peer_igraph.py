#!/usr/bin/env python3
"""The igraph peer for the large-network benchmark, where NetworkX would take hours.

Loads one city profile with PyYAML's C loader, builds an undirected simple graph with
python-igraph (C underneath; one edge per partnered pair), and computes the connected components,
the articulation points and the exact betweenness centrality, normalised as NetworkX does for an
undirected graph (2 / ((n-1)(n-2))). Prints the time of each phase and writes OUT/<stem>.json
with the counts and timings, plus the figures themselves with --figures (for benches/check.py).

    python benches/peer_igraph.py target/bench/big/city-00001.yaml -o target/bench/out/peer-d
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import igraph
import yaml

if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("PyYAML was built without libyaml: yaml.CSafeLoader is missing (see benches/README.md)")


def build(profile: dict) -> tuple[igraph.Graph, list[str]]:
    """The simple undirected graph of a profile, and the actor id of each vertex."""
    ids = [a["id"] for a in profile.get("actors") or []]
    index = {a: i for i, a in enumerate(ids)}
    pairs = set()
    for p in profile.get("partnerships") or []:
        a, b = p["between"] if "between" in p else (p["from"], p["to"])
        i, j = index[a], index[b]
        pairs.add((i, j) if i < j else (j, i))
    g = igraph.Graph(n=len(ids), edges=sorted(pairs), directed=False)
    return g, ids


def figures(path: Path) -> dict:
    """Components, articulation points and betweenness of one profile, with the time of each."""
    t = {}
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        profile = yaml.load(f, Loader=yaml.CSafeLoader)
    t["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    g, ids = build(profile)
    t["graph"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    components = g.connected_components()
    t["components"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    articulation = sorted(ids[v] for v in g.articulation_points())
    t["articulation_points"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    raw = g.betweenness(directed=False)
    t["betweenness"] = time.perf_counter() - t0
    n = len(ids)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {
        "file": path.name,
        "id": profile["city"]["id"],
        "n_actors": n,
        "n_links": g.ecount(),
        "n_components": len(components),
        "n_articulation_points": len(articulation),
        "articulation_points": articulation,
        "betweenness": {ids[v]: b * scale for v, b in enumerate(raw)},
        "seconds": t,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="profiles")
    ap.add_argument("-o", "--out", required=True, help="folder for <stem>.json")
    ap.add_argument("--figures", action="store_true", help="also write every actor's betweenness")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for f in map(Path, args.files):
        r = figures(f)
        if not args.figures:
            r.pop("betweenness")
            r.pop("articulation_points")
        (out / f"{f.stem}.json").write_text(json.dumps(r, indent=1, sort_keys=True), encoding="utf-8")
        s = r["seconds"]
        print(
            f"igraph peer: {f.name}: {r['n_actors']} actors, {r['n_links']} links, "
            f"{r['n_components']} components, {r['n_articulation_points']} articulation points; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in s.items())
            + f" (python-igraph {igraph.__version__})",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
