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
    /// The short view (decision, failures, questions, deadlines) instead of the full trace.
    var brief = false
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
      --region REGION     the jurisdiction (required); `--region list` prints the ids
      --procedure NAME    application (default), or another procedure the region lays
                          down (change, renewal, suspension, termination, guidance, …)
      --as-of DATE        the day of the evaluation, YYYY-MM-DD (default: today in China); each
                          stage is judged on the day its policy names, e.g. the application's (README "Time")
      --format FORMAT     text (default), json, markdown, or html (one self-contained page
                          that prints on A4)
      --brief             the short view: decision, failures, questions to ask and
                          deadlines, without the rule-by-rule trace (default: the full trace)
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
      -h, --help          show this help
      --version           show the version

    PROFILE may be - to read standard input, and may have at most 1 MiB. An option
    is written --opt VALUE or --opt=VALUE and given once; an option that does nothing
    in the mode given (--threads without --batch, --format with template) is an error;
    after --, every argument is a profile.

    Exit codes:
      0  eligible                 1  not eligible
      2  undetermined (facts missing)
      3  materials to supplement  4  out of the text's scope
      5  deferred: to be made again at the time the text sets (an application window)
      64 bad usage
      65 bad input (profile)      66 cannot open input
      74 a read or write failed (standard input or output, a file; a closed pipe is not one)
      78 bad policy files         130 interrupted (batch; an interview, its answers saved)
    In batch mode: 0 when every line was evaluated, 65 when some lines were bad.
    With --notice: 10 when the region gives no notice for the outcome (nothing is printed).
    With --verify: 0 the same decision from the same files, 11 the decision differs today,
      12 the same decision but from changed files (or another tool version), 65 the report
      cannot be read or PROFILE is not the profile it decided.
    With --region all: the strongest verdict of the texts whose scope takes the profile,
    4 when none does.
    """

    typealias UsageError = UsageProblem

    static let parser = OptionParser([
        .value("--region", "REGION"), .value("--procedure", "NAME"), .value("--as-of", "DATE"), .value("--format", "FORMAT"),
        .flag("--notice"), .flag("--brief"), .value("--lang", "LANG"), .value("--policies", "DIR"), .value("--batch", "FILE"),
        .value("--threads", "N"), .value("--profile", "PARTIAL.json"), .value("--out", "PROFILE.json"), .flag("--version"),
        .value("--resume", "FILE"), .value("--verify", "REPORT.json"),
    ])

    /// The ways of running `evaluate`, each with the options it reads: any other option
    /// given is refused, since it would do nothing.
    enum Mode {
        case profile, batch, template, interview, list, all, verify

        var options: Set<String> {
            let common: Set<String> = ["--region", "--policies", "--help", "--version"]
            switch self {
            case .profile: return common.union(["--procedure", "--as-of", "--format", "--notice", "--brief", "--lang"])
            case .batch: return common.union(["--procedure", "--as-of", "--batch", "--threads"])
            case .template: return common.union(["--procedure", "--lang"])
            case .interview: return common.union(["--procedure", "--lang", "--as-of", "--profile", "--out", "--resume"])
            case .verify: return ["--verify", "--policies", "--lang", "--help", "--version"]
            case .list: return common
            case .all: return common.union(["--procedure", "--as-of", "--format", "--lang"])
            }
        }

        /// Whether the mode reads a profile named as an argument.
        var takesProfile: Bool { self == .profile || self == .all || self == .verify }

        var description: String {
            switch self {
            case .profile: "when evaluating one profile"
            case .batch: "with --batch"
            case .template: "with `evaluate template`"
            case .interview: "with `evaluate interview`"
            case .list: "with `--region list`"
            case .all: "with --region all"
            case .verify: "with --verify"
            }
        }
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        let parsed = try parser.parse(arguments)
        var options = Options()
        var operands = parsed.operands[...]
        if let first = operands.first, first == "interview" || first == "template", arguments.first == first {
            options.command = first
            operands = operands.dropFirst()
        }
        guard operands.count <= 1 else {
            throw UsageError("one profile at a time; found \(operands.map(\.escapingControls).joined(separator: " and "))")
        }
        options.profile = operands.first
        options.help = parsed.has("--help")
        options.version = parsed.has("--version")
        options.region = parsed["--region"]
        options.policies = parsed["--policies"]
        options.procedure = parsed["--procedure"] ?? Procedure.application
        options.notice = parsed.has("--notice")
        options.brief = parsed.has("--brief")
        options.start = parsed["--profile"]
        options.out = parsed["--out"]
        options.resume = parsed["--resume"]
        options.verify = parsed["--verify"]
        options.batch = parsed["--batch"]
        if let text = parsed["--threads"] {
            guard let threads = Int(text), (1...256).contains(threads) else { throw UsageError("--threads must be a number from 1 to 256, found \"\(text.escapingControls)\"") }
            options.threads = threads
        }
        if let text = parsed["--as-of"] {
            guard let date = CivilDate(iso: text) else { throw UsageError("--as-of must be a date written YYYY-MM-DD, found \"\(text.escapingControls)\"") }
            options.asOf = date
        }
        if let format = parsed["--format"] {
            guard ["text", "json", "markdown", "html"].contains(format) else {
                throw UsageError("--format must be text, json, markdown or html, found \"\(format.escapingControls)\"")
            }
            options.format = format
        }
        if let text = parsed["--lang"] {
            guard let language = Language(rawValue: text) else { throw UsageError("--lang must be zh or en, found \"\(text.escapingControls)\"") }
            options.language = language
        }
        if !options.help, !options.version {
            if options.batch != nil, options.profile != nil { throw UsageError("give a profile or --batch FILE, not both") }
            if let profile = options.profile, !options.mode.takesProfile {
                let hint = options.mode == .interview ? " (a partial profile to start from is given with --profile)" : ""
                throw UsageError("no profile is read \(options.mode.description); found \(profile.escapingControls)\(hint)")
            }
            try parsed.onlyThese(options.mode.options, in: options.mode.description)
            // The JSON report and the notices have no short view: --brief would do nothing there.
            if options.brief, options.format == "json" { throw UsageError("--brief has no effect with --format json (the JSON report is always whole)") }
            if options.brief, options.notice { throw UsageError("--brief has no effect with --notice") }
        }
        return options
    }

    /// Which way of running `evaluate` the options ask for.
    var mode: Mode {
        switch command {
        case "template": return .template
        case "interview": return .interview
        default: break
        }
        if verify != nil { return .verify }
        if region == "list" { return .list }
        if batch != nil { return .batch }
        return region == "all" ? .all : .profile
    }

    /// Chinese for Chinese locales, English otherwise, unless `--lang` says.
    func resolvedLanguage(environment: [String: String]) -> Language {
        language ?? Language.preferred(by: environment)
    }
}

/// Today in China, where the texts apply.
func todayInChina() -> CivilDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}
