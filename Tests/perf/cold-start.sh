#!/usr/bin/env bash
# The wall time of one `evaluate` process, start to exit: a reviewer's single evaluation.
#
#     Tests/perf/cold-start.sh [RUNS] [BINARY…]     (default 30 runs of .build/release/evaluate)
#
# With several binaries, their runs alternate, so that a machine busy with other work
# slows each alike. Prints, for each, the median, the fastest and the slowest run in
# milliseconds. Run it from the repository (it evaluates a shipped fixture); each binary
# finds its own policies (the first run of a new build unpacks them: a warm-up run, not
# counted, takes that).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-30}
shift || true
[ $# -gt 0 ] || set -- .build/release/evaluate
python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, binaries = int(sys.argv[1]), sys.argv[2:]
command = ["fixtures/national/general-hospital-complete.json", "--region", "national", "--as-of", "2026-11-26"]
times = {binary: [] for binary in binaries}
for binary in binaries:
    subprocess.run([binary] + command, stdout=subprocess.DEVNULL, check=True)
for _ in range(runs):
    for binary in binaries:
        start = time.perf_counter()
        subprocess.run([binary] + command, stdout=subprocess.DEVNULL, check=True)
        times[binary].append((time.perf_counter() - start) * 1000)
for binary, values in times.items():
    values.sort()
    print(f"{binary}: median {values[len(values)//2]:.1f} ms, fastest {values[0]:.1f} ms, slowest {values[-1]:.1f} ms ({runs} runs)")
PY
