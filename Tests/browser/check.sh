#!/usr/bin/env bash
# The HTML report and an HTML notice, as a browser prints and shows them (issue 20, 10):
# headless Chromium renders each to PDF (A4) and to PNG (A4 width and a 390 px phone),
# then checks the page count and that page 1 names the applicant and states the decision
# (pdftotext). The PDFs and PNGs stay in OUT for a person to look at.
#
#     Tests/browser/check.sh [BIN]        BIN: the folder of the built `evaluate` (.build/debug)
#
# Installs chromium, fonts-noto-cjk and poppler-utils with apt-get when they are missing
# (Debian; as root). OUT defaults to .build/browser.
#
# Time, measured on the shared 2-core machine: installing the three packages on a machine
# without them 22 s (apt-get update included), the renders and checks 15-25 s. That is
# quick enough for .ci/run, which runs it (`Tests/browser/check.sh .build/debug`).
set -uo pipefail
BIN=${1:-.build/debug}
cd "$(dirname "$0")/../.."
OUT=${OUT:-.build/browser}
mkdir -p "$OUT"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "cannot install ${need[*]} (apt-get, as root)"; exit 1; }
fi

E="$BIN/evaluate"
# render NAME — FILE.html to NAME.pdf, NAME-a4.png (794 px: A4 at 96 dpi) and NAME-phone.png (390 px).
render() {
  local name=$1 page
  page="file://$(realpath "$OUT/$name.html")"
  local chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-dev-shm-usage)
  "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" "$page" 2>/dev/null
  "${chrome[@]}" --window-size=794,1123 --screenshot="$OUT/$name-a4.png" "$page" 2>/dev/null
  "${chrome[@]}" --window-size=390,844 --screenshot="$OUT/$name-phone.png" "$page" 2>/dev/null
  for file in "$name.pdf" "$name-a4.png" "$name-phone.png"; do [ -s "$OUT/$file" ] || fail "$file was not written"; done
}
# page1 NAME TEXT… — each TEXT is on page 1 of NAME.pdf; pages NAME MIN MAX — its page count.
page1() {
  local name=$1; shift
  pdftotext -f 1 -l 1 -layout "$OUT/$name.pdf" "$OUT/$name.page1.txt" 2>/dev/null || { fail "$name.pdf cannot be read"; return; }
  for text in "$@"; do
    tr -d ' \n' < "$OUT/$name.page1.txt" | grep -qF -- "$(printf '%s' "$text" | tr -d ' ')" || fail "page 1 of $name.pdf lacks \"$text\""
  done
}
pages() {
  local count
  count=$(pdfinfo "$OUT/$1.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  [ -n "$count" ] && [ "$count" -ge "$2" ] && [ "$count" -le "$3" ] || fail "$1.pdf has ${count:-no} pages, expected $2 to $3"
  echo "$1.pdf: $count page(s)"
}
name_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["institution_name"])' "$1"; }

# The reviewer's report of a refused applicant, in Chinese: its name and the decision on page 1.
report=fixtures/national/cosmetic-clinic.json
"$E" "$report" --region national --as-of 2026-11-26 --lang zh --format html > "$OUT/report.html"
render report
pages report 1 12
page1 report "$(name_of "$report")" "不符合"

# Liaocheng's 附件4-3 for a refused clinic: on page 1 the institution, the decision, the
# reasons, and the receipt and the office's blocks; on page 2 the 送达回执 of 附件6.
notice=fixtures/liaocheng/clinic-outpatient-non-basic-no-commitment.json
"$E" "$notice" --region liaocheng --as-of 2026-11-26 --lang zh --notice --format html > "$OUT/notice.html"
render notice
pages notice 2 2
page1 notice "$(name_of "$notice")" "不予受理" "签收人" "经办日期"
pdftotext -f 2 -l 2 "$OUT/notice.pdf" - 2>/dev/null | tr -d ' ' | grep -q "通知书送达回执" || fail "page 2 of notice.pdf is not the 送达回执"

# 附件9 for a hospital that failed twelve points on site runs over: its name and result on
# page 1, its blocks for the hand together on the last page.
long=fixtures/liaocheng/hospital-onsite-unqualified.json
"$E" "$long" --region liaocheng --as-of 2026-11-26 --lang zh --notice --format html > "$OUT/long-notice.html"
render long-notice
pages long-notice 1 2
page1 long-notice "$(name_of "$long")" "评估不合格"
last=$(pdfinfo "$OUT/long-notice.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pdftotext -f "${last:-1}" -l "${last:-1}" "$OUT/long-notice.pdf" - 2>/dev/null | tr -d ' ' | grep -q "签收人" \
  || fail "the last page of long-notice.pdf lacks the receipt block"

# A notice whose date is approximate (2027: no holiday arrangement loaded) shows the
# reviewer's note above the form, on page 1, with the date marked （约）.
python3 - "$OUT/approximate.json" <<'PY'
import json, sys
profile = json.load(open("fixtures/national/clinic-missing-materials.json"))
profile["application_date"] = "2027-09-28"
json.dump(profile, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$E" "$OUT/approximate.json" --region national --as-of 2027-10-01 --lang zh --notice --format html > "$OUT/approximate.html" 2>/dev/null
render approximate
pages approximate 1 1
page1 approximate "审核提示" "2027-10-06（约）"

if [ "$failures" -gt 0 ]; then echo "$failures browser check(s) failed; the files are in $OUT"; exit 1; fi
echo "browser checks: all passed; PDFs and screenshots in $OUT"
