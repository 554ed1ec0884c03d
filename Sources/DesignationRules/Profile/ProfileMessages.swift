/// What a profile's problems say, in the reviewer's language: the key path as the file
/// writes it (in Chinese with the fact's label beside it), what was expected, and what
/// was found. The same information in both languages.
struct ProfileMessages: Sendable {
    let vocabulary: Vocabulary
    let language: Language

    /// What a value should have been.
    enum Expected {
        case boolean, wholeNumber, number, text, date, record, list, notDeclarable
        case oneOf([EnumValue])
        case records(FactDefinition)
        case recordWith(FactDefinition)
    }

    /// `` `bed_count` `` in English; `` `bed_count`（床位数） `` in Chinese, the label counting records from 1.
    func key(_ path: String) -> String {
        let quoted = "`\(path.quotedInMessage)`"
        guard language == .zh, vocabulary.definition(definitionPath(path)) != nil else { return quoted }
        return quoted + "（\(Describer.label(path: path, definition: definitionPath(path), vocabulary, .zh))）"
    }

    func wrongType(_ path: String, _ expected: Expected, unit: Label?, found node: JSONNode) -> String {
        let what = self.expected(expected) + self.unit(unit)
        return language == .zh ? "\(key(path))：应为\(what)，实为\(describe(node))"
                               : "\(key(path)): expected \(what), found \(describe(node))"
    }

    func tooMany(_ path: String, _ count: Int, limit: Int) -> String {
        language == .zh ? "\(key(path))：有 \(count) 项；一个列表至多 \(limit) 项"
                        : "\(key(path)): \(count) elements; a list may have at most \(limit)"
    }

    func badDate(_ path: String, _ text: String) -> String {
        language == .zh ? "\(key(path))：“\(text.quotedInMessage)”不是日期；应为写作 YYYY-MM-DD 的实有日期，如 2025-03-01"
                        : "\(key(path)): \"\(text.quotedInMessage)\" is not a date; expected an existing day written YYYY-MM-DD, e.g. 2025-03-01"
    }

    func futureDate(_ path: String, _ text: String, asOf: CivilDate, _ definition: FactDefinition) -> String {
        language == .zh ? "\(key(path))：\(text) 晚于评估日期 \(asOf)，而“\(definition.label.zh)”是已发生的事"
                        : "`\(path)`: \(text) is after the as-of date \(asOf), but \(definition.label.en.lowercased()) is a past event"
    }

    func unknownValue(_ path: String, _ value: String, near: String?, allowed: [EnumValue]) -> String {
        let listed = allowed.map { language == .zh ? "\($0.id)（\($0.label.zh)）" : $0.id }.joined(separator: language == .zh ? "、" : ", ")
        if language == .zh {
            return "\(key(path))：“\(value.quotedInMessage)”不是可选值" + (near.map { "；是否应为“\($0)”？" } ?? "") + "；可选值：" + listed
        }
        return "\(key(path)): \"\(value.quotedInMessage)\" is not an allowed value" + (near.map { "; did you mean \"\($0)\"?" } ?? "") + "; allowed: " + listed
    }

    /// A key the vocabulary (or a record's fields) does not declare.
    func undeclared(_ path: String, near: String?, record: FactDefinition?) -> String {
        let quoted = "`\(path.quotedInMessage)`"
        if language == .zh {
            let place = record.map { "“\($0.label.zh)”（`\($0.path)`）的字段" } ?? "事实词汇表"
            return "\(quoted) 未在\(place)中声明" + (near.map { "；是否应为 `\($0)`？" } ?? "")
        }
        let place = record.map { "the fields of `\($0.path)`" } ?? "the vocabulary"
        return "\(quoted) is not declared in \(place)" + (near.map { "; did you mean `\($0)`?" } ?? "")
    }

    func belowMinimum(_ path: String, _ written: String, _ minimum: String, unit: Label?) -> String {
        language == .zh ? "\(key(path))：\(written) 小于最小可能值 \(minimum)\(self.unit(unit))"
                        : "\(key(path)): \(written) is below the smallest possible value \(minimum)\(self.unit(unit))"
    }

    func aboveMaximum(_ path: String, _ written: String, _ maximum: String, unit: Label?) -> String {
        language == .zh ? "\(key(path))：\(written) 大于最大合理值 \(maximum)\(self.unit(unit))"
                        : "\(key(path)): \(written) is above the largest plausible value \(maximum)\(self.unit(unit))"
    }

    func notAnObject(_ node: JSONNode) -> String {
        language == .zh ? "申请人资料应为由各项事实组成的 JSON 对象，实为\(describe(node))"
                        : "a profile must be a JSON object of facts, found \(node.kindName)"
    }

    private func expected(_ expected: Expected) -> String {
        let zh = language == .zh
        switch expected {
        case .boolean: return zh ? "true 或 false（是或否）" : "true or false"
        case .wholeNumber: return zh ? "整数" : "a whole number"
        case .number: return zh ? "数值" : "a number"
        case .text: return zh ? "文字" : "text"
        case .date: return zh ? "写作 YYYY-MM-DD 的日期" : "a date written YYYY-MM-DD"
        case .record: return zh ? "记录" : "a record"
        case .list: return zh ? "列表" : "a list"
        case .notDeclarable: return zh ? "词汇表不能声明的值" : "a value the vocabulary cannot declare"
        case .oneOf(let values):
            return zh ? "下列之一：" + values.map { "\($0.id)（\($0.label.zh)）" }.joined(separator: "、")
                      : "one of: " + values.map(\.id).joined(separator: ", ")
        case .records(let fact): return zh ? "逐项填写的记录列表（\(fact.label.zh)）" : "a list of records"
        case .recordWith(let fact):
            return zh ? "记录，字段为 " + fact.fields.map { "\($0.name)（\($0.label.zh)）" }.joined(separator: "、")
                      : "a record with fields " + fact.fields.map(\.name).joined(separator: ", ")
        }
    }

    private func unit(_ unit: Label?) -> String {
        guard let unit else { return "" }
        return language == .zh ? "（\(unit.zh)）" : " (\(unit.en))"
    }

    private func describe(_ node: JSONNode) -> String {
        let zh = language == .zh
        switch node.value {
        case .string(let text): return zh ? "文字“\(text.quotedInMessage)”" : "the text \"\(text.quotedInMessage)\""
        case .number(let number): return zh ? "数字“\(number.text.quotedInMessage)”" : "the number \(number.text)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array: return zh ? "列表（JSON 数组）" : node.kindName
        case .object: return zh ? "对象（JSON 对象）" : node.kindName
        }
    }
}

extension DiagnosticList {
    /// One problem a line, as `description`, with the severity in the reader's language:
    /// `file:line:column: 错误：message [code]` (the code stays: tools and tests match it).
    public func text(_ language: Language) -> String {
        guard language == .zh else { return description }
        return diagnostics.map { diagnostic in
            let place = diagnostic.location.map { "\($0.description.escapingControls): " } ?? ""
            let severity = diagnostic.severity == .error ? "错误" : "警告"
            return "\(place)\(severity)：\(diagnostic.message.escapingControls) [\(diagnostic.code)]"
        }.joined(separator: "\n")
    }
}
