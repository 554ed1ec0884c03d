import Foundation

/// What a JSON report records so that its decision can be reproduced later: the tool's
/// version, the procedure, a hash of the profile, and each file that decided — the text
/// of the region and those it extends (with their document numbers), their notices, the
/// vocabulary and the holiday calendar — by its path in the policy folder and its SHA-256.
public struct Provenance: Sendable {
    public struct File: Sendable, Equatable {
        /// The path under the policy folder, `national.json5`, `vocabulary/common.json5`.
        public var path: String
        /// The document number of a policy text (国家医疗保障局令第2号); nil for other files.
        public var document: String?
        public var sha256: String
    }

    public var version: String
    public var procedure: String
    public var profileSHA256: String
    public var files: [File]

    init(version: String, procedure: String, profileSHA256: String, files: [File]) {
        (self.version, self.procedure, self.profileSHA256, self.files) = (version, procedure, profileSHA256, files)
    }

    /// The files of `policies` that decided `evaluation`, hashed as they are now on disk.
    public init(policies: PolicySet, evaluation: Evaluation, profile: [UInt8]) {
        version = ToolVersion.current
        procedure = evaluation.procedure.id
        profileSHA256 = SHA256.hex(profile)
        let texts = [evaluation.policy] + evaluation.policy.ancestors
        var paths: [(String, String?)] = texts.map { ("\($0.id).json5", $0.document.number) }
        paths += texts.map { ("notices/\($0.id).json5", nil) }
        paths += PolicySet.jsonFiles(in: policies.directory.appendingPathComponent(PolicySet.vocabularyFolder)).map { ("\(PolicySet.vocabularyFolder)/\($0)", nil) }
        paths.append((PolicySet.calendarFile, nil))
        files = paths.compactMap { path, document in
            FileManager.default.contents(atPath: policies.directory.appendingPathComponent(path).path)
                .map { File(path: path, document: document, sha256: SHA256.hex($0)) }
        }
    }

    public var json: JSONOutput {
        .object([
            ("tool", .string("evaluate")),
            ("version", .string(version)),
            ("procedure", .string(procedure)),
            ("profile_sha256", .string(profileSHA256)),
            ("files", .array(files.map { file in
                .object([("path", .string(file.path)), ("document", file.document.map(JSONOutput.string) ?? .null), ("sha256", .string(file.sha256))])
            })),
        ])
    }

    /// A JSON report with this provenance added as its last key, `provenance`.
    public func stamped(_ report: JSONOutput) -> JSONOutput {
        guard case .object(let members) = report else { return report }
        return .object(members + [("provenance", json)])
    }
}
