/// The tool's own words (not the regulations'): status names and headings, in both languages.
enum Words {
    /// A rule's status in words. For a ground that fails the applicant when it holds
    /// (`fails_if`), "pass" means the ground is absent: saying "符合" would read as
    /// "the refusal ground is met", so such rules get words of their own.
    static func status(_ status: RuleStatus, polarity: Rule.Polarity, _ language: Language) -> String {
        switch (polarity, status, language) {
        case (.failsIf, .pass, .zh): return "✓ 无此情形"
        case (.failsIf, .fail, .zh): return "✗ 有此情形"
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
        case decision, reasons, earliest, notTimeOnly, passed, scope, scopeUnknown, replaces, waivedBy, notReached, profile, asOf, stages, undetermined, atLeast, deadlines, questions, missing, passesFrom, note, approximate, restDay, warning, unknown, absent, form, allowed, includes, excludes, among, notAmong

        var label: Label {
            switch self {
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
            case .profile: Label(zh: "申请材料", en: "Profile")
            case .asOf: Label(zh: "评估日期", en: "As of")
            case .stages: Label(zh: "程序", en: "Procedure")
            case .undetermined: Label(zh: "待定（缺少信息）", en: "undetermined (facts missing)")
            case .atLeast: Label(zh: "已知至少为", en: "at least")
            case .deadlines: Label(zh: "期限", en: "Deadlines and terms")
            case .questions: Label(zh: "需要补充的信息", en: "Questions to ask")
            case .missing: Label(zh: "缺少", en: "missing")
            case .passesFrom: Label(zh: "最早可满足日期", en: "passes from")
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
