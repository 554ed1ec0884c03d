#!/usr/bin/env bash
# The wall time of one `evaluate` process, start to exit: a reviewer's single evaluation.
#
#     Tests/perf/cold-start.sh [BINARY] [RUNS]     (default .build/release/evaluate, 30 runs)
#
# Prints the median, the fastest and the slowest run in milliseconds. Run it from the
# repository (it evaluates a shipped fixture); the binary finds its own policies.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-.build/release/evaluate}
runs=${2:-30}
fixture=fixtures/national/general-hospital-complete.json
"$binary" "$fixture" --region national --as-of 2026-11-26 >/dev/null  # warm the page cache
python3 - "$binary" "$fixture" "$runs" <<'PY'
import subprocess, sys, time
binary, fixture, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([binary, fixture, "--region", "national", "--as-of", "2026-11-26"], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"{binary}: median {times[len(times)//2]:.1f} ms, fastest {times[0]:.1f} ms, slowest {times[-1]:.1f} ms ({runs} runs)")
PY
