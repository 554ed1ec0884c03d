/// Time as the law sees it: the named days an evaluation judges on, and which text
/// governs on the day that decides (README "Time").
extension Evaluator {
    /// The named dates, on the profile's facts, parallel to `policy.dates`; a date the
    /// profile does not give is the as-of date, marked as standing in.
    func judgingDates(_ facts: [String: Value], _ asOf: CivilDate) -> [JudgedOn] {
        policy.dates.map { date in
            var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
            if case .date(let day)? = evaluator.evaluate(date.value).value { return JudgedOn(date: day, name: date.id, isFallback: false) }
            return JudgedOn(date: asOf, name: date.id, isFallback: !date.isAsOfIfAbsent)
        }
    }

    /// Which text governs: this one when it is in force on the day its `in_force_for`
    /// names, else the nearest text it extends that is (and lays down the procedure);
    /// this one when none is. Each text's standing is listed for the result.
    func governingText(_ facts: [String: Value], _ asOf: CivilDate) -> (layer: Int, texts: TextsInForce) {
        let day = inForceDate.map { judgingDates(facts, asOf)[$0] } ?? .asOf(asOf)
        let chain = [policy] + ancestors.map(\.policy)
        let layer = governingLayer(on: day.date)
        let texts = chain.enumerated().map { index, text in
            TextsInForce.Standing(policy: text, governs: index == layer, inForce: text.isInForce(on: day.date))
        }
        return (layer, TextsInForce(decidedOn: day, texts: texts))
    }

    /// The text that governs what happens on `day`: 0 for this one, k for the k-th text it
    /// extends; this one when none is in force. Batch mode asks the same.
    func governingLayer(on day: CivilDate) -> Int {
        if policy.isInForce(on: day) { return 0 }
        return ancestors.firstIndex { $0.policy.isInForce(on: day) }.map { $0 + 1 } ?? 0
    }

    /// Whether a rule's result can depend on the day it is judged on.
    static func readsToday(_ rule: Rule, _ policy: Policy) -> Bool {
        let roots = [rule.test] + [rule.appliesIf].compactMap { $0 } + policy.waivers.filter { $0.rule == rule.id }.compactMap(\.appliesIf)
        var reads = false
        for root in roots { root.visit { if case .today = $0.operation { reads = true } } }
        return reads
    }

    static func union(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }

    /// What the reader must know about the texts: a draft is no law; a text that fell
    /// away for the day that decides, and the one that governs instead; a text that
    /// governs although it has expired by the as-of date, or that was in force on no such day.
    /// `label` names the day that decides (the day the application was received).
    static func warnings(_ texts: TextsInForce, label: Label?, asOf: CivilDate) -> [Label] {
        var warnings: [Label] = []
        let day = texts.decidedOn.date
        let (zhDay, enDay) = (label.map { "\($0.zh)\(day)" } ?? "\(day)", label.map { "\(day), \($0.en)" } ?? "\(day)")
        func period(_ text: Policy, _ language: Language) -> String {
            let from = text.effectiveFrom.map { $0.description } ?? "", until = text.effectiveUntil.map { $0.description } ?? ""
            switch language {
            case .zh: return until.isEmpty ? "自\(from)起施行" : "有效期\(from)至\(until)"
            case .en: return until.isEmpty ? "in force from \(from)" : "in force \(from) to \(until)"
            }
        }
        guard let governing = texts.texts.first(where: \.governs)?.policy else { return warnings }
        if governing.status == .draft {
            warnings.append(Label(zh: "本文件为征求意见稿，尚未生效：以下结果仅按草案条文推演，不是依法作出的结论",
                                  en: "This text is a draft for comment and not in force: the result below applies the draft's wording and is no decision in law"))
        }
        for standing in texts.texts where !standing.governs && !standing.inForce && standing.policy.id == texts.texts.first?.policy.id {
            let text = standing.policy
            warnings.append(Label(zh: "《\(text.document.title)》\(text.document.number)\(period(text, .zh))，\(zhDay)不在其有效期内，不适用；依其所依据的《\(governing.document.title)》\(governing.document.number)判断",
                                  en: "\(text.document.number) (\(period(text, .en))) was not in force on \(enDay), so it does not apply; \(governing.document.number), the text it builds on, governs"))
        }
        let own = texts.texts.first { $0.governs }!
        if !own.inForce {
            warnings.append(Label(zh: "本文件\(period(governing, .zh))，\(zhDay)不在其有效期内，亦无其他文件可依",
                                  en: "This text (\(period(governing, .en))) was not in force on \(enDay), and no other text applies"))
        } else if let until = governing.effectiveUntil, asOf > until {
            warnings.append(Label(zh: "本文件有效期至\(until)；\(zhDay)在其有效期内，故仍适用",
                                  en: "This text was in force until \(until); \(enDay) falls within it, so it still governs"))
        }
        return warnings
    }
}
