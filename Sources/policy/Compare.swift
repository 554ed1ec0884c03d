import DesignationRules
import Foundation

/// `policy test --compare REV|DIR`: what the current policies decide differently from
/// another version of them, fixture by fixture; nothing is rewritten. This is the question
/// after every edit: which applicants does it affect, and how.
enum Compare {
    static func run(_ fixtures: [Fixture], against other: String, _ options: CommonOptions) throws(UsageError) -> ExitCode {
        guard let current = options.policyDirectory else { fail("policy: no policy folder; pass --policies DIR", .usage) }
        // The current policies first: a failure to load them ends the tool, which must not
        // leave an exported folder behind.
        let new = options.loadPolicies()
        let (before, label, cleanup) = try folder(other, current: current)
        defer { cleanup() }
        let old = load(before, label, cleanup)
        let oldRunner = FixtureRunner(policies: old), newRunner = FixtureRunner(policies: new)
        var changed = 0
        for fixture in fixtures {
            let name = "\(fixture.region)/\(fixture.name)"
            switch (outcome(fixture, oldRunner), outcome(fixture, newRunner)) {
            case (.success(let was), .success(let now)):
                let change = OutcomeChange(from: was, to: now)
                guard !change.isEmpty else { continue }
                changed += 1
                output("\(name): \(change.differences.first { $0.what == "verdict" }.map(\.description) ?? "verdict unchanged (\(now.verdict))")")
                for difference in change.differences where difference.what != "verdict" { output("    \(difference)") }
            case (.failure(let error), .success):
                changed += 1
                output("\(name): now evaluated; before, \(error.message)")
            case (.success, .failure(let error)):
                changed += 1
                output("\(name): no longer evaluated: \(error.message)")
            case (.failure, .failure): continue
            }
        }
        output("\(changed) of \(fixtures.count) fixtures decide differently from \(label) to \(options.folderName); nothing rewritten")
        return .ok
    }

    /// The fixture's decision under a policy set, with the dates and deadlines its
    /// expectation checks.
    static func outcome(_ fixture: Fixture, _ runner: FixtureRunner) -> Result<RecordedOutcome, FixtureError> {
        runner.prepare(fixture).flatMap { prepared in
            let result = runner.run(prepared)
            guard let evaluation = result.evaluation else { return .failure(FixtureError(result.mismatches.joined(separator: "; "))) }
            do { return .success(try RecordedOutcome(recording: evaluation, over: prepared.expectation)) } catch {
                return .failure(FixtureError("\(error)"))
            }
        }
    }

    static func load(_ directory: URL, _ label: String, _ cleanup: () -> Void) -> PolicySet {
        do { return try PolicySet(directory: directory) } catch {
            cleanup()
            fail("policy: the policies of \(label) do not load:\n\(error)", .failed)
        }
    }

    /// The folder to compare with: `other` itself when it is a folder, else the policies
    /// folder at git revision `other`, exported to a temporary folder (removed by `cleanup`).
    static func folder(_ other: String, current: URL) throws(UsageError) -> (URL, String, cleanup: () -> Void) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: other, isDirectory: &isDirectory), isDirectory.boolValue {
            return (URL(fileURLWithPath: other), PolicyFolder.display(URL(fileURLWithPath: other)).escapingControls, {})
        }
        guard let top = git(["rev-parse", "--show-toplevel"], in: current)?.trimmed,
              let prefix = git(["rev-parse", "--show-prefix"], in: current)?.trimmed else {
            throw UsageError("--compare: `\(other.escapingControls)` is not a folder, and \(PolicyFolder.display(current).escapingControls) is not in a git checkout to take a revision from")
        }
        guard git(["rev-parse", "--verify", "--quiet", other + "^{commit}"], in: current) != nil else {
            throw UsageError("--compare: `\(other.escapingControls)` is neither a folder nor a git revision of \(top.escapingControls)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("policy-compare-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let cleanup = { _ = try? FileManager.default.removeItem(at: temporary) }
        // `git archive … | tar -x`: the revision's files as they were committed, the working copy untouched.
        let archive = temporary.appendingPathComponent("policies.tar")
        guard git(["archive", "--format=tar", "--output=\(archive.path)", other, "--", prefix.isEmpty ? "." : prefix], in: URL(fileURLWithPath: top)) != nil,
              shell("/usr/bin/env", ["tar", "-x", "-f", archive.path, "-C", temporary.path]) else {
            cleanup()
            throw UsageError("--compare: cannot export \(prefix.isEmpty ? "the policies" : prefix) at revision `\(other.escapingControls)`")
        }
        return (temporary.appendingPathComponent(prefix), "\(other.escapingControls) (\(prefix.isEmpty ? "." : prefix) at that revision)", cleanup)
    }

    /// A git command's standard output, or nil when it fails.
    static func git(_ arguments: [String], in folder: URL) -> String? {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    static func shell(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
