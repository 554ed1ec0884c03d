#!/usr/bin/env bash
# Compares what two builds say about policy folders, byte for byte: a check for work on
# loading speed, which must not change one character of any diagnostic (message, file,
# line, column, order) nor any result.
#
#   Tests/perf/compare-load.sh OLD_BIN_DIR NEW_BIN_DIR
#
# Each BIN_DIR holds `policy` and `evaluate`. Run from the repository folder. The shipped
# policies are damaged in many ways (bad JSON5, bad UTF-8, unknown keys, wrong types, bad
# expressions and citations, unknown facts, duplicate ids, broken `extends`, …), one
# damage per copy; for each copy `policy check` and `evaluate` (one region, and all) must
# print the same and exit the same. On the shipped folder, `policy check`, `policy test`
# (with coverage), `policy diff`, `policy explain` and `evaluate` on every fixture must
# too. Not run by CI: it needs two builds.
set -uo pipefail
old=$1 new=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "folders kept in $work"

python3 - "$work" <<'PY'
import os, re, shutil, sys
work = sys.argv[1]
damages = []
def damage(name, path, change):
    damages.append((name, path, change))
def replace(old, new, count=1):
    def change(data):
        text = data.decode('utf-8')
        assert old in text, f'{old!r} not found'
        return text.replace(old, new, count).encode('utf-8')
    return change
def nth(old, new, n):
    def change(data):
        text = data.decode('utf-8')
        at = -1
        for _ in range(n):
            at = text.index(old, at + 1)
        return (text[:at] + new + text[at + len(old):]).encode('utf-8')
    return change
def raw(function):
    return function

N, B, L, S, T = 'national.json5', 'beijing.json5', 'liaocheng.json5', 'shanghai.json5', 'tianjin.json5'
VC, VL = 'vocabulary/common.json5', 'vocabulary/liaocheng.json5'
damage('truncated', N, raw(lambda d: d[:len(d) * 3 // 5]))
damage('truncated-in-utf8', L, raw(lambda d: d[:d.index('第六条'.encode()) + 4]))
damage('unknown-field', N, replace('explain:', 'explian:'))
damage('unknown-field-late', T, nth('explain:', 'explains:', 7))
damage('wrong-type-quote', N, replace('quote: "正式运营至少3个月"', 'quote: 42'))
damage('wrong-type-value', N, replace('value: "100"', 'value: 100'))
damage('expression-syntax', N, replace('requires: "licence in', 'requires: "(( licence in'))
damage('expression-type', N, replace('bed_count >= department_bed_threshold', "bed_count >= today"))
damage('expression-unknown-fact', N, replace('bed_count >= department_bed_threshold', 'bed_cuont >= department_bed_threshold'))
damage('expression-enum-literal', N, replace("'practice-licence'", "'practise-licence'"))
damage('expression-escaped', N, replace('requires: "licence in', 'requires: "\\u006c\\u0069cence ++ in'))
damage('citation-shape', N, replace('article: "第六条"', 'article: "第6条"'))
damage('citation-empty', S, nth('citation: {', 'citation: { note: "x",', 3))
damage('citation-item', L, nth('item: "（', 'item: "(', 2))
damage('duplicate-key', N, replace('citation: { article: "第六条", item: "（一）" }', 'citation: { article: "第六条", article: "第七条", item: "（一）" }'))
damage('duplicate-rule-id', N, nth('id: "art5-type"', 'id: "art5-licence"', 1))
damage('full-width-comma', N, nth('",\n', '"，\n', 40))
damage('invalid-utf8', N, raw(lambda d: d.replace('第八条'.encode(), b'\xe7\xac\xff\xe5\x85\xab', 1)))
damage('invalid-utf8-vocabulary', VC, raw(lambda d: d.replace('地址'.encode(), b'\xb5\xd8\xd6\xb7', 1)))
damage('utf16-bom', S, raw(lambda d: b'\xff\xfe' + d))
damage('utf8-bom', S, raw(lambda d: b'\xef\xbb\xbf' + d.replace(b'status: "in-force"', b'status: "inforce"', 1) if b'status: "in-force"' in d else b'\xef\xbb\xbf' + d.replace(b'status:', b'statu:', 1)))
damage('empty-file', T, raw(lambda d: b''))
damage('crlf-with-error', N, raw(lambda d: d.replace(b'\n', b'\r\n').replace(b'kind: "condition"', b'kind: "conditon"', 1)))
damage('unterminated-comment', B, nth('  rules: [', '  /* rules: [', 1))
damage('unterminated-string', N, replace('quote: "正式运营至少3个月",', 'quote: "正式运营至少3个月,'))
damage('bad-escape', N, replace('quote: "正式运营至少3个月"', 'quote: "正式运营至少\\x3个月"'))
damage('bad-date', N, replace('issued: "2020-12-30"', 'issued: "2020-13-30"'))
damage('bad-status', N, replace('status: "in-force"', 'status: "inforce"'))
damage('unknown-parent', S, replace('extends: "national"', 'extends: "natinal"'))
damage('extends-cycle', N, replace('  id: "national",', '  id: "national",\n  extends: "shanghai",'))
damage('vocabulary-bad-type', VC, nth('type: "text"', 'type: "txt"', 2))
damage('vocabulary-unknown-field', VL, nth('label:', 'lable:', 3))
damage('vocabulary-duplicate-fact', VL, replace('facts: {', 'facts: {\n    address: { type: "text", label: { zh: "地址", en: "Address" }, form: "x" },'))
damage('unknown-kind', N, replace('kind: "condition"', 'kind: "conditon"'))
damage('missing-quote', N, nth('      quote: "以下取得', '      quot: "以下取得', 1))
damage('quote-not-in-source', N, replace('quote: "正式运营至少3个月"', 'quote: "正式运营至少4个月"'))
damage('unknown-waived-rule', B, replace('rule: "art5-type"', 'rule: "art5-typo"'))
damage('hidden-replacement', L, replace('      replaces: true,\n', '', 1))
damage('unknown-shows', B, replace('shows: ["beijing_district"]', 'shows: ["beijing_distrct"]'))
damage('bad-when', N, replace('when: ["acceptance:supplement-required"]', 'when: ["acceptance:supplement"]'))
damage('notice-placeholder', 'notices/national.json5', replace('{fact:institution_name}', '{fact:institution_nam}'))
damage('calendar-bad-json', 'calendar/cn-holidays.json', raw(lambda d: d[:-40]))
damage('unicode-space-and-key', N, replace('  status: "in-force",', '\u3000status: "in-force",\n  键: 1,'))
damage('number-too-large', N, replace('value: "100"', 'value: "99999999999999999999999"'))
damage('number-forms', N, replace('  status: "in-force",', '  status: "in-force", n1: +0x1F, n2: .5, n3: -Infinity, n4: 1e400, n5: 007,'))
damage('many-problems', T, raw(lambda d: d.replace(b'explain:', b'explian:').replace(b'kind: "', b'kind: "x')))
damage('missing-vocabulary', 'vocabulary', None)
damage('missing-calendar', 'calendar', None)

for index, (name, path, change) in enumerate(damages):
    folder = f'{work}/{index:02d}-{name}'
    shutil.copytree('policies', folder)
    target = f'{folder}/{path}'
    if change is None:
        shutil.rmtree(target)
        continue
    data = open(target, 'rb').read()
    changed = change(data)
    assert changed != data, f'{name}: no change'
    open(target, 'wb').write(changed)
print(f'{len(damages)} damaged policy folders')
PY
[ $? -eq 0 ] || { echo "compare-load: cannot make the damaged folders"; exit 2; }

failures=0 runs=0
# same LABEL -- ARGS…: both builds' `$tool ARGS` must print the same and exit the same.
same() {
  local label=$1 tool=$2; shift 3
  "$old/$tool" "$@" >"$work/old.out" 2>"$work/old.err"; local a=$?
  "$new/$tool" "$@" >"$work/new.out" 2>"$work/new.err"; local b=$?
  runs=$((runs + 1))
  if [ "$a" != "$b" ] || ! cmp -s "$work/old.out" "$work/new.out" || ! cmp -s "$work/old.err" "$work/new.err"; then
    echo "DIFFERS: $label: $tool $* (exit $a / $b)"
    diff <(cat "$work/old.out" "$work/old.err") <(cat "$work/new.out" "$work/new.err") | head -10
    failures=$((failures + 1))
  fi
}

profile=fixtures/national/general-hospital-complete.json
for folder in "$work"/[0-9]*/; do
  name=$(basename "$folder")
  same "$name" policy -- check --policies "$folder"
  same "$name" evaluate -- "$profile" --region all --policies "$folder" --as-of 2026-11-26
  same "$name" evaluate -- "$profile" --region national --policies "$folder" --as-of 2026-11-26
done

same shipped policy -- check --policies policies
same shipped policy -- test --coverage --policies policies
same shipped policy -- diff liaocheng --policies policies
same shipped policy -- explain art5-licence --policies policies
for fixture in fixtures/*/*.json; do
  case $fixture in *.expected.json) continue ;; esac
  region=$(basename "$(dirname "$fixture")")
  same "$fixture" evaluate -- "$fixture" --region "$region" --as-of 2026-11-26 --format json --policies policies
done
[ "$failures" -eq 0 ] && echo "compare-load: all $runs outputs identical" || { echo "compare-load: $failures of $runs differ"; exit 1; }
