import DesignationRules
import Foundation

// The benchmark the repository keeps (README: "Performance"). Run it release-built:
//
//     swift build -c release --product evaluate && swift run -c release benchmark [--regions national,liaocheng] [--lines N] [--big-lines N]
//
// It prints, for each region measured (default: every region with fixtures), with
// profiles made from that region's fixtures: batch throughput on 1 thread and
// on every core (NDJSON in, decisions out, through the real `evaluate --batch`), the time
// per evaluation inside the library and the share spent decoding, the cold wall time of
// one `evaluate` process, the time to load and check all policies, and the peak resident
// memory of a batch of `--big-lines` lines (default 1,000,000) of the first region.
//
// `--load-only` stops after the load figure, with the policies still held: for profiling the
// loading alone (`--loads N`, default 21, sets how many loads are made).

let usage = """
Usage: benchmark [--regions A,B] [--lines N] [--big-lines N] [--loads N]
       benchmark --load-only [--loads N]
       benchmark --dump FILE [--regions A] [--lines N]

Run from the repository's folder, release-built (README "Performance").
  --regions A,B     the regions measured (default: every region with fixtures)
  --lines N         profiles per region (default 200000)
  --big-lines N     lines of the peak-memory batch (default 1000000)
  --loads N         how many loads the load figure is the median of (default 21)
  --load-only       stop after the load figure, with the policies still held (for profiling)
  --dump FILE       write the first region's generated profiles to FILE and stop
  -h, --help        show this help
"""
let parsed: ParsedArguments
do throws(UsageProblem) {
    parsed = try OptionParser([.value("--regions", "A,B"), .value("--lines", "N"), .value("--big-lines", "N"), .value("--loads", "N"),
                               .flag("--load-only"), .value("--dump", "FILE")]).parse(Array(CommandLine.arguments.dropFirst()))
    guard parsed.operands.isEmpty else { throw UsageProblem("benchmark takes no arguments, found \(parsed.operands[0].escapingControls)") }
    if parsed.has("--load-only") { try parsed.onlyThese(["--load-only", "--loads"], in: "with --load-only") }
    if parsed.has("--dump") { try parsed.onlyThese(["--dump", "--regions", "--lines"], in: "with --dump") }
    for name in ["--lines", "--big-lines", "--loads"] {
        if let text = parsed[name], Int(text).map({ $0 < 1 }) ?? true { throw UsageProblem("\(name) must be a whole number above 0, found \"\(text.escapingControls)\"") }
    }
} catch {
    FileHandle.standardError.write(Data("benchmark: \(error.message)\nRun `benchmark --help` for usage.\n".utf8))
    exit(64)
}
if parsed.has("--help") {
    print(usage)
    exit(0)
}
func option(_ name: String, _ fallback: Int) -> Int { parsed[name].flatMap { Int($0) } ?? fallback }
let lines = option("--lines", 200_000)
let bigLines = option("--big-lines", 1_000_000)
let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let policiesURL = repository.appendingPathComponent("policies")
let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let evaluateBinary = binaries.appendingPathComponent("evaluate").path
let asOf = CivilDate(iso: "2026-11-26")!

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

guard FileManager.default.isExecutableFile(atPath: evaluateBinary) else {
    FileHandle.standardError.write(Data("benchmark: no `evaluate` at \(evaluateBinary); build it first: swift build -c release --product evaluate\n".utf8))
    exit(2)
}
say("Benchmark on \(ProcessInfo.processInfo.activeProcessorCount) cores; evaluate: \(evaluateBinary)")

// ── Loading ───────────────────────────────────────────────────────────────────
// Each load is kept until all are timed: the time to have the policies, not to free them.
var loaded: [PolicySet] = []
let loadCount = option("--loads", 21)
let loads = (0..<loadCount).map { _ in seconds { loaded.append(try! PolicySet(directory: policiesURL)) } }
if parsed.has("--load-only") {
    say(String(format: "load and check all policies: %.1f ms (median of %d loads)", median(loads) * 1000, loadCount))
    exit(0)
}
let frees = seconds { loaded.removeAll() }
let policies = try! PolicySet(directory: policiesURL)
say(String(format: "load and check all %d policies: %.1f ms (median of %d loads; freeing one afterwards takes %.1f ms more)",
           policies.regionIDs.count, median(loads) * 1000, loadCount, frees / Double(loadCount) * 1000))

// ── Inputs ────────────────────────────────────────────────────────────────────
// The regions measured: `--regions a,b` (default: every region that has fixtures), each
// with profiles made from its own fixtures (its application procedure's ones).
let fixtures = Fixture.all(in: repository.appendingPathComponent("fixtures"))
let requested = parsed["--regions"].map { $0.split(separator: ",").map(String.init) }
let regions = requested ?? policies.regionIDs.filter { id in fixtures.contains { $0.region == id } }
func applicationFixtures(_ region: String) -> [URL] {
    fixtures.filter { fixture in
        guard fixture.region == region, let text = try? String(contentsOf: fixture.expectation, encoding: .utf8) else { return false }
        return !text.contains("\"procedure\"")
    }.map(\.profile)
}
var inputs: [(String, [String])] = []
for region in regions {
    var generator = ProfileGenerator(seed: 2026, fixtures: applicationFixtures(region))
    guard !generator.isEmpty else { continue }
    inputs.append((region, (0..<lines).map { _ in generator.line() }))
}
if let dump = parsed["--dump"], let first = inputs.first {
    // The generated profiles of the first region, to run other tools on the same input.
    do {
        try (first.1.joined(separator: "\n") + "\n").write(toFile: dump, atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("benchmark: cannot write \(dump.escapingControls): \(error.localizedDescription)\n".utf8))
        exit(74)
    }
    exit(0)
}

@MainActor func report(_ region: String, _ input: [String]) {
    let bytes = input.reduce(0) { $0 + $1.utf8.count } / input.count
    say("\n\(region): \(input.count) profiles, \(bytes) bytes each on average")
    let policy = policies.policies[region]!
    let evaluator = Evaluator(policy: policy, calendar: policies.calendar)!
    let fullDecoder = ProfileDecoder(vocabulary: policies.vocabulary, asOf: asOf)
    var worker = DecisionWorker(evaluator: evaluator, asOf: asOf, vocabulary: policies.vocabulary)
    let sample = Array(input.prefix(50_000)).map { Array($0.utf8) }
    // As batch mode reads a line: the fast decoder, else the full one.
    func load(_ line: [UInt8]) -> Bool {
        guard let read = try? worker.load(line, source: { "b" }) else { return false }
        if read { return true }
        guard let profile = try? fullDecoder.decode(line, source: "b") else { return false }
        worker.load(profile)
        return true
    }
    var decoded = 0, eligible = 0
    // One decision kept from profile to profile, as a batch lane keeps it.
    var decision = worker.decide()
    let decode = seconds { for line in sample where load(line) { decoded += 1 } }
    let both = seconds {
        for line in sample where load(line) {
            worker.decide(into: &decision)
            if decision.verdict == .eligible { eligible += 1 }
        }
    }
    let decide = max(both - decode, 0)
    var profiles: [Profile] = []
    for line in sample.prefix(5_000) { if let profile = try? fullDecoder.decode(line, source: "b") { profiles.append(profile) } }
    let traced = seconds { for profile in profiles { if evaluator.evaluate(profile, asOf: asOf).verdict == .eligible { eligible += 1 } } }
    say(String(format: "  library, 1 thread: %.2f µs per profile (decode %.2f µs, decide %.2f µs; decoding %.0f %%), %d of %d decoded; a traced evaluation (every rule's evidence, as `evaluate PROFILE` prints) %.1f µs",
               both / Double(sample.count) * 1e6, decode / Double(sample.count) * 1e6, decide / Double(sample.count) * 1e6,
               100 * decode / both, decoded, sample.count, traced / Double(max(profiles.count, 1)) * 1e6))

    let file = FileManager.default.temporaryDirectory.appendingPathComponent("benchmark-\(region).ndjson")
    try! (input.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
        // Seven runs: on a shared machine one run in three can be far off either way.
        let runs = (0..<7).map { _ in seconds { runEvaluate(["--batch", file.path, "--region", region, "--as-of", "2026-11-26", "--threads", "\(threads)"]) } }
        say(String(format: "  batch, %d thread(s): %.0f profiles/s (median of 7 runs of %d lines, file in, decisions to /dev/null)",
                   threads, Double(input.count) / median(runs), input.count))
    }
    try? FileManager.default.removeItem(at: file)
}

/// Runs `evaluate` with its output discarded, returning when it exits.
@discardableResult @MainActor
func runEvaluate(_ arguments: [String], input: FileHandle? = nil) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: evaluateBinary)
    process.arguments = arguments + ["--policies", policiesURL.path]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    if let input { process.standardInput = input }
    try! process.run()
    process.waitUntilExit()
    return process
}

for (region, input) in inputs { report(region, input) }

// ── Cold single evaluation ────────────────────────────────────────────────────
let (coldRegion, coldInput) = inputs[0]
let profilePath = applicationFixtures(coldRegion)[0].path
// posix_spawn and waitpid: Foundation's Process polls for the child's exit, which
// would round these times up to its polling interval.
func spawnAndWait(_ arguments: [String]) {
    let argv = ([evaluateBinary] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var pid = pid_t()
    guard posix_spawn(&pid, evaluateBinary, &actions, nil, argv, environ) == 0 else { return }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}
let colds = (0..<21).map { _ in seconds { spawnAndWait([profilePath, "--region", coldRegion, "--as-of", "2026-11-26", "--policies", policiesURL.path]) } }
say(String(format: "\ncold `evaluate PROFILE --region %@`: %.1f ms wall (median of 21 processes, policies loaded from files)", coldRegion, median(colds) * 1000))

// ── Peak memory of a big batch, fed through a pipe ────────────────────────────
// The child reports its own peak (VmHWM, in `evaluate --batch`'s summary): getrusage's
// figures, here or in the child, would count this process's memory, which a forked
// child holds until it execs.
let pipe = Pipe()
let summaryPipe = Pipe()
let big = Process()
big.executableURL = URL(fileURLWithPath: evaluateBinary)
big.arguments = ["--batch", "-", "--region", coldRegion, "--as-of", "2026-11-26", "--policies", policiesURL.path]
big.standardInput = pipe
big.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
big.standardError = summaryPipe
try! big.run()
let feed = seconds {
    var block = Data()
    for index in 0..<bigLines {
        block.append(contentsOf: coldInput[index % coldInput.count].utf8)
        block.append(UInt8(ascii: "\n"))
        if block.count > 1 << 20 {
            pipe.fileHandleForWriting.write(block)
            block.removeAll(keepingCapacity: true)
        }
    }
    pipe.fileHandleForWriting.write(block)
    try? pipe.fileHandleForWriting.close()
    big.waitUntilExit()
}
let summary = String(decoding: summaryPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
let peak = summary.components(separatedBy: "peak memory ").last?.components(separatedBy: " MB").first ?? "?"
say(String(format: "batch of %d %@ lines through a pipe: peak resident memory %@ MB (reported by the evaluate process), %.1f s, %.0f profiles/s",
           bigLines, coldRegion, peak, feed, Double(bigLines) / feed))
