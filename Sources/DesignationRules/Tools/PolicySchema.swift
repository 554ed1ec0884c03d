/// JSON Schema (draft 2020-12) of a policy file (`<region>.json5`), the shape `PolicyLoader`
/// reads, so that an editor completes keys and flags a misplaced one while staff type. It
/// checks the shape only; names, expressions, citations against the texts and quotes are
/// `policy check`'s. README's "Policy files" section says what each key means.
public enum PolicySchema {
    public static func json() -> String {
        JSONOutput.object([
            ("$schema", .string(ProfileSchema.draft)),
            ("$id", .string("designation-policy")),
            ("title", .string("A policy file: one jurisdiction's designation rules")),
            ("type", .string("object")),
            ("properties", .object([
                ("id", text("the file name without .json5")),
                ("extends", text("the id of the policy this one changes (national)")),
                ("document", object([("title", text()), ("number", text()), ("issuer", text()), ("issued", date), ("source", text()),
                                     ("jurisdiction", ref("label"))], required: ["title", "number", "issuer"])),
                ("status", .object([("enum", .array(PolicyStatus.allCases.map { .string($0.rawValue) }))])),
                ("effective", object([("from", date), ("until", date)])),
                ("in_force_for", text("the judging date whose day decides which text is in force")),
                ("parameters", map(ref("parameter"))),
                ("dates", map(ref("date"))),
                ("scopes", map(ref("scope"))),
                ("procedure", ref("procedure")),
                ("procedures", map(ref("procedure"))),
                ("scope", ref("scope")),
                ("rules", array(ref("rule"))),
                ("deadlines", array(ref("deadline"))),
                ("waives", array(ref("waiver"))),
                ("not_encoded", array(ref("not_encoded"))),
            ])),
            ("required", .array(["id", "document", "status", "scope"].map(JSONOutput.string))),
            ("additionalProperties", .bool(false)),
            ("$defs", .object(definitions)),
        ]).serialized() + "\n"
    }

    static var definitions: [(String, JSONOutput)] {
        let quoted: [(String, JSONOutput)] = [("citation", ref("citation")), ("quote", text("the wording, verbatim from the official text"))]
        return [
            ("label", object([("zh", text()), ("en", text())], required: ["zh", "en"])),
            ("expression", text("an expression of the rule language (README: The expression language)")),
            ("citation", object(Citation.Part.allCases.map { ($0.rawValue, text("e.g. \($0.example)")) } + [("document", text("another policy's id, when citing it"))])),
            ("parameter", object([("value", text("one literal: 3 months, 100, 'text'"))] + quoted + [("label", ref("label")), ("replaces", boolean)],
                                 required: ["value", "citation", "quote", "label"])),
            ("date", object([("date", ref("expression")), ("label", ref("label"))] + quoted
                            + [("note", ref("label")), ("replaces", boolean), ("if_absent", text("\"as-of\""))],
                            required: ["date", "label", "citation", "quote"])),
            ("scope", .object([("anyOf", .array([
                text("the name of one of `scopes`"),
                object([("zh", text()), ("en", text()), ("note", ref("label")), ("applies_if", ref("expression")), ("judged_on", text()),
                        ("provisions", array(object(quoted, required: ["citation", "quote"])))], required: ["zh", "en"]),
            ]))])),
            ("outcome", object([("id", text()), ("label", ref("label")), ("when_failed", array(text("a kind"))), ("verdict", verdict)],
                               required: ["id", "label", "when_failed", "verdict"])),
            ("otherwise", object([("id", text()), ("label", ref("label")), ("verdict", verdict)], required: ["id", "label", "verdict"])),
            ("stage", object([("id", text()), ("label", ref("label")), ("judged_on", text("a judging date")), ("outcomes", array(ref("outcome"))),
                              ("otherwise", ref("otherwise"))], required: ["id", "label", "otherwise"])),
            ("procedure", object([("label", ref("label")), ("stages", array(ref("stage"))),
                                  ("kinds", map(object([("stage", text()), ("label", ref("label"))], required: ["stage", "label"]))),
                                  ("in_force_for", text()), ("scope", ref("scope")), ("sequential", boolean),
                                  ("verdicts", object(Verdict.allCases.map { ($0.rawValue, ref("label")) }))])),
            ("alternative", object(quoted + [("requires", ref("expression"))], required: ["citation", "quote", "requires"])),
            ("rule", .object(object([("id", text()), ("kind", text())] + quoted + [
                ("explain", ref("label")), ("note", ref("label")), ("replaces", text("the id of the inherited rule it replaces")),
                ("judged_on", text("a judging date")), ("next_possible", ref("expression")), ("shows", array(text("a top-level fact"))),
                ("applies_if", ref("expression")), ("requires", ref("expression")), ("fails_if", ref("expression")),
                ("alternatives", array(ref("alternative"))),
                ("also_cites", array(object(quoted, required: ["citation", "quote"]))),
            ], required: ["id", "kind", "citation", "quote", "explain"]).members + [("oneOf", exactlyOne("requires", "fails_if", "alternatives"))])),
            ("deadline", .object(object([("id", text())] + quoted + [
                ("label", ref("label")), ("note", ref("label")), ("replaces", text()), ("procedure", text()),
                ("when", array(text("stage:outcome"))), ("applies_if", ref("expression")),
                ("date", ref("expression")), ("term", ref("expression")), ("amount", ref("expression")),
            ], required: ["id", "citation", "quote", "label"]).members + [("oneOf", exactlyOne("date", "term", "amount"))])),
            ("not_encoded", object(quoted + [
                ("kind", .object([("enum", .array(NotEncoded.Kind.allCases.map { .string($0.rawValue) }))])),
                ("reason", text("why the unit is not encoded, in a few words")),
            ], required: ["citation", "kind", "quote", "reason"])),
            ("waiver", object([("rule", text("the id of the inherited rule set aside")), ("applies_if", ref("expression"))] + quoted
                              + [("explain", ref("label"))], required: ["rule", "citation", "quote", "explain"])),
        ]
    }

    static let boolean: JSONOutput = .object([("type", .string("boolean"))])
    static let date: JSONOutput = .object([("type", .string("string")), ("pattern", .string(ProfileSchema.datePattern))])
    /// The verdicts an outcome may give: not the two no stage decides (undetermined, out of scope).
    static let verdict: JSONOutput = .object([("enum", .array(Verdict.allCases.filter { $0 != .undetermined && $0 != .outOfScope }
        .map { .string($0.rawValue) }))])

    static func text(_ description: String? = nil) -> JSONOutput {
        .object([("type", .string("string"))] + (description.map { [("description", .string($0))] } ?? []))
    }

    static func ref(_ name: String) -> JSONOutput { .object([("$ref", .string("#/$defs/\(name)"))]) }
    static func array(_ items: JSONOutput) -> JSONOutput { .object([("type", .string("array")), ("items", items)]) }
    static func map(_ values: JSONOutput) -> JSONOutput { .object([("type", .string("object")), ("additionalProperties", values)]) }

    static func object(_ properties: [(String, JSONOutput)], required: [String] = []) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONOutput.string)))) }
        members.append(("additionalProperties", .bool(false)))
        return .object(members)
    }

    /// Exactly one of the keys is given.
    static func exactlyOne(_ keys: String...) -> JSONOutput {
        .array(keys.map { .object([("required", .array([.string($0)]))]) })
    }
}

extension JSONOutput {
    /// An object's members; none for any other value.
    var members: [(String, JSONOutput)] {
        if case .object(let members) = self { return members }
        return []
    }
}
