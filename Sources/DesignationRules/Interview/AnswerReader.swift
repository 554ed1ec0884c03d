import Foundation

/// Reads a typed answer to a question about one fact, as a reviewer types it at a
/// terminal: 是/否 or yes/no, a number, a date YYYY-MM-DD, a value by its id, its number
/// in the list shown, or its Chinese or English label; several values separated by commas.
public struct AnswerReader: Sendable {
    public let fact: FactDefinition
    public let asOf: CivilDate
    /// The language of the reasons an answer is asked again.
    public let language: Language

    public init(fact: FactDefinition, asOf: CivilDate, language: Language = .en) {
        self.fact = fact
        self.asOf = asOf
        self.language = language
    }

    public enum Answer: Equatable, Sendable {
        case value(Value)
        /// The reviewer does not know: the fact stays unknown.
        case skip
    }

    /// The answer, or a message saying what was expected (the question is asked again).
    public func read(_ text: String) -> Result<Answer, AnswerError> {
        let answer = text.trimmingCharacters(in: .whitespaces)
        if answer.isEmpty || ["?", "？", "不知道", "unknown", "skip"].contains(answer) { return .success(.skip) }
        return value(answer, type: fact.type).map(Answer.value)
    }

    public struct AnswerError: Error, Equatable, Sendable { public var message: String }

    private func value(_ answer: String, type: ValueType) -> Result<Value, AnswerError> {
        func fail(_ message: String) -> Result<Value, AnswerError> { .failure(AnswerError(message: message)) }
        switch type {
        case .boolean:
            if ["是", "有", "y", "yes", "true", "1"].contains(answer.lowercased()) { return .success(.boolean(true)) }
            if ["否", "无", "没有", "n", "no", "false", "0"].contains(answer.lowercased()) { return .success(.boolean(false)) }
            return fail(InterviewWords.yesOrNo(language))
        case .integer:
            guard let number = Int(answer) else { return fail(InterviewWords.wholeNumber(language)) }
            if let minimum = fact.minimum, Double(number) < minimum { return fail(InterviewWords.below(number, Int(minimum), language)) }
            if let maximum = fact.maximum, Double(number) > maximum { return fail(InterviewWords.above(number, Int(maximum), language)) }
            return .success(.integer(number))
        case .decimal:
            guard let number = Double(answer), number.isFinite else { return fail(InterviewWords.number(language)) }
            return .success(.decimal(number))
        case .text:
            return .success(.text(answer))
        case .date:
            guard let date = CivilDate(iso: answer) else { return fail(InterviewWords.notADate(answer, language)) }
            if fact.isPastEvent, date > asOf { return fail(InterviewWords.futureDate(answer, asOf, language)) }
            return .success(.date(date))
        case .enumeration:
            return choice(answer).map { .text($0) }
        case .list(.enumeration):
            var values: [Value] = []
            for part in answer.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) {
                switch choice(part.trimmingCharacters(in: .whitespaces)) {
                case .success(let id): values.append(.text(id))
                case .failure(let error): return .failure(error)
                }
            }
            return .success(.list(values))
        case .list(let element):
            var values: [Value] = []
            for part in answer.split(separator: ",") {
                switch value(part.trimmingCharacters(in: .whitespaces), type: element) {
                case .success(let item): values.append(item)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(.list(values))
        default:
            return fail(InterviewWords.fieldByField(language))
        }
    }

    /// A one-of value by id, by its number in the list shown (1-based), or by a label.
    private func choice(_ answer: String) -> Result<String, AnswerError> {
        if let number = Int(answer), (1...fact.values.count).contains(number) { return .success(fact.values[number - 1].id) }
        if let value = fact.values.first(where: { $0.id == answer || $0.label.zh == answer || $0.label.en.lowercased() == answer.lowercased() }) {
            return .success(value.id)
        }
        return .failure(AnswerError(message: InterviewWords.notAChoice(answer, fact.values.count, language)))
    }
}
