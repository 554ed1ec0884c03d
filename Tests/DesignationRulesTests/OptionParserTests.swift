import Testing
import Foundation
@testable import DesignationRules

/// The one option parser of `evaluate`, `policy` and `benchmark` (issue 19, point 9).
@Suite struct OptionParserTests {
    static let parser = OptionParser([.value("--region", "REGION"), .value("--as-of", "DATE"), .flag("--notice"), .value("--batch", "FILE")])

    func problem(_ arguments: [String]) -> String? {
        do { _ = try Self.parser.parse(arguments); return nil } catch { return error.message }
    }

    @Test func aValueIsWrittenWithASpaceOrAnEqualsSign() throws {
        let spaced = try Self.parser.parse(["p.json", "--region", "national", "--as-of", "2026-11-26"])
        let joined = try Self.parser.parse(["p.json", "--region=national", "--as-of=2026-11-26"])
        #expect(spaced["--region"] == "national" && joined["--region"] == "national")
        #expect(spaced["--as-of"] == "2026-11-26" && joined["--as-of"] == "2026-11-26")
        #expect(spaced.operands == ["p.json"] && joined.operands == ["p.json"])
        // A value may itself hold an equals sign, and `-` is standard input, not an option.
        #expect(try Self.parser.parse(["--region=a=b"])["--region"] == "a=b")
        #expect(try Self.parser.parse(["--batch", "-"])["--batch"] == "-")
    }

    @Test func helpIsEverywhereInBothSpellings() throws {
        #expect(try Self.parser.parse(["-h"]).has("--help"))
        #expect(try Self.parser.parse(["template", "--help"]).has("--help"))
    }

    @Test func mistakesAreSaid() {
        #expect(problem(["--regoin", "x"]) == "unknown option --regoin; did you mean --region?")
        #expect(problem(["--region=x", "--region", "y"]) == "--region is given twice")
        #expect(problem(["--notice=yes"]) == "--notice takes no value")
        #expect(problem(["--region"])?.hasPrefix("--region needs a value") == true)
        #expect(problem(["--region", "--as-of", "2026-01-01"])?.hasPrefix("--region needs a value") == true)
        #expect(problem(["--region="]) == "--region needs a value")
        #expect(problem(["-x"]) == "unknown option -x")
    }

    @Test func doubleDashEndsTheOptions() throws {
        let parsed = try Self.parser.parse(["--region", "national", "--", "--notice", "-h"])
        #expect(parsed.operands == ["--notice", "-h"])
        #expect(!parsed.has("--notice") && !parsed.has("--help"))
    }

    @Test func anOptionWithoutEffectInTheModeIsRefused() throws {
        let parsed = try Self.parser.parse(["--batch", "x", "--notice"])
        #expect(throws: UsageProblem("--notice has no effect with --batch; leave it out")) {
            try parsed.onlyThese(["--batch"], in: "with --batch")
        }
        try parsed.onlyThese(["--batch", "--notice"], in: "with --batch")
    }
}

/// `policy` and `evaluate` find the checkout's `policies/` from any folder inside it (point 5).
@Suite struct PolicyFolderTests {
    @Test func theCheckoutsPoliciesAreFoundFromAnyFolderInside() {
        let expected = Repository.policies.standardizedFileURL.path
        for start in [Repository.root, Repository.policies, Repository.policies.appendingPathComponent("vocabulary"),
                      Repository.fixtures.appendingPathComponent("beijing")] {
            #expect(PolicyFolder.enclosing(start)?.standardizedFileURL.path == expected, "from \(start.path)")
        }
        #expect(PolicyFolder.enclosing(URL(fileURLWithPath: "/")) == nil)
    }

    @Test func anEditedCopyIsToldFromTheShippedOne() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policies-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Repository.policies, to: copy)
        #expect(PolicyFolder.sameContents(copy, Repository.policies))
        let file = copy.appendingPathComponent("national.json5")
        try (try String(contentsOf: file, encoding: .utf8) + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(!PolicyFolder.sameContents(copy, Repository.policies))
    }
}
