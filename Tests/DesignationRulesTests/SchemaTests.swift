import Foundation
import Testing
@testable import DesignationRules

/// `policy schema`: the schemas accept every shipped policy and every fixture profile, and
/// refuse what `policy check` and `evaluate` refuse, as an independent validator reads them.
@Suite struct SchemaTests {
    static let policySchema = try! JSONSchemaValidator(PolicySchema.json())
    static let profileSchemas = Dictionary(uniqueKeysWithValues: Repository.policySet.regionIDs.map { region in
        (region, try! JSONSchemaValidator(ProfileSchema(policies: Repository.policySet, region: region).json()))
    })

    static func parse(_ url: URL) throws -> JSONNode {
        try JSON5.parse(Array(try Data(contentsOf: url)), file: url.path)
    }

    @Test func everyShippedPolicyFileValidates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.policies.path).filter { $0.hasSuffix(".json5") }
        #expect(files.count == Repository.policySet.regionIDs.count)
        for file in files {
            let errors = Self.policySchema.errors(try Self.parse(Repository.policies.appendingPathComponent(file)))
            #expect(errors.isEmpty, "\(file): \(errors.prefix(5))")
        }
    }

    @Test func everyShippedVocabularyFileValidates() throws {
        let validator = try JSONSchemaValidator(VocabularySchema.json())
        let folder = Repository.policies.appendingPathComponent(PolicySet.vocabularyFolder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json5") }
        #expect(files.count >= 5)
        for file in files {
            let errors = validator.errors(try Self.parse(folder.appendingPathComponent(file)))
            #expect(errors.isEmpty, "\(file): \(errors.prefix(5))")
        }
        for (mistake, old, new) in [("a list that does not say what of", #"type: "enum""#, #"type: "list""#), ("an unknown type", #"type: "date""#, #"type: "day""#),
                                    ("a fact name with a dash", "operation_start_date:", #""operation-start-date":"#)] {
            var text = try String(contentsOf: folder.appendingPathComponent("common.json5"), encoding: .utf8)
            let range = try #require(text.range(of: old), "\(mistake)")
            text.replaceSubrange(range, with: new)
            #expect(!validator.errors(try JSON5.parse(Array(text.utf8), file: "common.json5")).isEmpty, "\(mistake) validates")
        }
    }

    /// The mistakes a policy editor makes that the schema can see while typing.
    @Test(arguments: [
        ("a misspelt key", #"requires: "licence in"#, #"require: "licence in"#),
        ("a rule with two tests", #"requires: "#, #"fails_if: "true", requires: "#),
        ("a status outside the list", #"status: "in-force""#, #"status: "in force""#),
        ("a quote that is not text", #"quote: "正式运营至少3个月""#, #"quote: 3"#),
    ])
    func damagedPolicyFilesDoNotValidate(_ mistake: String, _ old: String, _ new: String) throws {
        var text = try String(contentsOf: Repository.policies.appendingPathComponent("national.json5"), encoding: .utf8)
        let range = try #require(text.range(of: old), "\(mistake): `\(old)` is not in national.json5")
        text.replaceSubrange(range, with: new)
        let root = try JSON5.parse(Array(text.utf8), file: "national.json5")
        #expect(!Self.policySchema.errors(root).isEmpty, "\(mistake) validates")
    }

    @Test func everyFixtureProfileValidatesAgainstItsRegion() throws {
        let fixtures = Fixture.all(in: Repository.fixtures)
        #expect(fixtures.count > 100)
        for fixture in fixtures {
            let validator = try #require(Self.profileSchemas[fixture.region])
            let errors = validator.errors(try Self.parse(fixture.profile))
            #expect(errors.isEmpty, "\(fixture.region)/\(fixture.name): \(errors.prefix(5))")
        }
    }

    @Test func theProfileSchemaDescribesEveryFactWithItsLabelAndValues() throws {
        let schema = try JSON5.parse(Array(ProfileSchema(policies: Repository.policySet, region: "national").json().utf8), file: "schema")
        let properties = try #require(schema.member("properties")?.value.members)
        #expect(properties.count == Repository.policySet.vocabulary.facts.count)
        for fact in Repository.policySet.vocabulary.facts {
            let property = try #require(properties.first { $0.key == fact.path }?.value)
            #expect(property.member("description")?.value.string?.contains(fact.label.zh) == true)
            if case .enumeration = fact.type {
                let allowed = property.member("anyOf")?.value.array?.first?.member("enum")?.value.array?.compactMap(\.string)
                #expect(allowed == fact.values.map(\.id))
            }
        }
    }

    /// The damaged profiles of the robustness tests (bytes flipped, deleted, duplicated,
    /// truncated), those still JSON: the schema refuses each one the decoder refuses and
    /// accepts each one it accepts, but for what a schema cannot see (a day that does not
    /// exist, such as 2026-02-30).
    @Test func damagedProfilesAreRefusedAsTheDecoderRefusesThem() throws {
        var state: UInt64 = 7
        func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        let fixtures = Fixture.all(in: Repository.fixtures).filter { $0.region == "national" }
        let profiles = fixtures.compactMap { FileManager.default.contents(atPath: $0.profile.path).map { [UInt8]($0) } }
        let decoder = ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2999-12-31")!)
        let validator = try #require(Self.profileSchemas["national"])
        let interesting: [UInt8] = Array("{}[]\",:0123456789-.eE truefalsenull".utf8)
        var refusedByBoth = 0, acceptedByBoth = 0
        for _ in 0..<1_500 {
            var bytes = profiles[below(profiles.count)]
            for _ in 0..<(1 + below(3)) {
                let at = below(bytes.count)
                switch below(3) {
                case 0: bytes[at] = interesting[below(interesting.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + below(20))], at: at)
                }
            }
            guard let root = try? JSON5.parse(bytes, file: "damaged") else { continue }
            let schemaErrors = validator.errors(root)
            do {
                _ = try decoder.decode(root, source: "damaged")
                #expect(schemaErrors.isEmpty, "the decoder accepts, the schema refuses: \(schemaErrors.prefix(3)) in \(String(decoding: bytes, as: UTF8.self).prefix(300))")
                acceptedByBoth += 1
            } catch {
                if error.diagnostics.allSatisfy({ $0.code == "bad-date" }) { continue }
                #expect(!schemaErrors.isEmpty, "the decoder refuses (\(error.diagnostics.first!)), the schema accepts")
                refusedByBoth += 1
            }
        }
        // Both kinds occur, or the test would prove nothing.
        #expect(refusedByBoth > 100 && acceptedByBoth > 20, "\(refusedByBoth) refused, \(acceptedByBoth) accepted")
    }
}
