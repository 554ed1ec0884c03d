#!/usr/bin/env bash
# Command-line checks of `evaluate` and `policy`: exit codes and error messages for bad
# arguments and inputs, batch mode's guarantees, determinism. Run by .ci/run after
# `swift build`; BIN is the folder holding the built executables.
set -uo pipefail
BIN=${1:-.build/debug}
cd "$(dirname "$0")/../.."
failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# expect CODE "TEXT ON STDERR" -- COMMAND…
expect() {
  local code=$1 text=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$code" ] || { [ -n "$text" ] && ! grep -qF -- "$text" "$work/err"; }; then
    echo "FAIL: $* → exit $got (expected $code), stderr: $(head -c 300 "$work/err")"
    failures=$((failures + 1))
  fi
}

E="$BIN/evaluate"
P="$BIN/policy"
F=fixtures/national/general-hospital-complete.json
expect 64 "--region is required; the regions are: beijing, liaocheng, national, shanghai, tianjin" -- "$E" "$F"
expect 64 "unknown region \"../national\"" -- "$E" "$F" --region ../national
expect 64 "unknown region \"hebei\"" -- "$E" "$F" --region hebei
expect 64 "--as-of must be a date written YYYY-MM-DD, found \"2026/11/26\"" -- "$E" "$F" --region national --as-of 2026/11/26
expect 64 "--as-of must be a date" -- "$E" "$F" --region national --as-of 2026-02-30
expect 64 "--format must be text, json, markdown or html" -- "$E" "$F" --region national --format xml
expect 64 "--lang must be zh or en" -- "$E" "$F" --region national --lang fr
expect 64 "unknown option --regoin" -- "$E" "$F" --regoin national
expect 64 "--region needs a value" -- "$E" "$F" --region
expect 64 "one profile at a time" -- "$E" "$F" "$F" --region national
expect 64 "--threads must be a number from 1 to 256" -- "$E" --batch - --region national --threads 0
expect 64 "give a profile or --batch FILE, not both" -- "$E" "$F" --batch - --region national
expect 66 "no such file" -- "$E" missing.json --region national
expect 66 "is a directory" -- "$E" fixtures --region national
# In Chinese for a Chinese reviewer, with the same information.
expect 66 "无法读取missing.json：没有此文件" -- "$E" missing.json --region national --lang zh
expect 66 "fixtures是文件夹；应为申请人资料文件" -- "$E" fixtures --region national --lang zh
expect 66 "no such file" -- "$E" --batch missing.ndjson --region national
printf '' > "$work/empty.json"
expect 65 "the file is empty" -- "$E" "$work/empty.json" --region national
printf '{"bed_count": "多"}' > "$work/bad.json"
expect 65 "bad.json:1:15: error: \`bed_count\`: expected a whole number" -- "$E" "$work/bad.json" --region national
head -c 104857600 /dev/zero | tr '\0' ' ' > "$work/huge.json"
expect 65 "is larger than 1 MiB" -- "$E" "$work/huge.json" --region national
expect 65 "超过1 MiB" -- "$E" "$work/huge.json" --region national --lang zh
expect 78 "error" -- "$E" "$F" --region national --policies "$work"
expect 64 "unknown command \`chek\`" -- "$P" chek
expect 64 "diff takes one region" -- "$P" diff
expect 64 "no rule \`art6-1-operatoin\`; did you mean \`art6-1-operation\`?" -- "$P" explain art6-1-operatoin
expect 64 "coverage takes --text REGION" -- "$P" coverage
expect 64 "no region \`hebei\`" -- "$P" coverage --text hebei
expect 64 "--format must be text or html" -- "$P" coverage --text national --format xml
# Text coverage: a declaration taken out of a copy of the policies leaves its unit unaccounted,
# a warning that --strict turns into an error; a declaration naming no unit is an error.
cp -R policies "$work/text-coverage"
grep -v 'citation: { article: "第四十六条" }, kind: "remedy"' policies/national.json5 >"$work/text-coverage/national.json5"
expect 0 "" -- "$P" check --policies "$work/text-coverage"
grep -q 'warning: 第四十六条 is neither encoded by a rule nor declared' "$work/out" || { echo "FAIL: policy check does not warn of 第四十六条"; failures=$((failures + 1)); }
expect 1 "sources/national.txt:261:1: error: 第四十六条 is neither encoded by a rule nor declared in \`not_encoded\`" -- "$P" check --strict --policies "$work/text-coverage"
sed 's/citation: { article: "第四十六条" }, kind: "remedy"/citation: { article: "第六十九条" }, kind: "remedy"/' policies/national.json5 >"$work/text-coverage/national.json5"
expect 1 "error: \`not_encoded\` names 第六十九条, which does not exist in sources/national.txt" -- "$P" check --policies "$work/text-coverage"
expect 0 "" -- "$P" check --strict
"$P" coverage --text national >"$work/out" && grep -q "^Total: 142 units, 142 accounted for (100 %)" "$work/out" || { echo "FAIL: policy coverage --text national: $(tail -1 "$work/out")"; failures=$((failures + 1)); }
"$P" coverage --text liaocheng --format html >"$work/out" && grep -q '<tr class="declared" id="u' "$work/out" || { echo "FAIL: policy coverage --format html"; failures=$((failures + 1)); }
expect 0 "" -- "$E" "$F" --region national --as-of 2026-11-26

# expect_out CODE "TEXT ON STDOUT" -- COMMAND…
expect_out() {
  local code=$1 text=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -qF -- "$text" "$work/out"; then
    echo "FAIL: $* → exit $got (expected $code), stdout: $(head -c 300 "$work/out") stderr: $(head -c 300 "$work/err")"
    failures=$((failures + 1))
  fi
}

# Command-line conventions, the same in the three tools (issue 19, point 9).
expect_out 0 "Usage: policy check" -- "$P" check --help
expect_out 0 "Usage: policy test" -- "$P" test -h
expect_out 0 "Usage: evaluate" -- "$E" template --help
expect_out 0 "national" -- "$E" --region list
expect_out 0 "Decision" -- "$E" "$F" --region=national --as-of=2026-11-26 --lang=en
expect_out 0 "Usage: benchmark" -- timeout 20 "$BIN/benchmark" --help
expect 64 "did you mean --region?" -- "$E" "$F" --regoin national
expect 64 "--threads has no effect when evaluating one profile" -- "$E" "$F" --region national --threads 2
expect 64 "--as-of has no effect with \`evaluate template\`" -- "$E" template --region national --as-of 2026-11-26
expect 64 "--lang has no effect with --batch" -- "$E" --batch - --region national --lang en
expect 64 "no profile is read with \`evaluate template\`; found $F" -- "$E" template "$F" --region national
expect 64 "--brief has no effect with --format json" -- "$E" "$F" --region national --brief --format json
expect 64 "did you mean --junit?" -- "$P" test --junt x
expect 64 "--accept-weaker only applies with --update" -- "$P" test --accept-weaker
expect 64 "--coverage has no effect with --compare" -- "$P" test --compare HEAD --coverage
expect 64 "did you mean \`check\`?" -- "$P" chek
expect 64 "--lines has no effect with --load-only" -- "$BIN/benchmark" --load-only --lines 5
expect 74 "benchmark: cannot write" -- "$BIN/benchmark" --dump "$work/no-such-folder/lines.ndjson" --regions national --lines 10

# A checkout being edited (issue 19, points 4–7): its own policies/ is found from any folder
# inside it, and named; a broken file's errors lead, its consequences follow, marked.
ABS_BIN=$(cd "$BIN" && pwd)
co="$work/checkout"
mkdir -p "$co" && cp -r policies fixtures "$co/"
git -C "$co" init -q && git -C "$co" add -A && git -C "$co" -c user.name=t -c user.email=t@t commit -qm base
(cd "$co/fixtures/beijing" && "$ABS_BIN/policy" check) > "$work/out" 2>&1
grep -qF "$co/policies: 5 policies" "$work/out" || { echo "FAIL: policy check inside a checkout does not name its policies/: $(head -c 300 "$work/out")"; failures=$((failures + 1)); }
python3 - "$co/policies/national.json5" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
open(p, "w").write(s.replace('status: "in-force",', 'status: "in-force"', 1))
PY
(cd "$co/policies" && "$ABS_BIN/policy" check) > "$work/out" 2> "$work/err"
status=$?
{ [ "$status" -eq 1 ] && head -1 "$work/err" | grep -q "national.json5.*\[syntax\]" && grep -q "follow from those above" "$work/err" && grep -qF "5 error(s) in $co/policies (1 root cause, 4 that follow from it)" "$work/err"; } \
  || { echo "FAIL: a broken national.json5 in the checkout: exit $status, $(head -c 400 "$work/err")"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" check --format sarif) > "$work/sarif.json" 2>/dev/null
python3 -c 'import json,sys; log=json.load(open(sys.argv[1])); r=log["runs"][0]["results"]; assert log["version"]=="2.1.0" and r[0]["ruleId"]=="syntax" and r[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]=="national.json5", r[0]' "$work/sarif.json" \
  || { echo "FAIL: policy check --format sarif"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" check --format json) > "$work/check.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==5 and d["diagnostics"][0]["code"]=="syntax" and all("follows_from" in x for x in d["diagnostics"][1:]), d' "$work/check.json" \
  || { echo "FAIL: policy check --format json"; failures=$((failures + 1)); }
git -C "$co" checkout -q -- policies
# An edit that needs a new fact: the fixtures it leaves undecided are not re-recorded quietly.
python3 - "$co/policies" <<'PY'
import sys
d = sys.argv[1]
p = d + "/national.json5"; s = open(p).read()
open(p, "w").write(s.replace('requires: "today > operation_start_date + minimum_operation_period",', 'requires: "today > operation_start_date + minimum_operation_period and premises_inspected",', 1))
p = d + "/vocabulary/common.json5"; s = open(p).read()
open(p, "w").write(s.replace('    operation_start_date: {', '    premises_inspected: { type: "bool", label: { zh: "场所已查验", en: "Premises inspected" } },\n    operation_start_date: {', 1))
PY
(cd "$co" && "$ABS_BIN/evaluate" "$OLDPWD/$F" --region national --as-of 2026-11-26) > /dev/null 2> "$work/err"
grep -q "which differs from them; pass --policies policies to read it" "$work/err" || { echo "FAIL: evaluate in an edited checkout does not say which policies it used"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" test --compare HEAD) > "$work/out" 2>&1
{ grep -q "^national/general-hospital-complete: verdict: eligible → undetermined" "$work/out" && grep -q "decide differently from HEAD" "$work/out" && [ -z "$(git -C "$co" status --porcelain fixtures)" ]; } \
  || { echo "FAIL: policy test --compare HEAD: $(tail -c 300 "$work/out")"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" test --update) > "$work/out" 2>&1
status=$?
{ [ "$status" -eq 1 ] && grep -q "NOT re-recorded: it would weaken the fixture (verdict: eligible → undetermined" "$work/out" && grep -q "refused [0-9]* that would weaken" "$work/out"; } \
  || { echo "FAIL: policy test --update weakened fixtures: exit $status, $(tail -c 300 "$work/out")"; failures=$((failures + 1)); }
rewritten=$(grep -o "rewrote [0-9]*" "$work/out" | grep -o "[0-9]*")
changed=$(git -C "$co" status --porcelain fixtures | wc -l)
[ "$rewritten" = "$changed" ] || { echo "FAIL: --update says it rewrote $rewritten files, git sees $changed"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" test) > /dev/null 2>&1 && { echo "FAIL: after a refused --update, policy test passes"; failures=$((failures + 1)); }
(cd "$co" && "$ABS_BIN/policy" test --update --accept-weaker && "$ABS_BIN/policy" test) > "$work/out" 2>&1 \
  || { echo "FAIL: --update --accept-weaker did not record every change: $(tail -c 300 "$work/out")"; failures=$((failures + 1)); }

# Batch: one record per line, in order, bad lines included; the same bytes on 1 thread and on all.
python3 - "$work/batch.ndjson" <<'PY'
import json, glob, sys
lines = [json.dumps(json.load(open(f)), ensure_ascii=False) for f in sorted(glob.glob("fixtures/national/*.json")) if not f.endswith(".expected.json")]
lines[2:2] = ['{"bed_count": -5}', '', 'not json', '[1]']
open(sys.argv[1], "w").write("\n".join(lines * 30) + "\n")
PY
in=$(wc -l < "$work/batch.ndjson")
"$E" --batch "$work/batch.ndjson" --region national --as-of 2026-11-26 --threads 1 > "$work/one.ndjson" 2>/dev/null
"$E" --batch - --region national --as-of 2026-11-26 < "$work/batch.ndjson" > "$work/all.ndjson" 2> "$work/summary"
out=$(wc -l < "$work/all.ndjson")
[ "$in" -eq "$out" ] || { echo "FAIL: batch wrote $out records for $in lines"; failures=$((failures + 1)); }
cmp -s "$work/one.ndjson" "$work/all.ndjson" || { echo "FAIL: batch output differs between 1 thread and all cores"; failures=$((failures + 1)); }
python3 - "$work/all.ndjson" <<'PY' || failures=$((failures + 1))
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert [r["line"] for r in records] == list(range(1, len(records) + 1)), "records out of order"
assert records[2]["error"] == "bad-input" and "bed_count" in records[2]["problems"][0]["message"], records[2]
assert records[3]["problems"][0]["code"] == "empty-line", records[3]
PY
grep -q "errors" "$work/summary" || { echo "FAIL: no batch summary on stderr"; failures=$((failures + 1)); }
# A closed pipe ends the batch cleanly.
"$E" --batch "$work/batch.ndjson" --region national --as-of 2026-11-26 2>/dev/null | head -1 > /dev/null
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || [ "$status" -eq 65 ] || { echo "FAIL: batch into a closed pipe exited $status"; failures=$((failures + 1)); }
# The same profile gives the same bytes, run after run.
a=$("$E" "$F" --region national --as-of 2026-11-26 --format json | sha256sum)
b=$("$E" "$F" --region national --as-of 2026-11-26 --format json | sha256sum)
[ "$a" = "$b" ] || { echo "FAIL: JSON output differs between runs"; failures=$((failures + 1)); }

# A scripted interview through a pipe: the two facts left out are asked, in the order the
# rules need them; the profile it writes decides as the complete file does.
python3 - "$work/partial.json" <<'PY'
import json, sys
profile = json.load(open("fixtures/national/general-hospital-complete.json"))
del profile["operation_start_date"], profile["follows_price_policy"]
json.dump(profile, open(sys.argv[1], "w"), ensure_ascii=False)
PY
printf '2025-06-01\n是\n' | "$E" interview --region national --as-of 2026-11-26 --lang en --profile "$work/partial.json" --out "$work/built.json" > "$work/interview.txt" 2> "$work/interview.err"
grep -q "^2 question(s) answered." "$work/interview.err" || { echo "FAIL: the interview did not ask exactly the 2 missing facts"; failures=$((failures + 1)); }
"$E" "$work/built.json" --region national --as-of 2026-11-26 --lang en > "$work/file.txt"
[ "$(grep '^Decision' "$work/interview.txt")" = "$(grep '^Decision' "$work/file.txt")" ] && grep -q "^Decision: eligible" "$work/file.txt" \
  || { echo "FAIL: the interview's profile decides differently from the file"; failures=$((failures + 1)); }
"$E" template --region liaocheng > "$work/template.json5"
grep -q '"lc_' "$work/template.json5" || { echo "FAIL: the Liaocheng template lacks Liaocheng's facts"; failures=$((failures + 1)); }
expect 2 "" -- "$E" "$work/template.json5" --region liaocheng --as-of 2026-11-26

# A copied `evaluate` works alone (issue 20, 8): in an empty folder outside the repository,
# with a cache of its own, it unpacks the policies it carries and decides as the build does;
# with nowhere to unpack them it says so (exit 78), without a trap or a stack trace.
alone=$(mktemp -d /tmp/evaluate-alone.XXXXXX)
cp "$E" "$alone/evaluate" && cp "$F" "$alone/profile.json"
(cd "$alone" && HOME="$alone/home" XDG_CACHE_HOME= ./evaluate profile.json --region national --as-of 2026-11-26 --format json > out.json 2> err.txt)
status=$?
grep -q '"verdict" *: *"eligible"' "$alone/out.json" && [ "$status" -eq 0 ] \
  || { echo "FAIL: a copied evaluate exited $status: $(head -c 300 "$alone/err.txt")"; failures=$((failures + 1)); }
expect 78 "cannot unpack the shipped policies" -- env HOME=/dev/null/h XDG_CACHE_HOME= TMPDIR=/dev/null/t "$alone/evaluate" "$F" --region national
# A folder of unpacked policies that another user made is not trusted (run as root, as CI is).
if [ "$(id -u)" -eq 0 ]; then
  for made in "$alone"/home/.cache/designation-rules/policies-*; do chown 12345 "$made"; done
  expect 78 "belongs to another user" -- env HOME="$alone/home" XDG_CACHE_HOME= TMPDIR=/dev/null/t "$alone/evaluate" "$F" --region national
fi
rm -rf "$alone"

# A filed JSON report names the tool's version and hashes the files that decided it
# (issue 20, 9); --verify decides again: 0 the same, 12 the same decision from changed
# files, 11 another decision, 65 a report it cannot read or another profile.
"$E" "$F" --region national --as-of 2026-11-26 --format json > "$work/filed.json"
grep -q "\"version\": \"$("$E" --version | cut -d' ' -f2)\"" "$work/filed.json" \
  || { echo "FAIL: the JSON report does not carry evaluate --version's version"; failures=$((failures + 1)); }
expect 0 "" -- "$E" --verify "$work/filed.json" "$F"
cp -r policies "$work/edited" && printf '\n// an added comment\n' >> "$work/edited/national.json5"
expect 12 "" -- "$E" --verify "$work/filed.json" "$F" --policies "$work/edited"
grep -q "national.json5: changed" "$work/out" || { echo "FAIL: --verify does not name the changed file"; failures=$((failures + 1)); }
sed -i 's/value: "3 months",/value: "30 months",/' "$work/edited/national.json5"
expect 11 "" -- "$E" --verify "$work/filed.json" "$F" --policies "$work/edited"
grep -q "verdict: eligible then, ineligible today" "$work/out" && grep -q "rule art6-1-operation: pass then, fail today" "$work/out" \
  || { echo "FAIL: --verify does not say how the decision differs: $(head -c 300 "$work/out")"; failures=$((failures + 1)); }
expect 65 "is not the profile" -- "$E" --verify "$work/filed.json" fixtures/national/clinic-missing-materials.json
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); del r["provenance"]; json.dump(r, open(sys.argv[2], "w"))' "$work/filed.json" "$work/unstamped.json"
expect 65 "has no \`provenance\`" -- "$E" --verify "$work/unstamped.json" "$F"
expect 64 "needs the profile" -- "$E" --verify "$work/filed.json"

# Notices (issue 20, 6): an HTML form; no notice for the outcome is a message and exit 10
# with nothing on standard output; a format a notice has not is bad usage.
expect 1 "" -- "$E" fixtures/liaocheng/hospital-onsite-unqualified.json --region liaocheng --as-of 2026-11-26 --notice --format html
grep -q '<td>签收人：' "$work/out" && grep -q '@page { size: A4' "$work/out" || { echo "FAIL: --notice --format html is not the printable form"; failures=$((failures + 1)); }
expect 10 "不出具通知书" -- "$E" "$work/template.json5" --region national --as-of 2026-11-26 --notice --lang zh
[ -s "$work/out" ] && { echo "FAIL: with no notice to give, --notice still wrote to standard output"; failures=$((failures + 1)); }
expect 64 "a notice is printed as text or html" -- "$E" "$F" --region national --as-of 2026-11-26 --notice --format json

# The interview saves as it goes, survives Ctrl-C and resumes (issue 20, 7).
python3 Tests/cli/interview-saves.py "$BIN" || failures=$((failures + 1))

# A batch mixing evaluation dates decides each line as running it alone as of its date.
python3 Tests/cli/mixed-dates.py "$BIN" >/dev/null || { python3 Tests/cli/mixed-dates.py "$BIN" | grep FAIL | head -5; failures=$((failures + 1)); }
# Hostile inputs, descriptors and signals (issue 22): each check names its point.
python3 Tests/cli/attacks.py "$BIN" || failures=$((failures + 1))

if [ "$failures" -gt 0 ]; then echo "$failures command-line check(s) failed"; exit 1; fi
echo "command-line checks: all passed"
