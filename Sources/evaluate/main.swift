import DesignationRules
import Foundation
import ShippedPolicies

/// Exit codes, documented in README.md and `--help`.
enum ExitCode: Int32 {
    case eligible = 0, ineligible = 1, undetermined = 2, incomplete = 3, outOfScope = 4
    case usage = 64, badInput = 65, noInput = 66, badPolicy = 78, interrupted = 130

    init(_ verdict: Verdict) {
        switch verdict {
        case .eligible: self = .eligible
        case .ineligible: self = .ineligible
        case .undetermined: self = .undetermined
        case .incomplete: self = .incomplete
        case .outOfScope: self = .outOfScope
        }
    }
}

func fail(_ message: String, _ code: ExitCode) -> Never {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    exit(code.rawValue)
}

func run() -> ExitCode {
    let options: Options
    do { options = try Options.parse(Array(CommandLine.arguments.dropFirst())) } catch {
        fail("evaluate: \(error.message)\nRun `evaluate --help` for usage.", .usage)
    }
    if options.help { print(Options.usage); return .eligible }
    if options.version { print("evaluate 0.1.0 (\(JSONReport.schema))"); return .eligible }

    guard let directory = options.policies.map({ URL(fileURLWithPath: $0) }) ?? ShippedPolicies.directory else {
        fail("evaluate: the shipped policies are missing; pass --policies DIR", .badPolicy)
    }
    // One region's evaluation reads only that region's policies (and those it extends):
    // most of a run's time is loading.
    let policies: PolicySet
    do { policies = try PolicySet(directory: directory, onlyRegion: options.region == "all" ? nil : options.region) } catch {
        fail("evaluate: the policy files have errors:\n\(error)", .badPolicy)
    }
    let asOf = options.asOf ?? todayInChina()
    let language = options.resolvedLanguage(environment: ProcessInfo.processInfo.environment)
    if options.region == "all" {
        guard let path = options.profile else { fail("evaluate: --region all compares one profile; give its file", .usage) }
        let profile = readProfile(path, vocabulary: policies.vocabulary, asOf: asOf)
        let evaluations = policies.regionIDs.compactMap { id in
            Evaluator(policy: policies.policies[id]!, calendar: policies.calendar, procedure: options.procedure)?.evaluate(profile, asOf: asOf)
        }
        print(ComparisonReport(policies: policies, language: language).render(evaluations), terminator: "")
        return .eligible
    }
    guard let region = options.region, let policy = policies.policies[region] else {
        let given = options.region.map { "unknown region \"\($0)\"" } ?? "--region is required"
        fail("evaluate: \(given); the regions are: \(policies.folderRegionIDs.joined(separator: ", ")) (or all, to compare them)", .usage)
    }
    guard let evaluator = Evaluator(policy: policy, calendar: policies.calendar, procedure: options.procedure) else {
        fail("evaluate: \(region) lays down no procedure \"\(options.procedure)\"; its procedures are: \(policy.procedures.map(\.id).joined(separator: ", "))", .usage)
    }
    if options.command == "template" { return runTemplate(evaluator, vocabulary: policies.vocabulary, language: language) }
    if options.command == "interview" {
        let start = options.start.map { readProfile($0, vocabulary: policies.vocabulary, asOf: asOf) }
        return runInterview(evaluator, vocabulary: policies.vocabulary, start: start, out: options.out, asOf: asOf, language: language)
    }
    if let batch = options.batch {
        guard options.profile == nil else { fail("evaluate: give a profile or --batch FILE, not both", .usage) }
        return runBatch(batch, vocabulary: policies.vocabulary, evaluator: evaluator, asOf: asOf, threads: options.threads)
    }
    guard let path = options.profile else { fail("evaluate: no profile given\nRun `evaluate --help` for usage.", .usage) }
    let evaluation = evaluator.evaluate(readProfile(path, vocabulary: policies.vocabulary, asOf: asOf), asOf: asOf)
    if options.notice {
        if let text = NoticeReport(policies: policies, language: language).render(evaluation) {
            print(text, terminator: "")
        } else {
            let outcomes = evaluation.stages.map { "\($0.stage.id): \($0.outcome?.id ?? "undetermined")" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("evaluate: \(region) gives no notice for this outcome (\(outcomes)); the report follows\n".utf8))
            print(TextReport(vocabulary: policies.vocabulary, language: language).render(evaluation), terminator: "")
        }
        return ExitCode(evaluation.verdict)
    }
    switch options.format {
    case "json":
        print(JSONReport(vocabulary: policies.vocabulary, language: language).render(evaluation), terminator: "")
    case "markdown":
        print(MarkdownReport(vocabulary: policies.vocabulary, language: language).render(evaluation), terminator: "")
    case "html":
        print(HTMLReport(vocabulary: policies.vocabulary, language: language).render(evaluation), terminator: "")
    default:
        let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        print(TextReport(vocabulary: policies.vocabulary, language: language, colour: colour).render(evaluation), terminator: "")
    }
    return ExitCode(evaluation.verdict)
}

/// A profile read from a file (or `-`), or the reason it cannot be, and the exit.
func readProfile(_ path: String, vocabulary: Vocabulary, asOf: CivilDate) -> Profile {
    let bytes: [UInt8]
    if path == "-" {
        bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            fail("evaluate: cannot read \(path): no such file", .noInput)
        }
        guard !isDirectory.boolValue else { fail("evaluate: \(path) is a directory; expected a profile file", .noInput) }
        guard let data = FileManager.default.contents(atPath: path) else {
            fail("evaluate: cannot read \(path): permission denied or not a regular file", .noInput)
        }
        bytes = [UInt8](data)
    }
    do { return try ProfileDecoder(vocabulary: vocabulary, asOf: asOf).decode(bytes, source: path == "-" ? "<stdin>" : path) } catch {
        fail("\(error)", .badInput)
    }
}

exit(run().rawValue)
