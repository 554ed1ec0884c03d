import DesignationRules
import Foundation

/// Set by the SIGINT handler; read between rounds of work, so Ctrl-C ends the batch
/// after the records already evaluated are written.
nonisolated(unsafe) var interrupted: sig_atomic_t = 0

/// `evaluate --batch FILE.ndjson --region R`: one JSON record per input line, in order.
func runBatch(_ path: String, vocabulary: Vocabulary, evaluator: Evaluator, asOf: CivilDate, threads: Int?) -> ExitCode {
    let descriptor: Int32
    if path == "-" {
        descriptor = STDIN_FILENO
    } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            fail("evaluate: cannot read \(path): no such file", .noInput)
        }
        guard !isDirectory.boolValue else { fail("evaluate: \(path) is a directory; expected an NDJSON file", .noInput) }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { fail("evaluate: cannot open \(path): \(String(cString: strerror(errno)))", .noInput) }
    }
    signal(SIGPIPE, SIG_IGN)
    signal(SIGINT) { _ in interrupted = 1 }
    let started = Date()
    let runner = BatchRunner(vocabulary: vocabulary, evaluator: evaluator, asOf: asOf,
                             threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let summary = runner.run(reading: descriptor, write: writeAll, shouldStop: { interrupted != 0 })
    let seconds = Date().timeIntervalSince(started)
    var counts = Verdict.allCases.compactMap { verdict in summary.verdicts[verdict].map { "\(verdict.rawValue) \($0)" } }
    counts.append("errors \(summary.errors)")
    let rate = seconds > 0 ? Int(Double(summary.lines) / seconds) : summary.lines
    var line = "evaluate --batch: \(summary.lines) lines: \(counts.joined(separator: ", ")); \(String(format: "%.2f", seconds)) s, \(rate) lines/s, peak memory \(peakMemoryMB()) MB"
    if interrupted != 0 { line += "; interrupted" } else if summary.stopped { line += "; output closed" }
    FileHandle.standardError.write(Data((line + "\n").utf8))
    if interrupted != 0 { return .interrupted }
    return summary.errors > 0 ? .badInput : .eligible
}

/// Writes all bytes to standard output; false when the reader has gone (a closed pipe).
func writeAll(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw in write(STDOUT_FILENO, raw.baseAddress! + offset, bytes.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

/// This process's peak resident memory. On Linux VmHWM of /proc/self/status, which
/// starts afresh at exec; getrusage's ru_maxrss is kept across exec and would count the
/// memory of the process that started this one.
func peakMemoryMB() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") {
        return kilobytes / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}
