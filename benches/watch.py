#!/usr/bin/env python3
"""Times `watch`: how long after a save of the profile the regenerated plan is written.

Copies PROFILE into OUT, starts `inclusive-cities watch OUT/PROFILE -o OUT/plan` (every document,
the default debounce), waits for the first plan, then saves the copy SAVES times, a second apart,
each time with a comment line added (new bytes, the same city), and times each save from just
before the write to the moment `watch` prints the line it prints once the plan is written. Prints
one line per save, "NAME<TAB>ours<TAB>seconds<TAB>peak MB", for run.sh's results.tsv; the peak is
the watch process's largest resident set (VmHWM, read from /proc when the saves are done). Only
the standard library: it runs with any Python 3.
"""

from __future__ import annotations

import argparse
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("profile", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--saves", type=int, default=5)
    ap.add_argument("--name", default="f", help="the workload's name in the output lines")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each plan")
    args = ap.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    profile = args.out / args.profile.name
    text = args.profile.read_bytes()
    profile.write_bytes(text)
    cmd = [args.binary, "watch", str(profile), "-o", str(args.out / "plan"), "--color", "never"]
    child = subprocess.Popen(
        cmd + ["--format", "mission,action-plan,report,json,docx"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            lines.put((time.monotonic(), line.rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(marker: str) -> float:
        """The time the next line holding `marker` was read; fails after the timeout."""
        end = time.monotonic() + args.timeout
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"watch.py: no line with {marker!r} within {args.timeout} s") from None
            print(f"   watch: {line}", file=sys.stderr)
            if marker in line:
                return at

    try:
        wait_for("watching ")
        times = []
        for k in range(1, args.saves + 1):
            time.sleep(1.0)
            start = time.monotonic()
            profile.write_bytes(text + f"\n# save {k}\n".encode())
            times.append(wait_for("; wrote ") - start)
            print(f"   save {k}: plan written {times[-1]:.3f} s after it", file=sys.stderr)
        peak = "failed"
        for line in Path(f"/proc/{child.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = f"{int(line.split()[1]) / 1024:.1f}"
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    for t in times:
        print(f"{args.name}\tours\t{t:.3f}\t{peak}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
