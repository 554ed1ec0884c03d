/// Writes a profile back as JSON, facts in the vocabulary's order, so that what an
/// interview built reads like a transcribed form and `evaluate` reads it as it is.
public struct ProfileEncoder: Sendable {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    public func encode(_ facts: [String: Value]) -> String {
        let members = vocabulary.facts.compactMap { fact in facts[fact.path].map { (fact.path, json($0)) } }
        return JSONOutput.object(members).serialized() + "\n"
    }

    func json(_ value: Value) -> JSONOutput {
        switch value {
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .int(number)
        case .decimal(let number): return .double(number)
        case .text(let text): return .string(text)
        case .date(let date): return .string(date.description)
        case .period(let period): return .string(period.description)
        case .list(let values): return .array(values.map(json))
        case .record(let record): return .object(record.fields.keys.sorted().map { ($0, json(record.fields[$0]!)) })
        }
    }
}
