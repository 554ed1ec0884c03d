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

    /// How the decision made today (`today`) differs from this one: the decision's own
    /// differences (verdict, stages, rules), and those of the files and the tool.
    public func differences(from today: FiledDecision) -> (decision: [String], files: [String]) {
        var decision: [String] = []
        if verdict != today.verdict { decision.append("verdict: \(verdict) then, \(today.verdict) today") }
        let before = Dictionary(stages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for stage in today.stages where before[stage.id] != stage {
            let then = before[stage.id].map { Self.words($0) } ?? "absent"
            decision.append("stage \(stage.id): \(then) then, \(Self.words(stage)) today")
        }
        for stage in stages where !today.stages.contains(where: { $0.id == stage.id }) { decision.append("stage \(stage.id): absent today") }
        let statuses = Dictionary(rules.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        for rule in today.rules where statuses[rule.id] != rule.status {
            decision.append("rule \(rule.id): \(statuses[rule.id] ?? "absent") then, \(rule.status) today")
        }
        for rule in rules where !today.rules.contains(where: { $0.id == rule.id }) { decision.append("rule \(rule.id): \(rule.status) then, absent today") }

        var files: [String] = []
        if provenance.version != today.provenance.version { files.append("tool: version \(provenance.version) then, \(today.provenance.version) today") }
        let hashes = Dictionary(provenance.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in today.provenance.files {
            guard let then = hashes[file.path] else { files.append("\(file.path): new today"); continue }
            if then.sha256 != file.sha256 { files.append("\(file.path): changed (sha256 \(then.sha256.prefix(12))… then, \(file.sha256.prefix(12))… today)") }
            if then.document != file.document { files.append("\(file.path): document \(then.document ?? "none") then, \(file.document ?? "none") today") }
        }
        for file in provenance.files where !today.provenance.files.contains(where: { $0.path == file.path }) { files.append("\(file.path): gone today") }
        return (decision, files)
    }

    private static func words(_ stage: Stage) -> String {
        (stage.outcome ?? "undetermined") + (stage.reached ? "" : " (not reached)")
    }
}
