import DesignationRules
import Foundation
import ShippedPolicies

/// Exit codes of `policy`, documented in README.md and `--help`.
enum ExitCode: Int32 {
    /// Everything checked holds.
    case ok = 0
    /// Errors in the policy files, fixtures that do not hold, or incomplete coverage.
    case failed = 1
    case usage = 64
    /// Standard output or a file could not be written.
    case ioError = 74
}

typealias UsageError = UsageProblem

/// A subcommand's options, its help, and the positional arguments left over.
struct CommonOptions {
    var policies: String?
    var language: Language = .en
    var parsed = ParsedArguments()
    var positional: [String] { parsed.operands }

    func has(_ flag: String) -> Bool { parsed.has(flag) }
    subscript(_ name: String) -> String? { parsed[name] }

    /// Parses a subcommand's arguments: `--policies` and the given options; with `--lang`
    /// when the command's output has words in two languages. `-h`/`--help` prints `help`
    /// and ends the tool.
    static func parse(_ arguments: [String], options: [Option] = [], languages: Bool = false, help: String)
        throws(UsageError) -> CommonOptions {
        let parser = OptionParser([.value("--policies", "DIR")] + (languages ? [.value("--lang", "zh|en")] : []) + options)
        var options = CommonOptions()
        options.parsed = try parser.parse(arguments)
        if options.has("--help") {
            output(help)
            exit(ExitCode.ok.rawValue)
        }
        options.language = Language.preferred(by: ProcessInfo.processInfo.environment)
        options.policies = options["--policies"]
        if let text = options["--lang"] {
            guard let language = Language(rawValue: text) else { throw UsageError("--lang must be zh or en, found \"\(text.escapingControls)\"") }
            options.language = language
        }
        return options
    }

    /// The folder of policy files: `--policies`, else the `policies/` of the checkout the
    /// current folder is in (found from any folder inside it), else the shipped one.
    var policyDirectory: URL? {
        if let policies { return URL(fileURLWithPath: policies) }
        return PolicyFolder.enclosingCurrentDirectory() ?? ShippedPolicies.directory
    }

    /// The fixtures a command reads by default: the checkout's `fixtures/` beside its
    /// `policies/`, else `./fixtures`.
    var defaultFixtures: URL {
        if policies == nil, let checkout = PolicyFolder.enclosingCurrentDirectory() {
            return checkout.deletingLastPathComponent().appendingPathComponent("fixtures")
        }
        return URL(fileURLWithPath: "fixtures")
    }

    /// The folder as result lines name it.
    var folderName: String {
        guard let directory = policyDirectory else { return "(no folder)" }
        let path = PolicyFolder.display(directory).escapingControls
        return policies == nil && PolicyFolder.enclosingCurrentDirectory() == nil ? "the shipped policies (\(path))" : path
    }

    /// Loads the policies or prints every error and exits.
    func loadPolicies(checkingQuotes: Bool = false) -> PolicySet {
        guard let directory = policyDirectory else { fail("policy: no policy folder; pass --policies DIR", .usage) }
        do { return try PolicySet(directory: directory, checkingQuotes: checkingQuotes) } catch {
            fail("\(error)\n\(error.errorCount(in: folderName))", .failed)
        }
    }
}

/// A failure to write to standard error cannot be told to anyone and is ignored: the
/// exit code still says how the run ended.
func fail(_ message: String, _ code: ExitCode) -> Never {
    _ = Descriptor.writeAll(STDERR_FILENO, message.hasSuffix("\n") ? message : message + "\n")
    exit(code.rawValue)
}

/// The standard streams that were closed when the tool started (see `Descriptor.fillClosedStandardStreams`).
nonisolated(unsafe) var closedStreams: Set<Int32> = []
/// Set once the reader of standard output has gone (`policy … | head`): later output is dropped, quietly.
nonisolated(unsafe) var outputClosed = false

/// What `print` does, written straight to standard output so that a failed write is
/// seen: a reader that has gone ends the output quietly; any other failure (a full disk,
/// a closed descriptor) ends the tool with exit 74 rather than reporting success.
func output(_ items: Any..., terminator: String = "\n") {
    guard !outputClosed else { return }
    switch Descriptor.writeAll(STDOUT_FILENO, items.map { "\($0)" }.joined(separator: " ") + terminator) {
    case .written, .stopped: break
    case .closed: outputClosed = true
    case .failed(let failure):
        let reason = closedStreams.contains(STDOUT_FILENO) && failure.code == EBADF ? "it is closed" : failure.reason
        fail("policy: cannot write standard output: \(reason)", .ioError)
    }
}

func write(_ text: String, to path: String) {
    do { try Descriptor.writeFile(text, to: path) } catch {
        fail("policy: cannot write \(path.escapingControls): \(error.reason)", .ioError)
    }
}
