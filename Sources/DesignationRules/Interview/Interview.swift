/// The state of an interview: the facts answered so far, and the next question the
/// rules need answered to settle the decision. The executable asks and reads; this
/// type decides what to ask and applies the answers.
public struct Interview: Sendable {
    public let evaluator: Evaluator
    public let vocabulary: Vocabulary
    public let asOf: CivilDate
    public private(set) var facts: [String: Value]
    /// Questions the reviewer could not answer: not asked again.
    public private(set) var skipped: Set<String> = []

    /// Starts from `facts`; the paths in `unknown` were answered "not known" before (a
    /// profile saved by an interview marks them `null`) and are not asked again.
    public init(evaluator: Evaluator, vocabulary: Vocabulary, asOf: CivilDate, facts: [String: Value] = [:], unknown: Set<String> = []) {
        self.evaluator = evaluator
        self.vocabulary = vocabulary
        self.asOf = asOf
        self.facts = facts
        self.skipped = unknown
    }

    /// The paths a profile marks unknown with `null`: `fact`, or `list[index].field` for a
    /// field of a record, as an interview's questions name them.
    public static func unknownPaths(in root: JSONNode) -> Set<String> {
        var paths: Set<String> = []
        for member in root.members ?? [] {
            if case .null = member.value.value { paths.insert(member.key) }
            for (index, element) in (member.value.array ?? []).enumerated() {
                for field in element.members ?? [] {
                    if case .null = field.value.value { paths.insert("\(member.key)[\(index)].\(field.key)") }
                }
            }
        }
        return paths
    }

    public var evaluation: Evaluation { evaluator.evaluate(Profile(facts: facts, source: "interview"), asOf: asOf) }

    /// A question: the fact's path in the profile and its declaration. For a list of
    /// records, the question is how many there are; their fields are asked next.
    public struct Question: Sendable {
        public var path: String
        public var fact: FactDefinition
        public var asksCount: Bool { if case .list(.record) = fact.type { return true } else { return false } }
    }

    /// The next question, or nil when the decision is settled (or nothing askable is left).
    /// A fact a rule tests with `known(…)` (was a supplement notice given?) is asked too
    /// before the decision counts as settled: its absence decided the rule, and an
    /// interview cannot tell "not given" from "not yet asked".
    public func next() -> Question? {
        let evaluation = self.evaluation
        var candidates = evaluation.questions
        for result in evaluation.rules {
            for case .absent(let path, _) in result.evidence where !candidates.contains(path) { candidates.append(path) }
        }
        // A date the rules are judged on (the day the application was received) that the
        // profile does not give: the as-of date stood in for it; ask it as well.
        for path in evaluation.standIns where !candidates.contains(path) { candidates.append(path) }
        for path in candidates where !skipped.contains(path) && !answered.contains(path) {
            if let fact = vocabulary.definition(definitionPath(path)) { return Question(path: path, fact: fact) }
        }
        return nil
    }

    /// Paths answered so far (an answer may leave a fact absent on purpose: none given).
    private var answered: Set<String> = []

    /// Records an answer: a value, or that the reviewer does not know.
    public mutating func answer(_ question: Question, with answer: AnswerReader.Answer) {
        answered.insert(question.path)
        guard case .value(let value) = answer else {
            skipped.insert(question.path)
            return
        }
        if question.asksCount, case .integer(let count) = value {
            set(question.path, .list(Array(repeating: .record(Record([:])), count: max(0, min(count, 50)))))
        } else {
            set(question.path, value)
        }
    }

    /// Sets `name` or `name[index].field`.
    private mutating func set(_ path: String, _ value: Value) {
        guard let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"),
              let index = Int(path[path.index(after: open)..<close]) else {
            facts[path] = value
            return
        }
        let name = String(path[..<open])
        let field = String(path[path.index(close, offsetBy: 2)...])
        guard case .list(var records)? = facts[name], records.indices.contains(index),
              case .record(var record) = records[index] else { return }
        record.fields[field] = value
        records[index] = .record(record)
        facts[name] = .list(records)
    }
}
