/// Writes a profile back as JSON, facts in the vocabulary's order, so that what an
/// interview built reads like a transcribed form and `evaluate` reads it as it is.
public struct ProfileEncoder: Sendable {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// The facts as a profile; each path of `unknown` (`fact` or `list[index].field`) is
    /// written `null`: answered "not known", which `evaluate` reads as absent and a resumed
    /// interview does not ask again.
    public func encode(_ facts: [String: Value], unknown: Set<String> = []) -> String {
        let members: [(String, JSONOutput)] = vocabulary.facts.compactMap { fact in
            if let value = facts[fact.path] { return (fact.path, json(value, path: fact.path, unknown: unknown)) }
            return unknown.contains(fact.path) ? (fact.path, .null) : nil
        }
        return JSONOutput.object(members).serialized() + "\n"
    }

    private func json(_ value: Value, path: String, unknown: Set<String>) -> JSONOutput {
        guard case .list(let values) = value else { return json(value) }
        return .array(values.enumerated().map { index, element in
            guard case .record(let record) = element else { return json(element) }
            let prefix = "\(path)[\(index)]."
            let nulls = unknown.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.filter { record.fields[$0] == nil }
            return .object((Array(record.fields.keys) + nulls).sorted().map { ($0, record.fields[$0].map(json) ?? .null) })
        })
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
