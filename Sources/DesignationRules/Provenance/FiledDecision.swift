/// The decision a JSON report (`--format json`, with its `provenance`) records, read back
/// so that it can be compared with the decision made today (`evaluate --verify`).
public struct FiledDecision: Sendable {
    public var region: String
    public var asOf: CivilDate
    public var verdict: String
    /// Each stage's id, its outcome (nil: undetermined) and whether it was reached.
    public var stages: [Stage]
    /// Each rule's id and status.
    public var rules: [Rule]
    public var provenance: Provenance

    public struct Stage: Sendable, Equatable { public var id: String; public var outcome: String?; public var reached: Bool }
    public struct Rule: Sendable, Equatable { public var id: String; public var status: String }

    /// Why a report cannot be read back: the file, and the key that is missing or wrong.
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a report; `file` names it in errors.
    public init(report bytes: [UInt8], file: String) throws(ReadError) {
        let root: JSONNode
        do { root = try JSON5.parse(bytes, file: file) } catch { throw ReadError(description: "\(error)") }
        func need(_ node: JSONNode?, _ key: String, in place: String = "the report") throws(ReadError) -> JSONNode {
            guard let value = node?.member(key)?.value else {
                throw ReadError(description: "\(file): \(place) has no `\(key)`; expected a JSON report of `evaluate --format json` (schema \(JSONReport.schema)) with its `provenance`")
            }
            return value
        }
        func text(_ node: JSONNode?, _ key: String, in place: String = "the report") throws(ReadError) -> String {
            let value = try need(node, key, in: place)
            guard let string = value.string else { throw ReadError(description: "\(value.location): `\(key)`: expected text, found \(value.kindName)") }
            return string
        }
        let schema = try text(root, "schema")
        guard schema == JSONReport.schema else {
            throw ReadError(description: "\(file): a report of schema \(schema); this version reads \(JSONReport.schema)")
        }
        region = try text(root, "region")
        let asOfNode = try need(root, "as_of")
        guard let date = asOfNode.string.flatMap(CivilDate.init(iso:)) else { throw ReadError(description: "\(asOfNode.location): `as_of`: expected a date YYYY-MM-DD") }
        asOf = date
        verdict = try text(root, "verdict")
        stages = []
        for stage in try need(root, "stages").array ?? [] {
            stages.append(Stage(id: try text(stage, "id", in: "a stage"), outcome: stage.member("outcome")?.value.string,
                                reached: stage.member("reached")?.value.bool ?? true))
        }
        rules = []
        for rule in try need(root, "rules").array ?? [] {
            rules.append(Rule(id: try text(rule, "id", in: "a rule"), status: try text(rule, "status", in: "a rule")))
        }
        let filed = try need(root, "provenance")
        var files: [Provenance.File] = []
        for entry in try need(filed, "files", in: "`provenance`").array ?? [] {
            files.append(Provenance.File(path: try text(entry, "path", in: "a file of `provenance`"), document: entry.member("document")?.value.string,
                                         sha256: try text(entry, "sha256", in: "a file of `provenance`")))
        }
        provenance = Provenance(version: try text(filed, "version", in: "`provenance`"), procedure: try text(filed, "procedure", in: "`provenance`"),
                                profileSHA256: try text(filed, "profile_sha256", in: "`provenance`"), files: files)
    }

    /// One way in which the decision made today differs from the filed one, or the files
    /// and tool that made it. `nil` stands for "absent" (a stage or rule no longer there,
    /// an outcome still open, a file added or gone).
    public enum Difference: Sendable, Equatable {
        case verdict(then: String, today: String)
        case stage(id: String, then: String?, today: String?)
        case rule(id: String, then: String?, today: String?)
        case version(then: String, today: String)
        case file(path: String, then: Provenance.File?, today: Provenance.File?)
    }

    /// How the decision made today (`today`) differs from this one: the decision's own
    /// differences (verdict, stages, rules), and those of the files and the tool.
    public func differences(from today: FiledDecision) -> (decision: [Difference], files: [Difference]) {
        var decision: [Difference] = []
        if verdict != today.verdict { decision.append(.verdict(then: verdict, today: today.verdict)) }
        let stagesThen = Dictionary(stages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for stage in today.stages where stagesThen[stage.id] != stage {
            decision.append(.stage(id: stage.id, then: stagesThen[stage.id].map(Self.words), today: Self.words(stage)))
        }
        for stage in stages where !today.stages.contains(where: { $0.id == stage.id }) {
            decision.append(.stage(id: stage.id, then: Self.words(stage), today: nil))
        }
        let statuses = Dictionary(rules.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        for rule in today.rules where statuses[rule.id] != rule.status {
            decision.append(.rule(id: rule.id, then: statuses[rule.id], today: rule.status))
        }
        for rule in rules where !today.rules.contains(where: { $0.id == rule.id }) { decision.append(.rule(id: rule.id, then: rule.status, today: nil)) }

        var files: [Difference] = []
        if provenance.version != today.provenance.version { files.append(.version(then: provenance.version, today: today.provenance.version)) }
        let filesThen = Dictionary(provenance.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in today.provenance.files where filesThen[file.path] != file {
            files.append(.file(path: file.path, then: filesThen[file.path], today: file))
        }
        for file in provenance.files where !today.provenance.files.contains(where: { $0.path == file.path }) {
            files.append(.file(path: file.path, then: file, today: nil))
        }
        return (decision, files)
    }

    /// A stage's outcome as the report records it, "(not reached)" marked.
    private static func words(_ stage: Stage) -> String {
        (stage.outcome ?? "undetermined") + (stage.reached ? "" : " (not reached)")
    }
}
