/// JSON Schema (draft 2020-12) of a region's profiles, made from the vocabulary, so that an
/// editor completes the facts and flags a wrong type or value while staff type: every fact
/// with its type, allowed values (ids, with their labels), bounds and labels as description.
///
/// It accepts what `evaluate` accepts, except what a schema cannot know: a past-event date
/// later than the as-of date. The region's own facts (those its rules, deadlines, scope and
/// judging days read, in any procedure) come first and are named in the description; the
/// rest of the vocabulary is allowed, as the decoder allows it, and marked as not read.
public struct ProfileSchema: Sendable {
    public static let draft = "https://json-schema.org/draft/2020-12/schema"
    /// A day as profiles write it; the day itself is checked by `evaluate` (2026-02-30).
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

    public let policies: PolicySet
    public let region: String

    public init(policies: PolicySet, region: String) {
        self.policies = policies
        self.region = region
    }

    /// The facts the region's procedures read, by path.
    var regionFacts: Set<String> {
        guard let policy = policies.policies[region] else { return [] }
        var paths: Set<String> = []
        for procedure in policy.procedures {
            guard let evaluator = Evaluator(policy: policy, calendar: policies.calendar, procedure: procedure.id) else { continue }
            paths.formUnion(Template(evaluator: evaluator, vocabulary: policies.vocabulary, language: .en).facts.map(\.path))
        }
        return paths
    }

    public func json() -> String {
        let own = regionFacts
        let facts = policies.vocabulary.facts.filter { own.contains($0.path) } + policies.vocabulary.facts.filter { !own.contains($0.path) }
        let title = policies.policies[region].map { "\($0.document.title) \($0.document.number)" } ?? region
        return JSONOutput.object([
            ("$schema", .string(Self.draft)),
            ("$id", .string("designation-profile/\(region)")),
            ("title", .string("Profile for \(region): \(title)")),
            ("description", .string("An applicant's facts, as `evaluate PROFILE --region \(region)` reads them. Leave a fact out, or null, when it is not known.")),
            ("type", .string("object")),
            ("properties", .object(facts.map { ($0.path, schema(of: $0, readByRegion: own.contains($0.path))) })),
            ("additionalProperties", .bool(false)),
        ]).serialized() + "\n"
    }

    func schema(of fact: FactDefinition, readByRegion: Bool?) -> JSONOutput {
        var description = "\(fact.label.zh) — \(fact.label.en)"
        if let unit = fact.unit { description += " (\(unit.zh), \(unit.en))" }
        if let form = fact.form { description += "\nForm: \(form)" }
        if readByRegion == false { description += "\nNot read by \(region)'s rules." }
        var members: [(String, JSONOutput)] = [("description", .string(description))]
        let value = valueSchema(fact.type, fact)
        // null is "not known", for every fact.
        members.append(("anyOf", .array([value, .object([("type", .string("null"))])])))
        return .object(members)
    }

    func valueSchema(_ type: ValueType, _ fact: FactDefinition) -> JSONOutput {
        switch type {
        case .boolean: return .object([("type", .string("boolean"))])
        case .integer: return .object([("type", .string("integer"))] + bounds(fact))
        case .decimal: return .object([("type", .string("number"))] + bounds(fact))
        case .text: return .object([("type", .string("string"))])
        case .date: return .object([("type", .string("string")), ("pattern", .string(Self.datePattern)), ("format", .string("date"))])
        case .enumeration:
            return .object([("enum", .array(fact.values.map { .string($0.id) })),
                            ("description", .string(fact.values.map { "\($0.id): \($0.label.zh) — \($0.label.en)" }.joined(separator: "\n")))])
        case .list(.record):
            let fields = fact.fields.map { ($0.name, schema(of: $0, readByRegion: nil)) }
            let record: JSONOutput = .object([("type", .string("object")), ("properties", .object(fields)), ("additionalProperties", .bool(false))])
            return .object([("type", .string("array")), ("maxItems", .int(ProfileDecoder.maxListElements)), ("items", record)])
        case .list(let element):
            // A list's elements cannot be null: unknown is said of the whole list.
            return .object([("type", .string("array")), ("maxItems", .int(ProfileDecoder.maxListElements)), ("items", valueSchema(element, fact))])
        case .period, .record, .emptyList:
            return .object([("not", .object([]))])
        }
    }

    func bounds(_ fact: FactDefinition) -> [(String, JSONOutput)] {
        var members: [(String, JSONOutput)] = []
        if let minimum = fact.minimum { members.append(("minimum", number(minimum))) }
        if let maximum = fact.maximum { members.append(("maximum", number(maximum))) }
        return members
    }

    func number(_ value: Double) -> JSONOutput {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }
}
