import Foundation

/// Reads a typed answer to a question about one fact, as a reviewer types it at a
/// terminal: 是/否 or yes/no, a number, a date YYYY-MM-DD, a value by its id, its number
/// in the list shown, or its Chinese or English label; several values separated by commas.
/// What to type, and why an answer is asked again, are said in the reviewer's language.
public struct AnswerReader: Sendable {
    public let fact: FactDefinition
    public let asOf: CivilDate
    public let language: Language

    public init(fact: FactDefinition, asOf: CivilDate, language: Language = .en) {
        self.fact = fact
        self.asOf = asOf
        self.language = language
    }

    private func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// What to type, shown under the question: "是/否", "整数，0 至 5000", "日期 YYYY-MM-DD", ….
    /// The typing itself (the range, the date's form, commas between values); a report's
    /// question names only the kind of answer (`Words.typeHint`).
    public var hint: String {
        func words(_ type: ValueType) -> String {
            switch type {
            case .boolean: return say("是/否", "yes/no")
            case .integer:
                guard let minimum = fact.minimum, let maximum = fact.maximum else { return say("整数", "a whole number") }
                return say("整数，\(Int(minimum)) 至 \(Int(maximum))", "a whole number from \(Int(minimum)) to \(Int(maximum))")
            case .decimal: return say("数字，如 12.5", "a number, e.g. 12.5")
            case .text: return say("文字", "text")
            case .date: return say("日期 YYYY-MM-DD", "a date YYYY-MM-DD")
            case .period: return say("期间，如 3 months", "a period, e.g. 3 months")
            case .enumeration: return say("编号或 id", "a number or an id")
            case .list(let element): return words(element) + say("，可多项，以逗号分隔", "; several separated by commas")
            default: return say("逐项填写", "field by field")
            }
        }
        return words(fact.type)
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
            return fail(say("请回答“是”或“否”", "answer 是 or 否 (yes or no)"))
        case .integer:
            guard let number = Int(answer) else { return fail(say("请填整数，如 12", "answer a whole number, e.g. 12")) }
            if let minimum = fact.minimum, Double(number) < minimum {
                return fail(say("\(number) 小于可能的最小值 \(Int(minimum))", "\(number) is below the smallest possible value \(Int(minimum))"))
            }
            if let maximum = fact.maximum, Double(number) > maximum {
                return fail(say("\(number) 大于合理的最大值 \(Int(maximum))", "\(number) is above the largest plausible value \(Int(maximum))"))
            }
            return .success(.integer(number))
        case .decimal:
            guard let number = Double(answer), number.isFinite else { return fail(say("请填数字，如 12.5", "answer a number, e.g. 12.5")) }
            return .success(.decimal(number))
        case .text:
            return .success(.text(answer))
        case .date:
            guard let date = CivilDate(iso: answer) else {
                return fail(say("“\(answer)”不是日期；请按 YYYY-MM-DD 填写实有的日期，如 2025-03-01",
                                "\"\(answer)\" is not a date; answer an existing day written YYYY-MM-DD, e.g. 2025-03-01"))
            }
            if fact.isPastEvent, date > asOf {
                return fail(say("\(answer) 晚于评估日期 \(asOf)；此项是已发生的事", "\(answer) is after the as-of date \(asOf); this is a past event"))
            }
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
            return fail(say("此项逐项填写", "this fact is answered field by field"))
        }
    }

    /// A one-of value by id, by its number in the list shown (1-based), or by a label.
    private func choice(_ answer: String) -> Result<String, AnswerError> {
        if let number = Int(answer), (1...fact.values.count).contains(number) { return .success(fact.values[number - 1].id) }
        if let value = fact.values.first(where: { $0.id == answer || $0.label.zh == answer || $0.label.en.lowercased() == answer.lowercased() }) {
            return .success(value.id)
        }
        return .failure(AnswerError(message: say("“\(answer)”不是可选值；请填 1 至 \(fact.values.count) 的编号，或其 id",
                                                 "\"\(answer)\" is not one of the values; answer a number from 1 to \(fact.values.count), or an id")))
    }
}
