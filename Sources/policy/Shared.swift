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

struct UsageError: Error { var message: String }

/// Options every subcommand takes, and the positional arguments left over.
struct CommonOptions {
    var policies: String?
    var language: Language = .en
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var positional: [String] = []

    /// Parses `arguments`, accepting the given boolean flags and valued options.
    static func parse(_ arguments: [String], flags allowedFlags: Set<String> = [], options allowedOptions: Set<String> = [])
        throws(UsageError) -> CommonOptions {
        var options = CommonOptions()
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? ""
        options.language = locale.hasPrefix("zh") ? .zh : .en
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() throws(UsageError) -> String {
                index += 1
                guard index < arguments.count else { throw UsageError(message: "\(argument) needs a value") }
                return arguments[index]
            }
            switch argument {
            case "--policies": options.policies = try value()
            case "--lang":
                let text = try value()
                guard let language = Language(rawValue: text) else { throw UsageError(message: "--lang must be zh or en, found \"\(text)\"") }
                options.language = language
            case let flag where allowedFlags.contains(flag): options.flags.insert(flag)
            case let option where allowedOptions.contains(option): options.values[option] = try value()
            default:
                if argument.hasPrefix("--") { throw UsageError(message: "unknown option \(argument)") }
                options.positional.append(argument)
            }
            index += 1
        }
        return options
    }

    /// The folder of policy files: `--policies`, else `./policies` when there is one
    /// (a working copy being edited), else the policies shipped with the tool.
    var policyDirectory: URL? {
        if let policies { return URL(fileURLWithPath: policies) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "policies", isDirectory: &isDirectory), isDirectory.boolValue {
            return URL(fileURLWithPath: "policies")
        }
        return ShippedPolicies.directory
    }

    /// Loads the policies or prints every error and exits.
    func loadPolicies(checkingQuotes: Bool = false) -> PolicySet {
        guard let directory = policyDirectory else { fail("policy: no policy folder; pass --policies DIR", .usage) }
        do { return try PolicySet(directory: directory, checkingQuotes: checkingQuotes) } catch {
            fail("\(error)\n\(error.diagnostics.filter { $0.severity == .error }.count) error(s) in \(directory.path.escapingControls)", .failed)
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
