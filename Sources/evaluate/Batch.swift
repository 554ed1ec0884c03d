import DesignationRules
import Foundation

/// Set by the SIGINT handler; read between rounds of work and while a read or a write
/// waits, so Ctrl-C ends the batch after the records already evaluated are written.
nonisolated(unsafe) var interrupted: sig_atomic_t = 0

/// `evaluate --batch FILE.ndjson --region R`: one JSON record per input line, in order.
func runBatch(_ path: String, vocabulary: Vocabulary, evaluator: Evaluator, asOf: CivilDate, threads: Int?) -> ExitCode {
    let descriptor = openInput(path, expecting: "an NDJSON file")
    catchInterrupt()
    let started = Date()
    let runner = BatchRunner(vocabulary: vocabulary, evaluator: evaluator, asOf: asOf,
                             threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let stop = { interrupted != 0 }
    var writeFailure: IOFailure?
    let summary = runner.run(reading: descriptor, write: { bytes in
        switch bytes.withUnsafeBytes({ Streams.write($0, shouldStop: stop) }) {
        case .written: return true
        case .closed, .stopped: return false
        case .failed(let failure):
            writeFailure = failure
            return false
        }
    }, shouldStop: stop)
    let seconds = Date().timeIntervalSince(started)
    var counts = Verdict.allCases.compactMap { verdict in summary.verdicts[verdict].map { "\(verdict.rawValue) \($0)" } }
    counts.append("errors \(summary.errors)")
    let rate = seconds > 0 ? Int(Double(summary.lines) / seconds) : summary.lines
    var line = "evaluate --batch: \(summary.lines) lines: \(counts.joined(separator: ", ")); \(String(format: "%.2f", seconds)) s, \(rate) lines/s, peak memory \(peakMemoryMB()) MB"
    if interrupted != 0 { line += "; interrupted" } else if writeFailure != nil { line += "; output failed" } else if Streams.outputClosed { line += "; output closed" }
    Streams.err(line + "\n")
    if let failure = writeFailure {
        fail("evaluate: cannot write standard output: \(Streams.reason(failure, STDOUT_FILENO)); records were lost", .ioError)
    }
    if let failure = summary.readFailure {
        let name = path == "-" ? "standard input" : path.escapingControls
        fail("evaluate: cannot read \(name): \(path == "-" ? Streams.reason(failure, STDIN_FILENO) : failure.reason); the \(summary.lines) lines read before were evaluated", .ioError)
    }
    if interrupted != 0 { return .interrupted }
    return summary.errors > 0 ? .badInput : .eligible
}

/// Ctrl-C sets `interrupted`. Installed without SA_RESTART, so that a write blocked on a
/// full pipe returns (EINTR) rather than being restarted; a read waiting for input looks
/// at the flag between its waits (`Descriptor.read`).
private func catchInterrupt() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interrupted = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
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
