import DesignationRules
import Foundation

/// The command line of `evaluate`, parsed by hand (the project takes no dependencies).
struct Options {
    var profile: String?
    var region: String?
    var asOf: CivilDate?
    var format = "text"
    var language: Language?
    var policies: String?
    var batch: String?
    var notice = false
    var procedure = Procedure.application
    /// `interview` or `template`, given as the first argument.
    var command: String?
    var start: String?
    var out: String?
    /// `interview --resume FILE`: the profile an interview saved, to go on from and save to.
    var resume: String?
    var threads: Int?
    var help = false
    var version = false
    /// `--verify REPORT.json`: the report whose decision to make again.
    var verify: String?

    static let usage = """
    Usage: evaluate PROFILE.json --region REGION [options]
           evaluate template --region REGION            a blank profile to fill in
           evaluate interview --region REGION [--profile PARTIAL.json | --resume FILE] [--out PROFILE.json]
           evaluate --batch PROFILES.ndjson --region REGION [--threads N] [options]
           evaluate --verify REPORT.json PROFILE.json   is the filed decision made again today?

    Evaluates an applicant profile against a jurisdiction's designation rules and
    prints the decision, rule by rule, with citations and the values that decided.

    Options:
      --region REGION     the jurisdiction (required); `--region list` shows the ids
      --procedure NAME    application (default), or another procedure the region lays
                          down (change, renewal, suspension, termination, guidance, …)
      --as-of DATE        the day of the evaluation, YYYY-MM-DD (default: today in China); each
                          stage is judged on the day its policy names, e.g. the application's (README "Time")
      --format FORMAT     text (default), json, markdown, or html (one self-contained page
                          that prints on A4)
      --notice            print the notice the decision calls for (受理、补正补齐、不予受理、
                          评估不合格), filled from the evaluation: text, or with
                          --format html one printable A4 form
      --lang LANG         zh or en (default: zh when LANG starts with zh, else en)
      --policies DIR      use the policy files in DIR instead of the shipped ones
      --batch FILE        one JSON profile per line (- for standard input): one JSON
                          record per line out, in order (schema designation-batch/1),
                          a summary on standard error
      --threads N         batch worker threads (default: every core)
      --verify REPORT     decide PROFILE again as the JSON report REPORT did (its region,
                          procedure and date) and say whether the decision and the files
                          that made it are the same today
      --out FILE          interview: save the profile there after every answer (default: a new
                          interview-REGION-DATE-TIME.json here, named at the start); an
                          existing FILE is continued
      --resume FILE       interview: continue the profile an interview saved in FILE, saving there
      --help              show this help
      --version           show the version

    PROFILE may be - to read standard input, and may have at most 1 MiB; an option
    is given once; after --, every argument is a profile.

    Exit codes:
      0  eligible                 1  not eligible
      2  undetermined (facts missing)
      3  materials to supplement  4  out of the text's scope
      64 bad usage
      65 bad input (profile)      66 cannot open input
      74 a read or write failed (standard input or output, a file; a closed pipe is not one)
      78 bad policy files         130 interrupted (batch; an interview, its answers saved)
    In batch mode: 0 when every line was evaluated, 65 when some lines were bad.
    With --notice: 10 when the region gives no notice for the outcome (nothing is printed).
    With --verify: 0 the same decision from the same files, 11 the decision differs today,
      12 the same decision but from changed files (or another tool version), 65 the report
      cannot be read or PROFILE is not the profile it decided.
    """

    struct UsageError: Error { var message: String }

    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var index = 0
        var given: Set<String> = []
        var onlyOperands = false
        func value(for flag: String) throws(UsageError) -> String {
            // An option given twice is a mistake (two regions, two dates): said, not settled by the last.
            guard given.insert(flag).inserted else { throw UsageError(message: "\(flag) is given twice") }
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else { throw UsageError(message: "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            // After `--`, every argument is a profile, even one that starts with dashes.
            if onlyOperands || argument == "--" {
                if onlyOperands {
                    guard options.profile == nil else { throw UsageError(message: "one profile at a time; found \(options.profile!.escapingControls) and \(argument.escapingControls)") }
                    options.profile = argument
                }
                onlyOperands = true
                index += 1
                continue
            }
            switch argument {
            case "--help", "-h": options.help = true
            case "--version": options.version = true
            case "--region": options.region = try value(for: argument)
            case "--policies": options.policies = try value(for: argument)
            case "--procedure": options.procedure = try value(for: argument)
            case "--notice": options.notice = true
            case "--profile": options.start = try value(for: argument)
            case "--out": options.out = try value(for: argument)
            case "--resume": options.resume = try value(for: argument)
            case "--verify": options.verify = try value(for: argument)
            case "--batch":
                guard given.insert(argument).inserted else { throw UsageError(message: "--batch is given twice") }
                index += 1
                guard index < arguments.count else { throw UsageError(message: "--batch needs a file (or - for standard input)") }
                options.batch = arguments[index]
            case "--threads":
                let text = try value(for: argument)
                guard let threads = Int(text), (1...256).contains(threads) else { throw UsageError(message: "--threads must be a number from 1 to 256, found \"\(text.escapingControls)\"") }
                options.threads = threads
            case "--as-of":
                let text = try value(for: argument)
                guard let date = CivilDate(iso: text) else { throw UsageError(message: "--as-of must be a date written YYYY-MM-DD, found \"\(text.escapingControls)\"") }
                options.asOf = date
            case "--format":
                options.format = try value(for: argument)
                guard ["text", "json", "markdown", "html"].contains(options.format) else {
                    throw UsageError(message: "--format must be text, json, markdown or html, found \"\(options.format.escapingControls)\"")
                }
            case "--lang":
                let text = try value(for: argument)
                guard let language = Language(rawValue: text) else { throw UsageError(message: "--lang must be zh or en, found \"\(text.escapingControls)\"") }
                options.language = language
            case "interview" where index == 0, "template" where index == 0:
                options.command = argument
            default:
                if argument.hasPrefix("--") { throw UsageError(message: "unknown option \(argument.escapingControls)") }
                guard options.profile == nil else { throw UsageError(message: "one profile at a time; found \(options.profile!.escapingControls) and \(argument.escapingControls)") }
                options.profile = argument
            }
            index += 1
        }
        return options
    }

    /// Chinese for Chinese locales, English otherwise, unless `--lang` says.
    func resolvedLanguage(environment: [String: String]) -> Language {
        if let language { return language }
        let locale = environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? ""
        return locale.hasPrefix("zh") ? .zh : .en
    }
}

/// Today in China, where the texts apply.
func todayInChina() -> CivilDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}
