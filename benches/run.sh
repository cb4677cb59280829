#!/usr/bin/env bash
# Benchmarks inclusive-cities against its Python peers, side by side in one run, on the same
# generated files: (a) plan of one 300-actor city, (b) compare of 1,000 such cities, (c) compare
# of 4,000 (memory must stay flat), (d) analyse of one network of 20,000 actors and 100,000
# partnerships (peer: python-igraph); and against itself: (e) plan of one 3,000-actor city, every
# document, against analyse of the same file (within 3 times), (f) watch of a 300-actor city, the
# time from a save to the plan written again, (g) analyse of one network of 100,000 actors (its
# betweenness and closeness estimated from a sample; (d) passes --exact). Each run is timed with /usr/bin/time -v (wall, peak
# RSS; (f) by benches/watch.py); the table goes to the terminal and target/bench/results.md, then
# the figures are cross-checked.
#
# Usage: benches/run.sh            (everything; about 30-45 minutes on 2 cores)
#        ONLY="a d" benches/run.sh (some workloads; the others keep their last figures in the
#                                   table; the cross-check runs for those run)
# Knobs (environment): SEED, CITIES_B, CITIES_C, ACTORS, PPA, DISTRICTS, BIG_ACTORS, BIG_PPA,
# BIG_DISTRICTS, PLAN_ACTORS (e), JOBS (peer processes for b and c), CHECK_SAMPLE (cities checked
# with NetworkX), RUNS (times a, b and e are run on each side; the table reports the median, 3),
# SAVES (saves timed in f, 5), G_ACTORS, G_PPA, G_DISTRICTS (g: 100000, 0.5, 0: a file under the
# 32 MiB limit).
# Not part of CI: run it on demand, on a quiet machine (it warns when rustc is running).
set -euo pipefail
cd "$(dirname "$0")/.."

SEED=${SEED:-1}
CITIES_B=${CITIES_B:-1000}
CITIES_C=${CITIES_C:-4000}
ACTORS=${ACTORS:-300}
PPA=${PPA:-3}
DISTRICTS=${DISTRICTS:-6}
BIG_ACTORS=${BIG_ACTORS:-20000}
BIG_PPA=${BIG_PPA:-5}
BIG_DISTRICTS=${BIG_DISTRICTS:-40}
PLAN_ACTORS=${PLAN_ACTORS:-3000}
JOBS=${JOBS:-2}
CHECK_SAMPLE=${CHECK_SAMPLE:-20}
RUNS=${RUNS:-3}
SAVES=${SAVES:-5}
G_ACTORS=${G_ACTORS:-100000}
G_PPA=${G_PPA:-0.5}
G_DISTRICTS=${G_DISTRICTS:-0}
ONLY=${ONLY:-a b c d e f g}

B=target/bench
VENV=benches/.venv
PY=$VENV/bin/python
mkdir -p "$B"/{time,logs,out,bin}
wants() { [[ " $ONLY " == *" $1 "* ]]; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

echo "== tools"
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt)"
    as_root apt-get update -qq && as_root apt-get install -y -qq time
fi

echo "== build (release)"
cargo build --release --bin inclusive-cities --example generate
# Others may rebuild target/release while this runs: time a copy.
cp target/release/inclusive-cities target/release/examples/generate "$B/bin/"
IC=$B/bin/inclusive-cities
GEN=$B/bin/generate

# (e) and (f) have no Python peer: without (a)-(d), the system's Python writes the table.
if wants a || wants b || wants c || wants d; then
    echo "== python peer environment ($VENV)"
    if [ ! -x "$PY" ]; then
        python3 -m venv "$VENV" || { as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv && python3 -m venv "$VENV"; }
        "$PY" -m pip install -q --upgrade pip
        "$PY" -m pip install -q -r benches/requirements.txt
    fi
    if ! "$PY" -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)'; then
        echo "PyYAML lacks libyaml: installing libyaml-dev and building PyYAML from source"
        as_root apt-get update -qq && as_root apt-get install -y -qq libyaml-dev
        "$PY" -m pip install -q --force-reinstall --no-binary pyyaml "pyyaml==$(grep -i '^pyyaml==' benches/requirements.txt | cut -d= -f3)"
    fi
    "$PY" -c 'import yaml, networkx, jinja2, igraph; print("pyyaml", yaml.__version__, "CSafeLoader:", yaml.CSafeLoader.__name__, "| networkx", networkx.__version__, "| jinja2", jinja2.__version__, "| python-igraph", igraph.__version__)'
else
    PY=python3
fi

echo "== workloads (seed $SEED)"
gen() { # gen DIR CITIES ACTORS PPA DISTRICTS
    local stamp="seed=$SEED cities=$2 actors=$3 ppa=$4 districts=$5 gen=$(sha256sum "$GEN" | cut -c1-16)"
    if [ -f "$1/.stamp" ] && [ "$(cat "$1/.stamp")" = "$stamp" ]; then
        echo "$1: up to date"
        return
    fi
    rm -rf "$1"
    "$GEN" --cities "$2" --actors "$3" --partnerships-per-actor "$4" --districts "$5" --seed "$SEED" -o "$1"
    find "$1" -name '*.yaml' -print0 | xargs -0 -n 500 "$IC" validate --diagnostic-format short > "$B/logs/validate-$(basename "$1").txt" 2>&1 \
        || { echo "generated files in $1 are not valid: see $B/logs/validate-$(basename "$1").txt"; exit 1; }
    echo "$stamp" > "$1/.stamp"
}
CB=$B/cities-$CITIES_B
CC=$B/cities-$CITIES_C
BIG=$B/big-$BIG_ACTORS
if wants a || wants b; then gen "$CB" "$CITIES_B" "$ACTORS" "$PPA" "$DISTRICTS"; fi
if wants c; then gen "$CC" "$CITIES_C" "$ACTORS" "$PPA" "$DISTRICTS"; fi
if wants d; then gen "$BIG" 1 "$BIG_ACTORS" "$BIG_PPA" "$BIG_DISTRICTS"; fi
# One city of each size: city 1 of a seed is the same file however many are generated, so (f)
# watches (a)'s city.
PLANDIR=$B/plan-$PLAN_ACTORS
WATCHDIR=$B/watch-$ACTORS
if wants e; then gen "$PLANDIR" 1 "$PLAN_ACTORS" "$PPA" "$DISTRICTS"; fi
if wants f; then gen "$WATCHDIR" 1 "$ACTORS" "$PPA" "$DISTRICTS"; fi
LARGEST=$B/largest-$G_ACTORS
if wants g; then gen "$LARGEST" 1 "$G_ACTORS" "$G_PPA" "$G_DISTRICTS"; fi
ONE=$CB/city-$(printf '%05d' 1).yaml
BIGFILE=$BIG/city-00001.yaml
PLANFILE=$PLANDIR/city-00001.yaml
WATCHFILE=$WATCHDIR/city-00001.yaml

HAVE_COMPARE=1
if ! "$IC" compare --help > /dev/null 2>&1; then
    HAVE_COMPARE=0
    echo "this build has no compare command: (b) and (c) run the peer only"
fi

echo "== machine"
busy=$(top -bn1 | awk 'NR > 7 && ($12 == "rustc" || $12 == "cargo") { n++ } END { print n + 0 }')
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "cores $(nproc), load $load, rustc/cargo processes running: $busy"
if [ "$busy" != 0 ]; then echo "WARNING: the machine is compiling: figures will be noisy"; fi

RES=$B/results.tsv
# Keep the last figures of the workloads not run this time (ONLY), replace the others'.
touch "$RES"
awk -v only=" $ONLY " 'index(only, " " $1 " ") == 0' "$RES" > "$RES.tmp" && mv "$RES.tmp" "$RES"
# measure NAME SIDE CMD...: runs CMD under /usr/bin/time -v, appends "NAME SIDE wall_s peak_mb"
# (one line per run: a workload run several times has several).
measure() {
    local name=$1 side=$2
    shift 2
    local t=$B/time/$name-$side.txt
    echo "-- $name $side: $*"
    if ! /usr/bin/time -v -o "$t" "$@" > "$B/logs/$name-$side.out" 2> "$B/logs/$name-$side.err"; then
        echo "   FAILED: see $B/logs/$name-$side.err"
        tail -5 "$B/logs/$name-$side.err" | sed 's/^/   /'
        printf '%s\t%s\tfailed\tfailed\n' "$name" "$side" >> "$RES"
        return 0
    fi
    local wall peak
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$t")
    peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$t")
    printf '%s\t%s\t%s\t%s\n' "$name" "$side" "$wall" "$peak" >> "$RES"
    echo "   wall ${wall} s, peak ${peak} MB"
}

# (a), (b) and (e) are short enough to run RUNS times, ours and the peer taking turns, so that a
# burst of load on a shared machine does not decide the ratio; the table takes each side's median.
# (e)'s "peer" is analyse of the same file by the same binary: plan's target is a multiple of it.
for r in $(seq 1 "$RUNS"); do
    if wants a; then
        rm -rf "$B/out/ours-a" "$B/out/peer-a"
        measure a ours "$IC" plan "$ONE" -o "$B/out/ours-a" --force
        measure a peer "$PY" benches/peer.py "$ONE" -o "$B/out/peer-a" --jobs 1
    fi
    if wants b; then
        rm -rf "$B/out/ours-b" "$B/out/peer-b"
        if [ "$HAVE_COMPARE" = 1 ]; then measure b ours "$IC" compare "$CB" -o "$B/out/ours-b"; fi
        measure b peer "$PY" benches/peer.py "$CB" -o "$B/out/peer-b" --jobs "$JOBS"
    fi
    if wants e; then
        rm -rf "$B/out/ours-e" "$B/out/peer-e"
        mkdir -p "$B/out/peer-e"
        measure e ours "$IC" plan "$PLANFILE" -o "$B/out/ours-e" --format mission,action-plan,report,json,docx
        measure e peer sh -c '"$1" analyse "$2" --format json > "$3"' sh "$IC" "$PLANFILE" "$B/out/peer-e/analysis.json"
    fi
done
if wants c; then
    rm -rf "$B/out/ours-c" "$B/out/peer-c"
    if [ "$HAVE_COMPARE" = 1 ]; then measure c ours "$IC" compare "$CC" -o "$B/out/ours-c"; fi
    measure c peer "$PY" benches/peer.py "$CC" -o "$B/out/peer-c" --jobs "$JOBS"
fi
if wants d; then
    rm -rf "$B/out/ours-d" "$B/out/peer-d"
    mkdir -p "$B/out/ours-d"
    measure d ours sh -c '"$1" analyse "$2" --format json --exact > "$3"' sh "$IC" "$BIGFILE" "$B/out/ours-d/city-00001.json"
    measure d peer "$PY" benches/peer_igraph.py "$BIGFILE" -o "$B/out/peer-d" --figures
fi
if wants g; then
    rm -rf "$B/out/ours-g" && mkdir -p "$B/out/ours-g"
    measure g ours sh -c '"$1" analyse "$2" --format json > "$3"' sh "$IC" "$LARGEST/city-00001.yaml" "$B/out/ours-g/analysis.json"
fi
if wants f; then
    echo "-- f ours: watch $WATCHFILE, $SAVES saves"
    if ! "$PY" benches/watch.py "$IC" "$WATCHFILE" -o "$B/out/ours-f" --saves "$SAVES" > "$B/logs/f-ours.out" 2> "$B/logs/f-ours.err"; then
        echo "   FAILED: see $B/logs/f-ours.err"
        tail -5 "$B/logs/f-ours.err" | sed 's/^/   /'
        printf 'f\tours\tfailed\tfailed\n' >> "$RES"
    else
        cat "$B/logs/f-ours.out" >> "$RES"
        awk -F'\t' '{ printf "   save %d: %s s\n", NR, $3 }' "$B/logs/f-ours.out"
    fi
fi

echo "== cross-check (ours against NetworkX and igraph, to 1e-9)"
CHECK=$B/check.txt
# A full run starts the cross-check's record afresh; a partial one (ONLY) adds to it.
if [ "$ONLY" = "a b c d e f g" ] || [ ! -f "$CHECK" ]; then : > "$CHECK"; fi
echo "# $(date -u '+%Y-%m-%d %H:%M') UTC, workloads: $ONLY" >> "$CHECK"
status=0
if wants a || wants b; then
    rm -rf "$B/out/check" && mkdir -p "$B/out/check"
    mapfile -t sample < <(find "$CB" -name '*.yaml' | sort | head -n "$CHECK_SAMPLE")
    for f in "${sample[@]}"; do
        "$IC" analyse "$f" --format json > "$B/out/check/$(basename "${f%.yaml}").json"
    done
    "$PY" benches/check.py --profiles "${sample[@]}" --analyses "$B/out/check" | tee -a "$CHECK" || status=1
fi
if wants b && [ -f "$B/out/ours-b/cities.csv" ]; then
    "$PY" benches/check.py --cities-csv "$B/out/ours-b/cities.csv" --peer-csv "$B/out/peer-b/peer.csv" | tee -a "$CHECK" || status=1
fi
if wants c && [ -f "$B/out/ours-c/cities.csv" ]; then
    "$PY" benches/check.py --cities-csv "$B/out/ours-c/cities.csv" --peer-csv "$B/out/peer-c/peer.csv" | tee -a "$CHECK" || status=1
fi
if wants d; then
    "$PY" benches/check.py --igraph "$B/out/peer-d" --analyses "$B/out/ours-d" | tee -a "$CHECK" || status=1
fi

echo "== results"
"$PY" benches/report.py "$B" --seed "$SEED" --jobs "$JOBS" --only "$ONLY" \
    --machine "$(nproc) cores, load $load before the run, $busy rustc/cargo processes running at the start" \
    --workloads "a: plan, 1 city of $ACTORS actors; b: compare, $CITIES_B cities of $ACTORS actors; c: compare, $CITIES_C cities of $ACTORS actors; d: analyse, 1 network of $BIG_ACTORS actors and $(awk -v a="$BIG_ACTORS" -v p="$BIG_PPA" 'BEGIN { printf "%d", a * p }') partnerships; e: plan (every document) against analyse, 1 city of $PLAN_ACTORS actors; f: watch, 1 city of $ACTORS actors, $SAVES saves; g: analyse, 1 network of $G_ACTORS actors, paths estimated ($PPA and $BIG_PPA partnerships per actor, $DISTRICTS and $BIG_DISTRICTS districts)"
exit "$status"
