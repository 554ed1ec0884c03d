/// JSON Schema (draft 2020-12) of a vocabulary file (`policies/vocabulary/*.json5`), the
/// shape `VocabularyLoader` reads: `{facts: {name: {type, label, …}}}`, a one-of fact with
/// its `values`, a list with what it is a list `of`, records with their `fields`.
public enum VocabularySchema {
    public static func json() -> String {
        let scalars = VocabularyLoader.scalarTypes.keys.sorted()
        let value = PolicySchema.object([("id", PolicySchema.text()), ("zh", PolicySchema.text()), ("en", PolicySchema.text())],
                                        required: ["id", "zh", "en"])
        let fact: JSONOutput = .object(PolicySchema.object([
            ("type", .object([("enum", .array((scalars + ["enum", "list", "records"]).map(JSONOutput.string)))])),
            ("label", PolicySchema.ref("label")), ("unit", PolicySchema.ref("label")),
            ("form", PolicySchema.text("the field of the official application form the fact is read from")),
            ("min", .object([("type", .string("number"))])), ("max", .object([("type", .string("number"))])),
            ("past_event", PolicySchema.boolean), ("informational", PolicySchema.boolean),
            ("role", PolicySchema.text("what the fact is to reports, such as the applicant's name")),
            ("values", PolicySchema.array(value)),
            ("of", .object([("enum", .array((["enum"] + scalars).map(JSONOutput.string)))])),
            ("fields", PolicySchema.ref("facts")),
        ], required: ["type", "label"]).members + [("allOf", .array([
            needs("enum", ["values"]), needs("list", ["of"]), needs("records", ["fields"]),
        ]))])
        return JSONOutput.object([
            ("$schema", .string(ProfileSchema.draft)),
            ("$id", .string("designation-vocabulary")),
            ("title", .string("A vocabulary file: facts declared once, with type, labels and form field")),
            ("type", .string("object")),
            ("properties", .object([("facts", PolicySchema.ref("facts"))])),
            ("required", .array([.string("facts")])),
            ("additionalProperties", .bool(false)),
            ("$defs", .object([
                ("label", PolicySchema.object([("zh", PolicySchema.text()), ("en", PolicySchema.text())], required: ["zh", "en"])),
                ("facts", .object([("type", .string("object")), ("propertyNames", .object([("pattern", .string("^[A-Za-z][A-Za-z0-9_]*$"))])),
                                   ("additionalProperties", PolicySchema.ref("fact"))])),
                ("fact", fact),
            ])),
        ]).serialized() + "\n"
    }

    /// A fact of type `type` must have `keys`.
    static func needs(_ type: String, _ keys: [String]) -> JSONOutput {
        .object([("if", .object([("properties", .object([("type", .object([("const", .string(type))]))])), ("required", .array([.string("type")]))])),
                 ("then", .object([("required", .array(keys.map(JSONOutput.string)))]))])
    }
}
