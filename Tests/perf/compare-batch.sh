#!/usr/bin/env bash
# Compares the batch output of two builds of `evaluate`, byte for byte: a check for work
# on batch mode's fast path, which must not change one byte of what reviewers get.
#
#   Tests/perf/compare-batch.sh OLD/evaluate NEW/evaluate [BENCHMARK]
#
# BENCHMARK (default: the `benchmark` beside NEW) makes the inputs: 4,000 generated
# profiles per region, every fixture profile as one line, 1,500 damaged national lines,
# and 1,200 national lines half of which hold bytes that are not UTF-8. Each is run as
# of three dates on 1 and 2 threads; records, exit codes and the summary on standard
# error (less its timing) must be the same. Not run by CI: it needs two builds. Run it
# from the repository folder.
set -uo pipefail
old=$1 new=$2 bench=${3:-$(dirname "$2")/benchmark}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
regions=(national beijing shanghai liaocheng tianjin)
for region in "${regions[@]}"; do
  "$bench" --regions "$region" --lines 4000 --dump "$work/gen-$region.ndjson" >/dev/null 2>&1 || { echo "cannot generate $region"; exit 2; }
done
python3 - "$work" <<'PY'
import glob, json, os, random, sys
work = sys.argv[1]
for folder in glob.glob('fixtures/*/'):
    region = os.path.basename(folder.rstrip('/'))
    lines = [json.dumps(json.load(open(f)), ensure_ascii=False, separators=(',', ':'))
             for f in sorted(glob.glob(folder + '*.json')) if not f.endswith('.expected.json')]
    open(f'{work}/fx-{region}.ndjson', 'w').write('\n'.join(lines) + '\n')
random.seed(7)
damaged = []
for line in open(f'{work}/gen-national.ndjson').read().split('\n')[:1500]:
    k = random.randrange(12)
    if k == 0: line = line[:random.randrange(len(line))]
    elif k == 1: line = line.replace('"bed_count"', 'bed_count', 1)
    elif k == 2: line = line.replace('":true', ' ":  true', 1)
    elif k == 3: line = line.replace('"address":"', '"address":"\\u4e2d', 1)
    elif k == 4: line = line.replace('"bed_count":', '"bed_count":-', 1)
    elif k == 5: line = line.replace('"licence":"', '"licence":"x', 1)
    elif k == 6: line = line.replace('{', '{"unknown_key":1,', 1)
    elif k == 7: line = line.replace('true', 'null', 1)
    elif k == 8: line = '   '
    elif k == 9: line = line.replace('"operation_start_date":"2', '"operation_start_date":"3', 1)
    elif k == 10: line = line.replace(',"', ' ,\r"', 2)
    damaged.append(line)
open(f'{work}/dmg-national.ndjson', 'w').write('\n'.join(damaged) + '\n')
# Bytes that are not UTF-8, inside a string (after a quote) or anywhere, each line
# followed by its clean copy.
bad = [b'\xff', b'\xc0\xaf', b'\xe5\x8c', b'\xed\xa0\x80', b'\xf4\x90\x80\x80', b'\x80', b'\xe5', b'\xe5\x8c\xbb\xf0\x9f\x98']
encoded = []
for number, line in enumerate(open(f'{work}/gen-national.ndjson', 'rb').read().split(b'\n')[:600]):
    if not line: continue
    quotes = [i for i, byte in enumerate(line) if byte == 0x22]
    at = random.choice(quotes) + 1 if number % 3 else random.randrange(len(line))
    encoded += [line[:at] + random.choice(bad) + line[at:], line]
open(f'{work}/utf8-national.ndjson', 'wb').write(b'\n'.join(encoded) + b'\n')
PY
failures=0
for file in "$work"/*.ndjson; do
  region=$(basename "$file" .ndjson); region=${region#*-}
  for date in 2026-11-26 2025-06-30 2027-03-01; do
    for threads in 1 2; do
      "$old" --batch "$file" --region "$region" --as-of "$date" --threads "$threads" >"$work/old.out" 2>"$work/old.err"; a=$?
      "$new" --batch "$file" --region "$region" --as-of "$date" --threads "$threads" >"$work/new.out" 2>"$work/new.err"; b=$?
      strip() { sed -E 's/; [0-9.]+ s, [0-9]+ lines\/s, peak memory [0-9]+ MB//' "$1"; }
      if [ "$a" != "$b" ] || ! cmp -s "$work/old.out" "$work/new.out" || [ "$(strip "$work/old.err")" != "$(strip "$work/new.err")" ]; then
        echo "DIFFERS: $(basename "$file") as of $date, $threads thread(s) (exit $a / $b)"
        failures=$((failures + 1))
      fi
    done
  done
done
[ "$failures" -eq 0 ] && echo "compare-batch: every output identical" || { echo "compare-batch: $failures differences"; exit 1; }
