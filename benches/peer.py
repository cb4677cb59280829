#!/usr/bin/env python3
"""The Python peer of the benchmarks: the same network work as inclusive-cities, done the usual way.

For each city profile (files, or folders searched for *.yaml): load it with PyYAML's C loader,
build an undirected simple NetworkX graph (actors are nodes; a pair joined by any partnership,
of whatever kind or direction, is one edge), compute the connected components, the articulation
points and the betweenness centrality (normalized=True), and render a short Markdown summary per
city with Jinja2. Writes OUT/<file stem>.md for each city and OUT/peer.csv with one row per city.

    python benches/peer.py target/bench/cities-1000 -o target/bench/out/peer-b --jobs 2

--jobs N spreads the cities over N processes (multiprocessing.Pool, imap over files in chunks);
a compare-like workload uses 2, the machine's cores. The figures are what benches/check.py
compares with ours.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import sys
import time
from pathlib import Path

import jinja2
import networkx as nx
import yaml

if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("PyYAML was built without libyaml: yaml.CSafeLoader is missing (see benches/README.md)")
LOADER = yaml.CSafeLoader

SUMMARY = jinja2.Template(
    """# {{ name }} ({{ id }})

As of {{ as_of }}: {{ n_actors }} actors, {{ n_partnerships }} partnerships ({{ n_links }} partnered pairs).

| measure | value |
|---|---|
| components | {{ n_components }} |
| largest component | {{ largest }} actors |
| isolated actors | {{ n_isolated }} |
| articulation points | {{ n_articulation_points }} |
| density | {{ "%.4f"|format(density) }} |

## Brokers (betweenness)

{% for actor, b in brokers -%}
- {{ actor }}: {{ "%.4f"|format(b) }}
{% endfor %}
""",
    autoescape=False,
)


def files_of(paths: list[str]) -> list[Path]:
    """The profiles named, folders expanded to their *.yaml and *.yml files, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def load(path: Path) -> dict:
    """The profile as Python data, through libyaml."""
    with open(path, "rb") as f:
        return yaml.load(f, Loader=LOADER)


def graph_of(profile: dict) -> nx.Graph:
    """Actors as nodes; one edge per partnered pair, whatever the kind or direction."""
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in profile.get("actors") or [])
    for p in profile.get("partnerships") or []:
        a, b = p["between"] if "between" in p else (p["from"], p["to"])
        g.add_edge(a, b)
    return g


def measure(profile: dict) -> dict:
    """Components, articulation points and betweenness of one city."""
    g = graph_of(profile)
    components = list(nx.connected_components(g))
    articulation = sorted(nx.articulation_points(g))
    betweenness = nx.betweenness_centrality(g, normalized=True)
    return {
        "graph": g,
        "components": components,
        "articulation_points": articulation,
        "betweenness": betweenness,
    }


def summarise(path: Path, out: Path) -> dict:
    """Does one city's work and writes its summary; returns its row of peer.csv."""
    profile = load(path)
    m = measure(profile)
    g = m["graph"]
    city = profile["city"]
    n = g.number_of_nodes()
    brokers = sorted(m["betweenness"].items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    row = {
        "file": path.name,
        "id": city["id"],
        "name": city["name"],
        "as_of": city["as_of"],
        "n_actors": n,
        "n_partnerships": len(profile.get("partnerships") or []),
        "n_links": g.number_of_edges(),
        "n_components": len(m["components"]),
        "largest": max((len(c) for c in m["components"]), default=0),
        "n_isolated": sum(1 for c in m["components"] if len(c) == 1),
        "n_articulation_points": len(m["articulation_points"]),
        "density": nx.density(g) if n > 1 else 0.0,
        "max_betweenness": brokers[0][1] if brokers else 0.0,
    }
    text = SUMMARY.render(brokers=brokers, **row)
    (out / f"{path.stem}.md").write_text(text, encoding="utf-8")
    return row


def _work(job: tuple[str, str]) -> dict:
    return summarise(Path(job[0]), Path(job[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="profiles, or folders of *.yaml")
    ap.add_argument("-o", "--out", required=True, help="folder for the summaries and peer.csv")
    ap.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    args = ap.parse_args()
    files = files_of(args.paths)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    jobs = [(str(f), str(out)) for f in files]
    if args.jobs > 1 and len(jobs) > 1:
        chunk = max(1, min(16, len(jobs) // (args.jobs * 8)))
        with multiprocessing.Pool(args.jobs) as pool:
            rows = list(pool.imap(_work, jobs, chunksize=chunk))
    else:
        rows = [_work(j) for j in jobs]
    with open(out / "peer.csv", "w", newline="", encoding="utf-8") as f:
        fields = list(rows[0].keys()) if rows else ["file"]
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    took = time.perf_counter() - start
    print(
        f"peer: {len(rows)} cities in {took:.2f} s with {args.jobs} process(es), "
        f"networkx {nx.__version__}, pyyaml {yaml.__version__} (libyaml), jinja2 {jinja2.__version__}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    if os.name == "posix":
        multiprocessing.set_start_method("fork")
    main()
