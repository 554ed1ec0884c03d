/// The tool's own words (not the regulations'): status names and headings, in both languages.
enum Words {
    /// A rule's status in words. For a ground that fails the applicant when it holds
    /// (`fails_if`), "pass" means the ground is absent: saying "符合" would read as
    /// "the refusal ground is met", so such rules get words of their own.
    static func status(_ status: RuleStatus, polarity: Rule.Polarity, _ language: Language) -> String {
        switch (polarity, status, language) {
        case (.failsIf, .pass, .zh): return "✓ 无此情形"
        case (.failsIf, .fail, .zh): return "✗ 存在此情形"
        case (.failsIf, .pass, .en): return "✓ absent"
        case (.failsIf, .fail, .en): return "✗ APPLIES"
        default: break
        }
        let mark = switch status {
        case .pass: "✓ "
        case .fail: "✗ "
        case .unknown: "? "
        case .notApplicable, .waived: "– "
        }
        return mark + self.status(status, language)
    }

    static func status(_ status: RuleStatus, _ language: Language) -> String {
        switch (status, language) {
        case (.pass, .zh): return "符合"
        case (.fail, .zh): return "不符合"
        case (.unknown, .zh): return "待定"
        case (.notApplicable, .zh): return "不适用"
        case (.waived, .zh): return "豁免"
        case (.pass, .en): return "pass"
        case (.fail, .en): return "FAIL"
        case (.unknown, .en): return "unknown"
        case (.notApplicable, .en): return "n/a"
        case (.waived, .en): return "waived"
        }
    }

    static func verdict(_ verdict: Verdict, _ language: Language) -> String {
        switch (verdict, language) {
        case (.eligible, .zh): return "符合定点条件"
        case (.ineligible, .zh): return "不符合定点条件"
        case (.incomplete, .zh): return "需补充材料"
        case (.deferred, .zh): return "本次不予办理，应于规定的申请时间另行提交"
        case (.deferred, .en): return "not handled now: to be made again at the time the text sets"
        case (.undetermined, .zh): return "尚不能确定（缺少信息）"
        case (.outOfScope, .zh): return "不属于本文件适用范围"
        case (.outOfScope, .en): return "out of scope of this text"
        case (.eligible, .en): return "eligible"
        case (.ineligible, .en): return "not eligible"
        case (.incomplete, .en): return "materials to supplement"
        case (.undetermined, .en): return "undetermined (facts missing)"
        }
    }

    /// The words of the expression language in a report (`today`, `and`, the functions);
    /// nil for a name that is not one of them (a fact, a parameter).
    static func expressionWord(_ name: String, _ language: Language) -> String? {
        let words: [String: Label] = [
            "today": Label(zh: "判断之日", en: "the day judged"),
            "and": Label(zh: "且", en: "and"), "or": Label(zh: "或", en: "or"), "not": Label(zh: "并非", en: "not"),
            "in": Label(zh: "属于", en: "in"), "if": Label(zh: "若", en: "if"), "then": Label(zh: "则", en: "then"),
            "else": Label(zh: "否则", en: "else"), "true": Label(zh: "是", en: "yes"), "false": Label(zh: "否", en: "no"),
            "known": Label(zh: "已填", en: "known"), "any": Label(zh: "其中任一", en: "any of"), "all": Label(zh: "其中每一", en: "all of"),
            "count": Label(zh: "计数", en: "count of"), "sum": Label(zh: "合计", en: "sum of"),
            "due": Label(zh: "期间届满日（遇休假日顺延）", en: "last day (moved past rest days)"),
            "year": Label(zh: "年份", en: "year of"), "month": Label(zh: "月份", en: "month of"), "day": Label(zh: "日", en: "day of"),
            "first_of_month": Label(zh: "当月首日", en: "first of the month of"),
            "is_working_day": Label(zh: "为工作日", en: "is a working day"),
            "nth_working_day": Label(zh: "当月第若干个工作日", en: "the n-th working day of the month of"),
            "next_month_among": Label(zh: "其后最近的所列月份", en: "the next of the months"),
            "min": Label(zh: "较早（较小）者", en: "the lesser of"), "max": Label(zh: "较晚（较大）者", en: "the greater of"),
        ]
        return words[name]?.text(language)
    }

    /// `label：value` (full-width colon) in Chinese, `label: value` in English.
    static func labelled(_ label: String, _ value: String, _ language: Language) -> String {
        language == .zh ? "\(label)：\(value)" : "\(label): \(value)"
    }

    /// `（text）` in Chinese, ` (text)` in English.
    static func parenthesised(_ text: String, _ language: Language) -> String {
        language == .zh ? "（\(text)）" : " (\(text))"
    }

    static func separator(_ language: Language) -> String { language == .zh ? "；" : "; " }
    static func listSeparator(_ language: Language) -> String { language == .zh ? "、" : ", " }

    /// The kind of answer a fact takes, as a question's hint (the interview's and the
    /// report's): 是/否, a whole number, a date written YYYY-MM-DD, …
    static func typeHint(_ type: ValueType, _ language: Language) -> String {
        switch (type, language) {
        case (.boolean, .zh): return "是/否"
        case (.integer, .zh): return "整数"
        case (.decimal, .zh): return "数值"
        case (.text, .zh): return "文字"
        case (.date, .zh): return "日期，年-月-日"
        case (.period, .zh): return "期间"
        case (.enumeration, .zh): return "从所列选项中选一项"
        case (.list(.enumeration), .zh): return "从所列选项中选一项或多项"
        case (.list(.record), .zh): return "逐项填写的名单"
        case (.list, .zh), (.emptyList, .zh): return "多项"
        case (.record, .zh): return "记录"
        case (.boolean, .en): return "yes/no"
        case (.integer, .en): return "a whole number"
        case (.decimal, .en): return "a number"
        case (.text, .en): return "text"
        case (.date, .en): return "a date, YYYY-MM-DD"
        case (.period, .en): return "a period"
        case (.enumeration, .en): return "one of the values listed"
        case (.list(.enumeration), .en): return "one or more of the values listed"
        case (.list(.record), .en): return "a list, item by item"
        case (.list, .en), (.emptyList, .en): return "several values"
        case (.record, .en): return "a record"
        }
    }

    static func boolean(_ value: Bool, _ language: Language) -> String {
        switch language {
        case .zh: return value ? "是" : "否"
        case .en: return value ? "yes" : "no"
        }
    }

    static func period(_ period: Period, _ language: Language) -> String {
        guard language == .zh else { return period.description }
        switch period.unit {
        case .days: return "\(period.amount)日"
        case .workingDays: return "\(period.amount)个工作日"
        case .weeks: return "\(period.amount)周"
        case .months: return "\(period.amount)个月"
        case .years: return "\(period.amount)年"
        }
    }

    /// The headings and phrases of the reports, by name: a name that does not exist is a
    /// compile error, not a crash.
    enum Heading: CaseIterable {
        case rule, comparison, region, sectionNotReached, notApplicableCount, applicant, decision, reasons, earliest, notTimeOnly, passed, scope, scopeUnknown, replaces, waivedBy, notReached, profile, asOf, stages, undetermined, atLeast, deadlines, questions, missing, passesFrom, note, approximate, restDay, warning, unknown, absent, form, allowed, includes, excludes, among, notAmong

        var label: Label {
            switch self {
            case .region: Label(zh: "地区", en: "Region")
            case .rule: Label(zh: "规则", en: "Rule")
            case .comparison: Label(zh: "同一申请在各地文件下的比较", en: "One application under every text")
            case .sectionNotReached: Label(zh: "本阶段未进入；以下仅按所填信息核对，不构成本阶段结论", en: "This stage was not reached: the rules below are checked on the facts given only, and give no outcome")
            case .notApplicableCount: Label(zh: "不适用的规定", en: "Rules that do not apply")
            case .applicant: Label(zh: "申请人", en: "Applicant")
            case .decision: Label(zh: "结论", en: "Decision")
            case .reasons: Label(zh: "不符合的规定", en: "Failed")
            case .earliest: Label(zh: "仅因时间未到而不符合；最早可符合日期", en: "Fails only for want of time; earliest date on which every rule passes")
            case .notTimeOnly: Label(zh: "以下不符合项不因时间经过而消除", en: "Time alone does not cure these failures")
            case .passed: Label(zh: "（已过）", en: "(passed)")
            case .scope: Label(zh: "适用范围", en: "Scope")
            case .scopeUnknown: Label(zh: "是否属于适用范围尚不能确定", en: "whether the applicant is in scope is not known yet")
            case .replaces: Label(zh: "替代", en: "replaces")
            case .waivedBy: Label(zh: "豁免依据", en: "waived by")
            case .notReached: Label(zh: "未进入本阶段（前一阶段已终结程序），无结论", en: "not reached (an earlier stage ended the procedure): no outcome")
            case .profile: Label(zh: "申请人资料文件", en: "Profile file")
            case .asOf: Label(zh: "评估日期", en: "As of")
            case .stages: Label(zh: "程序", en: "Procedure")
            case .undetermined: Label(zh: "待定（缺少信息）", en: "undetermined (facts missing)")
            case .atLeast: Label(zh: "已知至少为", en: "at least")
            case .deadlines: Label(zh: "期限", en: "Deadlines and terms")
            case .questions: Label(zh: "尚需向申请人询问", en: "Questions to ask the applicant")
            case .missing: Label(zh: "缺少", en: "missing")
            case .passesFrom: Label(zh: "最早可符合日期", en: "passes from")
            case .note: Label(zh: "解读", en: "reading taken")
            case .approximate: Label(zh: "约（该年度未载入国务院节假日安排，仅按周末计算工作日）", en: "approximate (no State Council holiday arrangement loaded for that year: working days counted on weekends only)")
            case .restDay: Label(zh: "为法定休假日，期间最后一日顺延至休假日结束的次日（《民法典》第二百零三条）", en: "is a rest day; the period ends on the next working day (Civil Code Art. 203)")
            case .warning: Label(zh: "注意", en: "Warning")
            case .unknown: Label(zh: "未知", en: "unknown")
            case .absent: Label(zh: "未填", en: "absent")
            case .form: Label(zh: "表单字段", en: "form field")
            case .allowed: Label(zh: "可选值", en: "allowed")
            case .includes: Label(zh: "包含", en: "includes")
            case .excludes: Label(zh: "不包含", en: "does not include")
            case .among: Label(zh: "属于", en: "is one of")
            case .notAmong: Label(zh: "不属于", en: "is none of")
            }
        }
    }

    static func heading(_ key: Heading, _ language: Language) -> String { key.label.text(language) }
}
