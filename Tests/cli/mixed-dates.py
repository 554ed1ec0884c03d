#!/usr/bin/env python3
"""A batch may mix evaluation dates: every application fixture that gives the day its
application was received, given its evaluation date as a fact (`evaluation_date`), is run
in one batch per region as of a day years later; each record must be the record of the
same line run as of its own date (lines grouped by date). Regions whose text expired
(Shanghai) put lines under the national order, so the layer switch of batch mode is
exercised too.

    Tests/cli/mixed-dates.py BIN_DIR
"""
import glob, json, os, subprocess, sys, tempfile

evaluate = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".build/debug", "evaluate")
later = "2031-06-30"
failures = 0
work = tempfile.mkdtemp()

def batch(lines, region, as_of):
    path = os.path.join(work, "in.ndjson")
    with open(path, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    run = subprocess.run([evaluate, "--batch", path, "--region", region, "--as-of", as_of, "--threads", "2"],
                         capture_output=True, text=True)
    records = [json.loads(r) for r in run.stdout.splitlines()]
    for record in records:
        record.pop("line", None)
    return records

for folder in sorted(glob.glob("fixtures/*/")):
    region = os.path.basename(folder.rstrip("/"))
    cases = []
    for expected_path in sorted(glob.glob(folder + "*.expected.json")):
        expected = json.load(open(expected_path))
        profile = json.load(open(expected_path.replace(".expected.json", ".json")))
        if expected.get("procedure", "application") != "application" or "application_date" not in profile:
            continue
        dated = dict(profile)
        dated.setdefault("evaluation_date", expected["as_of"])
        cases.append((os.path.basename(expected_path), expected["as_of"], json.dumps(profile, ensure_ascii=False),
                      json.dumps(dated, ensure_ascii=False)))
    mixed = batch([c[3] for c in cases], region, later)
    alone = {}
    for as_of in sorted({c[1] for c in cases}):
        group = [c for c in cases if c[1] == as_of]
        for case, record in zip(group, batch([c[2] for c in group], region, as_of)):
            alone[case[0]] = record
    if len(mixed) != len(cases):
        print(f"FAIL: {region}: {len(mixed)} records for {len(cases)} lines")
        failures += 1
        continue
    for case, record in zip(cases, mixed):
        if record != alone[case[0]]:
            print(f"FAIL: {region}/{case[0]}: mixed {json.dumps(record, ensure_ascii=False)[:300]} alone {json.dumps(alone[case[0]], ensure_ascii=False)[:300]}")
            failures += 1
    print(f"mixed evaluation dates, {region}: {len(cases)} lines as of {later} = each as of its own date")
sys.exit(1 if failures else 0)
