import DesignationRules
import Foundation

/// Standard output and standard error as `evaluate` writes them: straight to the
/// descriptors, so that every failed write is seen. A reader that has gone (EPIPE, as
/// `evaluate … | head`) ends the output quietly; any other failure (a full disk, a closed
/// descriptor) ends the tool with exit 74, naming the stream, rather than reporting
/// success after losing the output.
enum Streams {
    /// The standard streams that were closed when the tool started.
    nonisolated(unsafe) private static var closedAtStart: Set<Int32> = []
    /// Set once the reader of standard output has gone: what follows is dropped.
    nonisolated(unsafe) private(set) static var outputClosed = false

    /// Called first thing: a closed standard stream is held by a descriptor that fails
    /// every use (see `Descriptor.fillClosedStandardStreams`), and a closed pipe is an
    /// error to handle (EPIPE) rather than a signal that kills the tool mid-record.
    static func start() {
        closedAtStart = Descriptor.fillClosedStandardStreams()
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` to standard output, or ends the tool with exit 74 if it cannot.
    static func out(_ text: String) {
        guard !outputClosed else { return }
        report(Descriptor.writeAll(STDOUT_FILENO, text))
    }

    /// Writes bytes to standard output and says how it went, for the caller to report
    /// once it has finished (batch mode still prints its summary). A closed pipe sets
    /// `outputClosed`.
    static func write(_ bytes: UnsafeRawBufferPointer, shouldStop: () -> Bool) -> Descriptor.WriteOutcome {
        guard !outputClosed else { return .closed }
        let outcome = Descriptor.writeAll(STDOUT_FILENO, bytes, shouldStop: shouldStop)
        if outcome == .closed { outputClosed = true }
        return outcome
    }

    private static func report(_ outcome: Descriptor.WriteOutcome) {
        switch outcome {
        case .written, .stopped: return
        case .closed: outputClosed = true
        case .failed(let failure): fail("evaluate: cannot write standard output: \(reason(failure, STDOUT_FILENO))", .ioError)
        }
    }

    /// Writes `text` to standard error. A failure there cannot be told to anyone, and
    /// must not stop the tool (its exit code still says how the run ended).
    static func err(_ text: String) {
        _ = Descriptor.writeAll(STDERR_FILENO, text)
    }

    /// Why a standard stream failed, in words: "it is closed" for one that was closed
    /// when the tool started, else the system's wording.
    static func reason(_ failure: IOFailure, _ descriptor: Int32) -> String {
        closedAtStart.contains(descriptor) && failure.code == EBADF ? "it is closed" : failure.reason
    }
}
