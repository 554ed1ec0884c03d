import DesignationRules
import Foundation
import ShippedPolicies

/// Exit codes, documented in README.md and `--help`.
enum ExitCode: Int32 {
    case eligible = 0, ineligible = 1, undetermined = 2, incomplete = 3, outOfScope = 4, deferred = 5
    case usage = 64, badInput = 65, noInput = 66, ioError = 74, badPolicy = 78, interrupted = 130
    /// `--notice` without a notice for the outcome; `--verify`'s two kinds of difference.
    case noNotice = 10, decisionDiffers = 11, filesDiffer = 12

    init(_ verdict: Verdict) {
        switch verdict {
        case .eligible: self = .eligible
        case .ineligible: self = .ineligible
        case .undetermined: self = .undetermined
        case .incomplete: self = .incomplete
        case .outOfScope: self = .outOfScope
        case .deferred: self = .deferred
        }
    }
}

func fail(_ message: String, _ code: ExitCode) -> Never {
    Streams.err(message.hasSuffix("\n") ? message : message + "\n")
    exit(code.rawValue)
}

func run() -> ExitCode {
    let options: Options
    do { options = try Options.parse(Array(CommandLine.arguments.dropFirst())) } catch {
        fail("evaluate: \(error.message)\nRun `evaluate --help` for usage.", .usage)
    }
    if options.help { Streams.out(Options.usage + "\n"); return .eligible }
    if options.version { Streams.out("evaluate \(ToolVersion.current) (\(JSONReport.schema))\n"); return .eligible }

    let directory: URL
    do { directory = try options.policies.map { URL(fileURLWithPath: $0) } ?? ShippedPolicies.folder() } catch {
        fail("evaluate: \(error); give a folder of policy files with --policies DIR", .badPolicy)
    }
    if options.policies == nil { noteEditedCheckout(shipped: directory) }
    if let report = options.verify { return runVerify(report: report, options: options, directory: directory) }
    // One region's evaluation reads only that region's policies (and those it extends):
    // most of a run's time is loading.
    let policies: PolicySet
    let whole = options.region == "all" || options.region == "list"
    do { policies = try PolicySet(directory: directory, onlyRegion: whole ? nil : options.region) } catch {
        fail("evaluate: the policy files have errors:\n\(error)", .badPolicy)
    }
    if options.region == "list" {
        Streams.out(policies.regionIDs.map { "\($0)\t\(policies.policies[$0]!.document.title)" }.joined(separator: "\n") + "\n")
        return .eligible
    }
    let asOf = options.asOf ?? todayInChina()
    let language = options.resolvedLanguage(environment: ProcessInfo.processInfo.environment)
    if options.region == "all" {
        guard let path = options.profile else { fail("evaluate: --region all compares one profile; give its file", .usage) }
        if options.notice { fail("evaluate: --notice needs one region; --region all compares the texts", .usage) }
        let profile = readProfile(path, vocabulary: policies.vocabulary, asOf: asOf, language: language)
        let evaluations = policies.regionIDs.compactMap { id in
            Evaluator(policy: policies.policies[id]!, calendar: policies.calendar, procedure: options.procedure)?.evaluate(profile, asOf: asOf)
        }
        let comparison = ComparisonReport(policies: policies, language: language)
        switch options.format {
        case "json": Streams.out(comparison.json(evaluations))
        case "html": Streams.out(comparison.html(evaluations))
        default: Streams.out(comparison.render(evaluations))
        }
        return ExitCode(ComparisonReport.verdict(evaluations))
    }
    guard let region = options.region, let policy = policies.policies[region] else {
        let given = options.region.map { "unknown region \"\($0)\"" } ?? "--region is required"
        fail("evaluate: \(given.escapingControls); the regions are: \(policies.folderRegionIDs.joined(separator: ", ")) (or all, to compare them)", .usage)
    }
    guard let evaluator = Evaluator(policy: policy, calendar: policies.calendar, procedure: options.procedure) else {
        fail("evaluate: \(region) lays down no procedure \"\(options.procedure.escapingControls)\"; its procedures are: \(policy.procedures.map(\.id).joined(separator: ", "))", .usage)
    }
    if options.command == "template" { return runTemplate(evaluator, vocabulary: policies.vocabulary, language: language) }
    if options.command == "interview" {
        return runInterview(evaluator, vocabulary: policies.vocabulary, options: options, asOf: asOf, language: language)
    }
    if let batch = options.batch {
        guard options.profile == nil else { fail("evaluate: give a profile or --batch FILE, not both", .usage) }
        return runBatch(batch, vocabulary: policies.vocabulary, evaluator: evaluator, asOf: asOf, threads: options.threads)
    }
    guard let path = options.profile else { fail("evaluate: no profile given\nRun `evaluate --help` for usage.", .usage) }
    let (profile, profileBytes) = readProfileAndBytes(path, vocabulary: policies.vocabulary, asOf: asOf, language: language)
    let evaluation = evaluator.evaluate(profile, asOf: asOf)
    if options.notice { return printNotice(evaluation, policies: policies, format: options.format, language: language) }
    switch options.format {
    case "json":
        let report = JSONReport(vocabulary: policies.vocabulary, language: language).document(evaluation)
        Streams.out(Provenance(policies: policies, evaluation: evaluation, profile: profileBytes).stamped(report).serialized() + "\n")
    case "markdown":
        Streams.out(MarkdownReport(vocabulary: policies.vocabulary, language: language, brief: options.brief).render(evaluation))
    case "html":
        Streams.out(HTMLReport(vocabulary: policies.vocabulary, language: language, brief: options.brief).render(evaluation))
    default:
        let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        Streams.out(TextReport(vocabulary: policies.vocabulary, language: language, colour: colour, brief: options.brief).render(evaluation))
    }
    return ExitCode(evaluation.verdict)
}

/// Run inside a checkout whose `policies/` differs from the shipped copy (being edited, or
/// the binary older than the files), `evaluate` says on standard error which one it used:
/// a reviewer must not believe an edit was applied when it was not.
func noteEditedCheckout(shipped: URL) {
    guard let checkout = PolicyFolder.enclosingCurrentDirectory(),
          checkout.standardizedFileURL.path != shipped.standardizedFileURL.path,
          !PolicyFolder.sameContents(checkout, shipped) else { return }
    let path = PolicyFolder.display(checkout).escapingControls
    Streams.err("evaluate: note: read the policies shipped with this binary, not this checkout's \(path), which differs from them; pass --policies \(path) to read it\n")
}

/// A profile read from a file (or `-`), or the reason it cannot be, and the exit.
func readProfile(_ path: String, vocabulary: Vocabulary, asOf: CivilDate, language: Language) -> Profile {
    readProfileAndBytes(path, vocabulary: vocabulary, asOf: asOf, language: language).profile
}

/// A profile and the bytes it was read from (which a JSON report hashes); its problems in the reader's language.
func readProfileAndBytes(_ path: String, vocabulary: Vocabulary, asOf: CivilDate, language: Language = .en) -> (profile: Profile, bytes: [UInt8]) {
    let zh = language == .zh
    let descriptor = openInput(path, expecting: zh ? "申请人资料文件" : "a profile file", language: language)
    let name = path == "-" ? (zh ? "标准输入" : "standard input") : path.escapingControls
    let read: [UInt8]?
    do { read = try Descriptor.readAll(descriptor, limit: ProfileDecoder.maxBytes) } catch {
        let reason = path == "-" ? Streams.reason(error, STDIN_FILENO) : error.reason
        fail(zh ? "evaluate：无法读取\(name)：\(reason)" : "evaluate: cannot read \(name): \(reason)", .ioError)
    }
    if descriptor != STDIN_FILENO { close(descriptor) }
    guard let bytes = read else {
        fail(zh ? "evaluate：\(name)超过1 MiB；申请人资料文件至多1 MiB（一份定点申请资料只有几千字节）"
                : "evaluate: \(name) is larger than 1 MiB; a profile may have at most 1 MiB (a designation profile is a few kilobytes)", .badInput)
    }
    do { return (try ProfileDecoder(vocabulary: vocabulary, asOf: asOf, language: language).decode(bytes, source: path == "-" ? "<stdin>" : path), bytes) } catch {
        fail(error.text(language), .badInput)
    }
}

/// The descriptor to read `path` from (standard input for `-`), or the reason it cannot
/// be opened, and the exit. Whatever can be read is accepted: a file, a pipe, a FIFO,
/// `/dev/stdin`, a process substitution.
func openInput(_ path: String, expecting what: String, language: Language = .en) -> Int32 {
    if path == "-" { return STDIN_FILENO }
    let zh = language == .zh
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        let missing = errno == ENOENT
        let reason = missing ? (zh ? "没有此文件" : "no such file") : String(cString: strerror(errno))
        fail(zh ? "evaluate：无法读取\(path.escapingControls)：\(reason)" : "evaluate: cannot read \(path.escapingControls): \(reason)", .noInput)
    }
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        fail(zh ? "evaluate：\(path.escapingControls)是文件夹；应为\(what)" : "evaluate: \(path.escapingControls) is a directory; expected \(what)", .noInput)
    }
    return descriptor
}

Streams.start()
exit(run().rawValue)
