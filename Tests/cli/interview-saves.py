#!/usr/bin/env python3
"""The interview keeps its work (issue 20, 7): the profile is saved after every answer,
survives Ctrl-C, and a later run goes on from it (--resume, or an --out that exists); a
path that cannot be written is found before the first question; without --out, a file of
its own, named at the start.

    Tests/cli/interview-saves.py BIN     (run from the repository; prints FAIL lines, exits 1 on any)
"""
import glob, json, os, signal, subprocess, sys, tempfile, time

E = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".build/debug", "evaluate")
A = ["--region", "national", "--as-of", "2026-11-26", "--lang", "en"]
work = tempfile.mkdtemp()
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# A complete hospital's profile without two facts: the interview asks exactly those.
partial = os.path.join(work, "partial.json")
profile = json.load(open("fixtures/national/general-hospital-complete.json"))
del profile["operation_start_date"], profile["follows_price_policy"]
json.dump(profile, open(partial, "w"), ensure_ascii=False)
saved = os.path.join(work, "saved.json")

# Ctrl-C after the first answer: exit 130, the answer is in the file, the message says how to go on.
process = subprocess.Popen([E, "interview", "--profile", partial, "--out", saved] + A,
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
process.stdin.write(b"2025-06-01\n")
process.stdin.flush()
deadline = time.time() + 20
while time.time() < deadline and "operation_start_date" not in (open(saved).read() if os.path.exists(saved) else ""):
    time.sleep(0.05)
time.sleep(0.2)  # the second question is being asked
process.send_signal(signal.SIGINT)
_, err = process.communicate(timeout=20)
err = err.decode()
check(process.returncode == 130, f"Ctrl-C: exit {process.returncode}, expected 130")
check(f"--resume {saved}" in err, f"Ctrl-C: the message does not say how to go on: {err[-300:]!r}")
kept = json.load(open(saved))
check(kept.get("operation_start_date") == "2025-06-01", f"Ctrl-C lost the answer: {kept.get('operation_start_date')!r}")
check("follows_price_policy" not in kept, "an unanswered question was saved")

# --resume asks only what is left; the profile then decides as the complete file does.
done = subprocess.run([E, "interview", "--resume", saved] + A, input=b"yes\n", capture_output=True)
check(b"Continuing from" in done.stderr and b"\n1 question(s) answered." in done.stderr,
      f"--resume did not ask just the one question left: {done.stderr.decode()[-400:]!r}")
check(done.returncode == 0, f"--resume: exit {done.returncode}, expected 0 (eligible)")
again = subprocess.run([E, saved] + A, capture_output=True)
check(again.returncode == 0, f"the resumed profile decides {again.returncode}, expected 0")

# An --out that exists is continued (nothing left to ask), and "not known" is kept as null
# and not asked again.
done = subprocess.run([E, "interview", "--out", saved] + A, input=b"", capture_output=True)
check(b"Continuing from" in done.stderr and b"\n0 question(s) answered." in done.stderr,
      f"an existing --out was not continued: {done.stderr.decode()[-300:]!r}")
unknown = os.path.join(work, "unknown.json")
subprocess.run([E, "interview", "--out", unknown] + A, input=b"\n", capture_output=True)
check(json.load(open(unknown)) == {"institution_type": None}, f"'not known' was not saved as null: {open(unknown).read()!r}")
done = subprocess.run([E, "interview", "--resume", unknown] + A, input=b"", capture_output=True)
check(b"1. Type of institution" not in done.stderr, "a question answered 'not known' was asked again")

# A path that cannot be written: exit 74 before the first question.
done = subprocess.run([E, "interview", "--out", os.path.join(work, "no-such-folder", "p.json")] + A, input=b"1\n", capture_output=True)
check(done.returncode == 74 and b"cannot write" in done.stderr and b"> " not in done.stderr,
      f"an unwritable --out: exit {done.returncode}, stderr {done.stderr.decode()[-300:]!r}")

# Without --out: a new file in the current folder, named at the start.
folder = tempfile.mkdtemp()
done = subprocess.run([os.path.abspath(E), "interview"] + A, input=b"", capture_output=True, cwd=folder)
made = glob.glob(os.path.join(folder, "interview-national-*.json"))
check(len(made) == 1 and os.path.basename(made[0]).encode() in done.stderr.split(b"\n")[0],
      f"no default file named at the start: {made}, {done.stderr[:200]!r}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
