/// The interview's words, in the reviewer's language: the kind of answer a question takes,
/// the question's subject (a record's field counted from 1), the choices, and why an
/// answer is asked again. Kept apart from the interview's flow, which only asks and reads.
public enum InterviewWords {
    /// `（整数，张；不知道请直接回车）`-like hint: the kind of answer, with the unit, and how to skip.
    public static func hint(_ fact: FactDefinition, _ language: Language) -> String {
        var hint = fact.values.isEmpty ? Words.typeHint(fact.type, language)
            : language == .zh ? "填编号或名称" : "a number or an id"
        if fact.values.isEmpty, let unit = fact.unit { hint += Words.listSeparator(language) + unit.text(language) }
        if case .list = fact.type, !fact.values.isEmpty { hint += language == .zh ? "，可多项，以逗号分隔" : "; several separated by commas" }
        return language == .zh ? "（\(hint)；不知道请直接回车）" : "(\(hint); press Enter if not known)"
    }

    /// What a question asks about: the fact's label; a record's field as "医师第1项的姓名".
    public static func subject(_ path: String, _ fact: FactDefinition, _ vocabulary: Vocabulary, _ language: Language) -> String {
        path == fact.path ? fact.label.text(language) : Describer.label(path: path, definition: fact.path, vocabulary, language)
    }

    /// One choice of a one-of question: its number, and its label (with the id in English,
    /// which the profile file uses).
    public static func choice(_ number: Int, _ value: EnumValue, _ language: Language) -> String {
        language == .zh ? "\(number)) \(value.label.zh)" : "\(number)) \(value.id)  \(value.label.en)"
    }

    // Why an answer is asked again (AnswerReader).
    static func yesOrNo(_ language: Language) -> String {
        language == .zh ? "请回答“是”或“否”" : "answer 是 or 否 (yes or no)"
    }
    static func wholeNumber(_ language: Language) -> String {
        language == .zh ? "请回答一个整数，如 12" : "answer a whole number, e.g. 12"
    }
    static func number(_ language: Language) -> String {
        language == .zh ? "请回答一个数值，如 12.5" : "answer a number, e.g. 12.5"
    }
    static func below(_ number: Int, _ minimum: Int, _ language: Language) -> String {
        language == .zh ? "\(number) 小于最小可能值 \(minimum)" : "\(number) is below the smallest possible value \(minimum)"
    }
    static func above(_ number: Int, _ maximum: Int, _ language: Language) -> String {
        language == .zh ? "\(number) 大于最大合理值 \(maximum)" : "\(number) is above the largest plausible value \(maximum)"
    }
    static func notADate(_ answer: String, _ language: Language) -> String {
        language == .zh ? "“\(answer)”不是日期；请回答写作 YYYY-MM-DD 的实有日期，如 2025-03-01"
                        : "\"\(answer)\" is not a date; answer an existing day written YYYY-MM-DD, e.g. 2025-03-01"
    }
    static func futureDate(_ answer: String, _ asOf: CivilDate, _ language: Language) -> String {
        language == .zh ? "\(answer) 晚于评估日期 \(asOf)；这是已发生的事" : "\(answer) is after the as-of date \(asOf); this is a past event"
    }
    static func fieldByField(_ language: Language) -> String {
        language == .zh ? "此项逐个字段回答" : "this fact is answered field by field"
    }
    static func notAChoice(_ answer: String, _ count: Int, _ language: Language) -> String {
        language == .zh ? "“\(answer)”不是所列选项；请回答 1 至 \(count) 的编号，或选项名称"
                        : "\"\(answer)\" is not one of the values; answer a number from 1 to \(count), or an id"
    }
}
