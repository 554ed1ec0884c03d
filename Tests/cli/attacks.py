#!/usr/bin/env python3
"""Attacks on the command-line tools (issue 22): I/O errors, closed and odd descriptors,
signals, line and size limits, hostile profiles and policies. Each check names the
point of the issue it covers and runs under a timeout, so that a hang fails the check
rather than the run. Run by Tests/cli/run.sh (and so by .ci/run); by hand:

    python3 Tests/cli/attacks.py .build/debug          # or .build/release
    python3 Tests/cli/attacks.py .build/debug 8 12     # only the checks of points 8 and 12

Exit 0 when every check holds, 1 otherwise.
"""
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
ONLY = {int(point) for point in sys.argv[2:]}
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
E = os.path.abspath(os.path.join(BIN, "evaluate"))
P = os.path.abspath(os.path.join(BIN, "policy"))
F = "fixtures/national/general-hospital-complete.json"
A = ["--region", "national", "--as-of", "2026-11-26"]
WORK = tempfile.mkdtemp(prefix="attacks-")
PROFILE = json.load(open(F))
LINE = json.dumps(PROFILE, ensure_ascii=False)
failures = []
checks = 0


def check(point, name):
    """Registers a check: the function returns None when it holds, else what went wrong."""
    def register(function):
        global checks
        if ONLY and point not in ONLY:
            return function
        checks += 1
        try:
            problem = function()
        except subprocess.TimeoutExpired as timeout:
            problem = f"did not finish within {timeout.timeout} s"
        except Exception as error:  # a check that cannot run has failed
            problem = f"{type(error).__name__}: {error}"
        if problem:
            failures.append(f"point {point}: {name}: {problem}")
            print(f"FAIL point {point}: {name}: {problem}")
        return function
    return register


def run(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, timeout=60, input=None, **options):
    """Runs a tool; returns (exit code, stdout bytes, stderr text)."""
    if input is None:
        options["stdin"] = stdin
    process = subprocess.run(arguments, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout, input=input, **options)
    return process.returncode, process.stdout or b"", process.stderr.decode("utf-8", "replace")


def path(name, text=None, data=None):
    """A file in the scratch folder, written when given text or bytes."""
    full = os.path.join(WORK, name)
    if text is not None:
        open(full, "w", encoding="utf-8").write(text)
    if data is not None:
        open(full, "wb").write(data)
    return full


def expect(code, got, stderr, *mentions):
    if got != code:
        return f"exit {got} (expected {code}); stderr: {stderr[:300]!r}"
    for text in mentions:
        if text not in stderr:
            return f"stderr lacks {text!r}: {stderr[:300]!r}"
    return None


def policies_with(edit):
    """A copy of the policy folder with `edit(folder)` applied."""
    folder = os.path.join(WORK, f"policies-{len(os.listdir(WORK))}")
    shutil.copytree("policies", folder)
    edit(folder)
    return folder


def replace_in(folder, file, old, new, count=1):
    full = os.path.join(folder, file)
    text = open(full, encoding="utf-8").read()
    assert old in text, f"{old!r} not in {file}"
    open(full, "w", encoding="utf-8").write(text.replace(old, new, count))


batch = path("ten.ndjson", "\n".join([LINE] * 10) + "\n")

# ── 1. A write error is an error; only a closed pipe ends quietly ─────────────────────

for label, arguments in [("batch", [E, "--batch", batch] + A), ("single", [E, F] + A),
                         ("template", [E, "template", "--region", "national"]), ("policy check", [P, "check"])]:
    @check(1, f"{label} > /dev/full exits 74 naming standard output")
    def _(arguments=arguments):
        with open("/dev/full", "wb") as full:
            code, _, err = run(arguments, stdout=full)
        return expect(74, code, err, "cannot write standard output: No space left on device")

    @check(1, f"{label} with standard output closed exits 74")
    def _(arguments=arguments):
        code, _, err = run(arguments, stdout=None, preexec_fn=lambda: os.close(1))
        return expect(74, code, err, "cannot write standard output: it is closed")


@check(1, "a closed pipe ends single mode quietly, with the verdict's exit code")
def _():
    reader, writer = os.pipe()
    os.close(reader)
    code, _, err = run([E, F] + A + ["--format", "html"], stdout=writer)
    os.close(writer)
    return None if code == 0 and err == "" else f"exit {code}, stderr {err[:200]!r}"


@check(1, "a closed pipe ends batch mode quietly")
def _():
    reader, writer = os.pipe()
    os.close(reader)
    code, _, err = run([E, "--batch", batch] + A, stdout=writer)
    os.close(writer)
    return expect(0, code, err, "output closed")


# ── 2, 3. A read error is an error, in batch and single mode; a non-blocking stdin waits ─

write_only = path("write-only.txt", LINE + "\n")


def run_reading(arguments, file, flags):
    """Runs with standard input opened on FILE with FLAGS (a folder, a write-only file)."""
    descriptor = os.open(file, flags)
    try:
        return run(arguments, stdin=descriptor)
    finally:
        os.close(descriptor)


for label, arguments in [("batch", [E, "--batch", "-"] + A), ("single", [E, "-"] + A)]:
    @check(2 if label == "batch" else 3, f"{label}: standard input closed exits 74")
    def _(arguments=arguments):
        code, _, err = run(arguments, stdin=None, preexec_fn=lambda: os.close(0))
        return expect(74, code, err, "cannot read standard input: it is closed")

    @check(2 if label == "batch" else 3, f"{label}: a directory on standard input exits 74")
    def _(arguments=arguments):
        code, _, err = run_reading(arguments, WORK, os.O_RDONLY)
        return expect(74, code, err, "cannot read standard input: Is a directory")

    @check(2 if label == "batch" else 3, f"{label}: a write-only standard input exits 74")
    def _(arguments=arguments):
        code, _, err = run_reading(arguments, write_only, os.O_WRONLY)
        return expect(74, code, err, "cannot read standard input")


@check(3, "interview: an answer that cannot be read exits 74")
def _():
    code, _, err = run_reading([E, "interview", "--out", path("unread-answers.json")] + A, WORK, os.O_RDONLY)
    return expect(74, code, err, "cannot read standard input: Is a directory")


@check(11, "an argument's control characters are shown escaped")
def _():
    code, _, err = run([E, F] + A[2:] + ["--region", "x\x1b[2J"])
    policy_code, _, policy_err = run([P, "chek\x1b[2J"])
    if code != 64 or policy_code != 64 or "\x1b" in err + policy_err:
        return f"exits {code}, {policy_code}: {err[:200]!r} {policy_err[:200]!r}"


def nonblocking_pipe():
    reader, writer = os.pipe()
    fcntl.fcntl(reader, fcntl.F_SETFL, fcntl.fcntl(reader, fcntl.F_GETFL) | os.O_NONBLOCK)
    return reader, writer


@check(2, "batch: a non-blocking standard input with a bursty producer loses no line")
def _():
    reader, writer = nonblocking_pipe()
    # Lines of 100 KB, so that a good line straddles reads of 64 KiB.
    line = json.dumps(dict(PROFILE, address="和平路" * 11_000), ensure_ascii=False).encode() + b"\n"
    process = subprocess.Popen([E, "--batch", "-"] + A, stdin=reader, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(reader)

    def produce():
        for burst in range(50):
            for _ in range(10):
                view = memoryview(line)
                while view:
                    view = view[os.write(writer, view):]
            time.sleep(0.02 if burst % 5 == 0 else 0)
        os.close(writer)
    threading.Thread(target=produce).start()
    out, err = process.communicate(timeout=120)
    records = [json.loads(text) for text in out.decode().splitlines()]
    bad = [record for record in records if "error" in record]
    if process.returncode != 0 or len(records) != 500 or bad:
        return f"exit {process.returncode}, {len(records)} records for 500 lines, {len(bad)} bad: {err.decode()[:200]!r}"


@check(3, "single: a non-blocking standard input is read whole")
def _():
    reader, writer = nonblocking_pipe()
    process = subprocess.Popen([E, "-"] + A, stdin=reader, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(reader)
    data = LINE.encode()
    for start in range(0, len(data), 300):
        os.write(writer, data[start:start + 300])
        time.sleep(0.01)
    os.close(writer)
    out, err = process.communicate(timeout=60)
    return expect(0, process.returncode, err.decode())


# ── 4. An overflow is unknown, never a crash ──────────────────────────────────────────

@check(4, "a duration product of exactly Int.min does not crash evaluate")
def _():
    folder = policies_with(lambda folder: replace_in(folder, "national.json5", 'requires: "licence in',
                                                     'requires: "(today + (-8 days) * 1152921504606846976 > today) or licence in'))
    code, _, err = run([E, F] + A + ["--policies", folder])
    batch_code, _, batch_err = run([E, "--batch", batch] + A + ["--policies", folder])
    if code not in range(0, 5) or batch_code not in (0, 65):
        return f"single exit {code}, batch exit {batch_code}: {(err + batch_err)[:300]!r}"


# ── 5. Deep and long expressions are refused with their position ──────────────────────

def chain(term, count, separator):
    return separator.join([term] * count)


for label, expression in [("not × 3,000", "not " * 3000 + "true"), ("and × 2,500", chain("true", 2500, " and ")),
                          ("+ × 2,700", chain("bed_count", 2700, " + ") + " > 1"), ("or × 100,000", chain("true", 100_000, " or "))]:
    @check(5, f"policy check refuses {label} with file:line:column")
    def _(expression=expression):
        folder = policies_with(lambda folder: replace_in(folder, "national.json5", 'requires: "licence in',
                                                         f'requires: "({expression}) and licence in'))
        started = time.time()
        code, _, err = run([P, "check", "--policies", folder], timeout=60)
        problem = expect(1, code, err, "expression-too-deep", "national.json5:")
        if problem is None and time.time() - started > 20:
            problem = f"took {time.time() - started:.0f} s"
        evaluate_code, _, evaluate_err = run([E, F] + A + ["--policies", folder])
        return problem or expect(78, evaluate_code, evaluate_err, "expression-too-deep")


# ── 6. The line bound holds for files and pipes alike ─────────────────────────────────

def padded_line(length):
    """A valid profile line of exactly `length` bytes."""
    head = '{"institution_name": "'
    return head + "x" * (length - len(head) - 2) + '"}'


def batch_codes(text, through_pipe):
    file = path("lines.ndjson", text)
    if through_pipe:
        process = subprocess.Popen([E, "--batch", "-"] + A, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, _ = process.communicate(text.encode(), timeout=120)
    else:
        _, out, _ = run([E, "--batch", file] + A, timeout=120)
    return [json.loads(line).get("problems", [{}])[0].get("code", "evaluated") for line in out.decode().splitlines()]


for through_pipe in (False, True):
    @check(6, f"lines of 1.5 MiB and 1 MiB + 1 are refused, one of 1 MiB read ({'pipe' if through_pipe else 'file'})")
    def _(through_pipe=through_pipe):
        lines = [padded_line(3 << 19)] * 4 + [padded_line((1 << 20) + 1), padded_line(1 << 20), LINE]
        codes = batch_codes("\n".join(lines) + "\n", through_pipe)
        expected = ["line-too-long"] * 5 + ["evaluated", "evaluated"]
        return None if codes == expected else f"codes {codes}"


# ── 7. A line made to cost stays cheap ────────────────────────────────────────────────

@check(7, "a key of a million characters: quick, no suggestion, a short record")
def _():
    started = time.time()
    code, out, err = run([E, "--batch", "-"] + A, input=json.dumps({"k" * 1_000_000: 1}).encode() + b"\n")
    elapsed = time.time() - started
    if code != 65 or elapsed > 10 or len(out) > 2000 or b"did you mean" in out:
        return f"exit {code}, {elapsed:.1f} s, record of {len(out)} bytes"


@check(7, "75,000 unknown keys: quick, at most 51 problems")
def _():
    profile = path("many-keys.json", json.dumps({f"k{i}": 1 for i in range(75_000)}, separators=(",", ":")))
    started = time.time()
    code, _, err = run([E, profile] + A)
    elapsed = time.time() - started
    lines = err.splitlines()
    if code != 65 or elapsed > 10 or len(lines) != 51 or "74950 more" not in lines[-1]:
        return f"exit {code}, {elapsed:.1f} s, {len(lines)} lines: {lines[-1][:200] if lines else ''!r}"


@check(7, "a megabyte of empty records is refused at once")
def _():
    started = time.time()
    code, out, _ = run([E, "--batch", "-"] + A, input=b'{"physicians": [' + b",".join([b"{}"] * 340_000) + b"]}\n")
    elapsed = time.time() - started
    if code != 65 or elapsed > 10 or b"a list may have at most 1000" not in out:
        return f"exit {code}, {elapsed:.1f} s: {out[:200]!r}"


@check(7, "every list at its bound, every record empty: decided in bounded time and memory")
def _():
    lists = ["physicians", "past_terminations", "key_persons", "lc_pharmacists", "lc_insurance_managers", "lc_inpatient_departments"]
    text = json.dumps({name: [{}] * 1000 for name in lists}, separators=(",", ":"))
    measure = ("import resource, subprocess, sys, time; started = time.time();"
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode;"
               "print(code, time.time() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for region in ("national", "liaocheng"):
        for mode in ([path("at-bounds.json", text)], ["--batch", path("at-bounds.ndjson", text + "\n")]):
            _, out, _ = run([sys.executable, "-c", measure, E] + mode + ["--region", region, "--as-of", "2026-11-26"], timeout=120)
            code, elapsed, peak = out.decode().split()
            if int(code) not in (0, 2) or float(elapsed) > 30 or int(peak) > 300_000:
                return f"{region} {mode[0]}: exit {code}, {float(elapsed):.1f} s, peak {int(peak) // 1024} MB"


# ── 8. Ctrl-C ends a blocked read; records are not held back ──────────────────────────

@check(8, "a record is written soon after its line arrives, Ctrl-C ends the wait (exit 130)")
def _():
    process = subprocess.Popen([E, "--batch", "-"] + A, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = []

    def read():
        for line in iter(process.stdout.readline, b""):
            seen.append(line)
    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in (1, 2):
            process.stdin.write(LINE.encode() + b"\n")
            process.stdin.flush()
            deadline = time.time() + 10
            while len(seen) < number and time.time() < deadline:
                time.sleep(0.02)
            if len(seen) < number:
                return f"record {number} not written within 10 s of its line (the input still open)"
        process.send_signal(signal.SIGINT)
        started = time.time()
        code = process.wait(timeout=10)
        elapsed = time.time() - started
        if code != 130 or elapsed > 3:
            return f"exit {code} {elapsed:.1f} s after Ctrl-C"
    finally:
        if process.poll() is None:
            process.kill()
        process.stdin.close()
        reader.join()
        process.wait()


@check(8, "Ctrl-C ends a batch blocked on a full output pipe (exit 130)")
def _():
    reader, writer = os.pipe()
    many = path("many.ndjson", "\n".join([LINE] * 5000) + "\n")
    process = subprocess.Popen([E, "--batch", many] + A, stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    try:
        time.sleep(2)  # the pipe's 64 KiB fill long before its 2 MB of records are written
        process.send_signal(signal.SIGINT)
        started = time.time()
        code = process.wait(timeout=10)
        elapsed = time.time() - started
        return None if code == 130 and elapsed < 3 else f"exit {code} {elapsed:.1f} s after Ctrl-C"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(reader)
        process.stderr.close()


# ── 9. Counts have bounds; an overflow never looks like a missing fact ────────────────

@check(9, "Liaocheng's department counts are bounded: -100 and 2^63-1 beds are bad input")
def _():
    profile = json.load(open("fixtures/liaocheng/general-hospital-complete.json"))
    lines = []
    for beds in (-100, 9223372036854775807):
        profile["lc_inpatient_departments"][0]["beds"] = beds
        lines.append(json.dumps(profile, ensure_ascii=False))
    code, out, err = run([E, "--batch", "-", "--region", "liaocheng", "--as-of", "2026-11-26"], input=("\n".join(lines) + "\n").encode())
    records = [json.loads(line) for line in out.decode().splitlines()]
    codes = [record.get("problems", [{}])[0].get("code") for record in records]
    return None if code == 65 and codes == ["out-of-range", "out-of-range"] else f"exit {code}, {records}"


# ── 10. Policy mistakes the checker catches ───────────────────────────────────────────

@check(10, "min above max is a policy error")
def _():
    folder = policies_with(lambda folder: replace_in(folder, "vocabulary/common.json5", "min: 0,\n      max: 20000,", "min: 30000,\n      max: 20000,"))
    code, _, err = run([P, "check", "--policies", folder])
    return expect(1, code, err, "bad-bounds", "is above its `max`")


@check(10, "a count without bounds is a policy error")
def _():
    folder = policies_with(lambda folder: replace_in(folder, "vocabulary/common.json5", "min: 0,\n      max: 20000,", ""))
    code, _, err = run([P, "check", "--policies", folder])
    return expect(1, code, err, "unbounded-count", "bed_count")


@check(10, "an unclosed notice placeholder is a policy error")
def _():
    folder = policies_with(lambda folder: replace_in(folder, "notices/national.json5", '"{fact:institution_name}"', '"{fact:institution_name"'))
    code, _, err = run([P, "check", "--policies", folder])
    return expect(1, code, err, "unclosed placeholder")


# ── 11. Control characters never reach the terminal raw ───────────────────────────────

@check(11, "a key holding a line break and an escape sequence is shown escaped")
def _():
    profile = path("controls.json", '{"x\\nforged.json:1:1: error: forged\\u001b[2J": 1, "institution_name": "\\u001b[31mred"}')
    code, _, err = run([E, profile] + A)
    if code != 65 or "\x1b" in err or "\nforged.json" in err or "\\u{1B}[2J" not in err:
        return f"exit {code}, stderr {err[:300]!r}"
    profile = path("controls-name.json", json.dumps(dict(PROFILE, institution_name="\x1b[2J医院\n伪造"), ensure_ascii=False))
    code, out, _ = run([E, profile] + A + ["--notice"])
    return None if b"\x1b" not in out else f"the report holds a raw escape: {out[:200]!r}"


# ── 12. Messages ──────────────────────────────────────────────────────────────────────

@check(12, "--out / says why in words")
def _():
    code, _, err = run([E, "interview", "--out", "/"] + A, input=b"")
    return expect(74, code, err, "cannot write /: Is a directory") or ("NSCocoaErrorDomain" in err and err[:200]) or None


@check(12, "a file of white space is not called empty")
def _():
    code, _, err = run([E, path("spaces.json", " \n\t " * 1000)] + A)
    return expect(65, code, err, "holds only white space")


@check(12, "a bound is quoted as written")
def _():
    profile = json.load(open("fixtures/liaocheng/general-hospital-complete.json"))
    profile["lc_total_control_overrun_percent"] = "@"
    text = json.dumps(profile, ensure_ascii=False).replace('"@"', "1000.0000000001")
    code, _, err = run([E, path("decimal.json", text), "--region", "liaocheng", "--as-of", "2026-11-26"])
    return expect(65, code, err, "1000.0000000001 is above the largest plausible value 1000")


@check(12, "a duplicate key inside a record names the record")
def _():
    text = LINE.replace('"name": "王建国"', '"name": "王建国", "name": "王建国"')
    code, _, err = run([E, path("duplicate.json", text)] + A)
    return expect(65, code, err, 'duplicate key "name" in `physicians[0]`')


@check(12, "-- ends the options")
def _():
    path("--dashed.json", LINE)
    code, _, err = run([E] + A + ["--", "--dashed.json"], cwd=WORK)
    return expect(0, code, err)


@check(12, "an option given twice is refused")
def _():
    code, _, err = run([E, F] + A + ["--region", "beijing"])
    return expect(64, code, err, "--region is given twice")


@check(12, "single mode reads a pipe, a FIFO and /dev/stdin")
def _():
    code, _, err = run([E, "/dev/stdin"] + A, input=LINE.encode())
    if code != 0:
        return f"/dev/stdin from a pipe: exit {code}: {err[:200]!r}"
    fifo = os.path.join(WORK, "profile.fifo")
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: open(fifo, "w").write(LINE))
    writer.start()
    code, _, err = run([E, fifo] + A)
    writer.join()
    return None if code == 0 else f"FIFO: exit {code}: {err[:200]!r}"


# ── 13. A huge profile is refused, its memory bounded ─────────────────────────────────

@check(13, "a 100 MB profile is refused quickly, in little memory")
def _():
    huge = path("huge.json", data=b" " * (100 << 20))
    # Measured in a process of its own, whose only child is this one `evaluate`.
    measure = ("import resource, subprocess, sys, time; started = time.time();"
               "code = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE).returncode;"
               "print(code, time.time() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    _, out, err = run([sys.executable, "-c", measure, E, huge] + A)
    code, elapsed, peak = out.decode().split()
    print(f"  a 100 MB profile: exit {code}, {float(elapsed):.2f} s, peak {int(peak) // 1024} MB")
    if int(code) != 65 or float(elapsed) > 10 or int(peak) > 100_000:
        return f"exit {code}, {float(elapsed):.1f} s, peak {int(peak) // 1024} MB"


shutil.rmtree(WORK, ignore_errors=True)
if failures:
    print(f"{len(failures)} of {checks} attack(s) succeeded")
    sys.exit(1)
print(f"attacks: all {checks} held")
