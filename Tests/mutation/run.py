#!/usr/bin/env python3
"""The engine's own mutation score: plants each semantic fault of faults.json in the
engine's source, one at a time, and runs the test suite; every fault must make it fail.

    Tests/mutation/run.py [FAULT-ID ...]

Each fault names a file, an exact text found once in it, and what replaces it (the
operators of both evaluation paths, the built-in functions and the calendar, the profile
readers' checks, the decision drivers, the judging days and the texts in force). For each:
plant it, build, run the fast suites (the language specification, both paths on every
fixture, the fixtures, the judging days); if they pass, run the whole `swift test`. The
source is restored after each. A fault whose text is no longer in its file is reported as
stale (the source moved on: update faults.json). Prints planted/caught and every survivor;
exits 1 if any fault survived or went stale. Run from the repository folder; it takes
about a minute a fault on two cores.
"""
import json, os, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
faults = json.load(open("Tests/mutation/faults.json"))
if len(sys.argv) > 1:
    faults = [f for f in faults if f["id"] in sys.argv[1:]]
FAST = "LanguageSpecTests|DecisionTests|FixtureTests|JudgingDateTests|CalendarTests|ProcedureScopeTests|RegionTests|ProfileDecoderTests|CellDecoderTests|DifferentialTests"

def run(args):
    return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode

caught, survived, stale = [], [], []
start = time.time()
for fault in faults:
    path = fault["file"]
    original = open(path).read()
    if original.count(fault["find"]) != 1:
        stale.append(fault["id"])
        print(f"stale     {fault['id']}: the text to replace is not found once in {path}", flush=True)
        continue
    try:
        open(path, "w").write(original.replace(fault["find"], fault["replace"]))
        if run(["swift", "build", "--build-tests"]) != 0:
            stale.append(fault["id"])
            print(f"stale     {fault['id']}: does not build", flush=True)
            continue
        if run(["swift", "test", "--skip-build", "--filter", FAST]) != 0 or run(["swift", "test", "--skip-build"]) != 0:
            caught.append(fault["id"])
            print(f"caught    {fault['id']}", flush=True)
        else:
            survived.append(fault["id"])
            print(f"SURVIVED  {fault['id']}", flush=True)
    finally:
        open(path, "w").write(original)
run(["swift", "build", "--build-tests"])
print(f"engine mutation score: {len(caught)} of {len(caught) + len(survived)} planted faults caught"
      f"{f', {len(stale)} stale' if stale else ''} ({time.time() - start:.0f} s)")
sys.exit(1 if survived or stale else 0)
