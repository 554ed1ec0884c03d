import Foundation

/// Turns one policy file into a checked `Policy`, reporting every problem with its position.
///
/// A file that `extends` another is loaded with its parent already resolved: its
/// expressions are checked against the parent's parameters as well as its own, and
/// the result is the parent with this file's replacements, waivers and additions.
///
/// Loading has three steps: `readHeader` (what the rules are checked against: the
/// procedures and parameters, which need only the parent's header), `readItems` (the
/// rules or the deadlines, each read on its own), and `assemble` (the items in file order,
/// the waivers, and the merge over the parent, which needs the parent loaded). The
/// problems come out in the order that reading the file from top to bottom gives.
struct PolicyLoader {
    let vocabulary: Vocabulary
    let diagnostics: DiagnosticCollector
    /// Checks quotes against the official texts when set (`policy check`, tests).
    var quoteChecker: QuoteChecker?

    /// The start of a policy file, up to its rules; nil when the file is not an object.
    func readHeader(_ root: JSONNode, file: String, parent: PolicyHeader?) -> PolicyHeader? {
        guard var reader = ObjectReader(root, "the policy file", diagnostics) else { return nil }
        let id = reader.string("id", required: true) ?? ""
        let expectedID = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if !id.isEmpty, id != expectedID, let node = reader.member("id") {
            diagnostics.error("bad-id", at: node.location, "the policy id `\(id)` must match its file name `\(expectedID)`")
        }
        _ = reader.member("extends")  // resolved by PolicySet before loading
        let document = readDocument(&reader)
        let statusNode = reader.stringNode("status", required: true)
        let status = statusNode.flatMap { PolicyStatus(rawValue: $0.string!) }
        if let statusNode, status == nil {
            diagnostics.error("bad-value", at: statusNode.location, "status must be one of: \(PolicyStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var effective = reader.object("effective", "`effective`")
        let from = effective?.date("from"), until = effective?.date("until")
        effective?.finish()

        let parameters = readParameters(&reader, policy: id, inherited: parent?.parameters ?? [])
        let checker = TypeChecker(vocabulary: vocabulary, parameters: Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, own in own }))
        let dates = readDates(&reader, policy: id, checker: checker, inherited: parent?.dates ?? [])
        let inForceFor = dateName(reader.stringNode("in_force_for"), dates) ?? parent?.inForceFor
        let scopes = readNamedScopes(&reader, checker: checker, policy: id)
        let procedures = readProcedures(&reader, inherited: parent?.procedures, dates: dates, checker: checker, scopes: scopes, policy: id)
        let (scope, scopeNote, scopeTest, scopeJudgedOn, scopeProvisions) = readScope(&reader, checker: checker, dates: dates, policy: id)
        var ids = IDRegistry(diagnostics: diagnostics)
        for parameter in parameters where parameter.citation.document == id { ids.claim(parameter.name, at: nil) }
        let itemNodes = (rules: reader.takeElements("rules") ?? [], deadlines: reader.takeElements("deadlines") ?? [])
        return PolicyHeader(reader: reader, ids: ids, itemNodes: itemNodes, file: file, hasParent: parent != nil, document: document, status: status,
                            effectiveFrom: from, effectiveUntil: until, scope: scope, scopeNote: scopeNote, scopeTest: scopeTest,
                            scopeProvisions: scopeProvisions,
                            scopeJudgedOn: scopeJudgedOn ?? parent?.scopeJudgedOn, parameters: parameters, dates: dates, inForceFor: inForceFor,
                            items: PolicyHeader.ItemContext(policy: id, checker: checker, procedures: procedures, kinds: procedures.flatMap(\.kinds),
                                                            dates: dates.map(\.id)))
    }

    /// Some of a file's rules (`rules` true) or deadlines, each with the problems found in
    /// it. They need nothing from one another, nor from anything but the header.
    static func readItems(_ nodes: ArraySlice<JSONNode>, rules: Bool, _ context: PolicyHeader.ItemContext, _ vocabulary: Vocabulary) -> PolicyItems {
        var items = PolicyItems()
        for node in nodes {
            let problems = DiagnosticCollector()
            let loader = PolicyLoader(vocabulary: vocabulary, diagnostics: problems)
            if rules {
                items.rules.append((loader.readRule(node, policy: context.policy, checker: context.checker, kinds: context.kinds, dates: context.dates), problems.diagnostics))
            } else {
                items.deadlines.append((loader.readDeadline(node, policy: context.policy, checker: context.checker, procedures: context.procedures), problems.diagnostics))
            }
        }
        return items
    }

    /// The policy: the header with the file's items (all its groups, in file order) and its
    /// waivers, merged over the parent's policy.
    func assemble(_ header: consuming PolicyHeader, _ groups: [PolicyItems], parent: Policy?) -> Policy? {
        var reader = header.reader, ids = header.ids
        defer { reader.finish() }
        let id = header.items.policy
        ids.makeRoom(for: groups.reduce(0) { $0 + $1.rules.count + $1.deadlines.count })
        var rules: [Rule] = []
        _ = reader.array("rules", required: !header.hasParent)  // its items are read already; this marks it read, or reports it
        for (rule, problems) in groups.lazy.flatMap(\.rules) {
            problems.forEach(diagnostics.add)
            if let rule {
                ids.claim(rule.id, at: rule.location)
                rules.append(rule)
            }
        }
        var deadlines: [Deadline] = []
        _ = reader.array("deadlines")
        for (deadline, problems) in groups.lazy.flatMap(\.deadlines) {
            problems.forEach(diagnostics.add)
            if let deadline {
                ids.claim(deadline.id, at: deadline.location)
                deadlines.append(deadline)
            }
        }
        let waivers = (reader.array("waives") ?? []).compactMap { readWaiver($0, policy: id, checker: header.items.checker) }
        let notEncoded = (reader.array("not_encoded") ?? []).compactMap { readNotEncoded($0, policy: id) }
        guard let document = header.document, let status = header.status else { return nil }
        let own = Policy(id: id, file: header.file, document: document, status: status, effectiveFrom: header.effectiveFrom,
                         effectiveUntil: header.effectiveUntil, parent: parent?.id, scope: header.scope, scopeNote: header.scopeNote,
                         scopeTest: header.scopeTest, procedures: header.items.procedures, parameters: header.parameters,
                         rules: rules, deadlines: deadlines, waivers: waivers, dates: header.dates, inForceFor: header.inForceFor,
                         scopeJudgedOn: header.scopeJudgedOn, scopeProvisions: header.scopeProvisions, notEncoded: notEncoded)
        quoteChecker?.check(own, extending: parent.map { [$0] + $0.ancestors } ?? [], fileLocation: reader.location)
        guard let parent else { return own }
        return PolicyMerger(diagnostics: diagnostics).merge(own, over: parent)
    }

    /// `scope: {zh, en, applies_if, note, provisions}`: whom the text speaks to; an applicant for
    /// whom `applies_if` is false is out of scope, and `provisions` are the articles that say so.
    private func readScope(_ reader: inout ObjectReader, checker: TypeChecker, dates: [JudgingDate], policy: String)
        -> (Label, Label?, Compiled?, String?, [Provision]) {
        guard var scope = reader.object("scope", "`scope`", required: true) else { return (Label(zh: "", en: ""), nil, nil, nil, []) }
        defer { scope.finish() }
        let zh = scope.string("zh", required: true) ?? "", en = scope.string("en", required: true) ?? ""
        let note = scope.label("note")
        let test = scope.stringNode("applies_if").flatMap { compile($0, checker, expecting: .boolean) }
        let judgedOn = dateName(scope.stringNode("judged_on"), dates)
        let provisions = readProvisions(&scope, policy: policy)
        return (Label(zh: zh, en: en), note, test, judgedOn, provisions)
    }

    /// A list of quoted citations, `[{citation, quote}]`, under `key` (a scope's `provisions`,
    /// the articles it rests on; a rule's `also_cites`); none when absent.
    func readProvisions(_ reader: inout ObjectReader, key: String = "provisions", what: String = "a provision",
                        policy: String) -> [Provision] {
        guard let nodes = reader.array(key) else { return [] }
        return nodes.compactMap { node in
            guard var item = ObjectReader(node, what, diagnostics) else { return nil }
            defer { item.finish() }
            let citation = readCitation(&item, policy: policy)
            let quote = item.string("quote", required: true)
            guard let citation, let quote else { return nil }
            return Provision(citation: citation, quote: quote)
        }
    }

    // MARK: Dates

    /// `dates: {id: {date, label, citation, quote, note}}`: the days stages and rules are
    /// judged on. A region inherits its parent's, and redeclares one by id with
    /// `replaces: true`, in the open, as it does a parameter.
    private func readDates(_ reader: inout ObjectReader, policy: String, checker: TypeChecker, inherited: [JudgingDate]) -> [JudgingDate] {
        guard var list = reader.object("dates", "`dates`") else { return inherited }
        defer { list.finish() }
        var dates = inherited
        for member in list.members {
            _ = list.member(member.key)
            guard var item = ObjectReader(member.value, "date", named: member.key, diagnostics) else { continue }
            defer { item.finish() }
            let value = item.stringNode("date", required: true).flatMap { compile($0, checker, expecting: .date) }
            let label = item.label("label", required: true)
            let citation = readCitation(&item, policy: policy)
            let quote = item.string("quote", required: true)
            let note = item.label("note")
            let replaces = item.bool("replaces") ?? false
            let ifAbsent = item.stringNode("if_absent")
            if let ifAbsent, ifAbsent.string != JudgingDate.asOf {
                diagnostics.error("bad-value", at: ifAbsent.location, "`if_absent` may only be \"\(JudgingDate.asOf)\": the as-of date is this date when the profile does not give it")
            }
            guard let value, let label, let citation, let quote else { continue }
            let date = JudgingDate(id: member.key, label: label, value: value, citation: citation, quote: quote, note: note,
                                   isAsOfIfAbsent: ifAbsent != nil, location: member.keyLocation)
            switch (dates.firstIndex { $0.id == member.key }, replaces) {
            case (let index?, true): dates[index] = date
            case (_?, false):
                diagnostics.error("hidden-replacement", at: member.keyLocation, "date `\(member.key)` is already declared by the text this one extends; write `replaces: true` to replace it in the open")
            case (nil, true):
                diagnostics.error("nothing-to-replace", at: member.keyLocation, "date `\(member.key)` says `replaces: true`, but no inherited date has that name")
            case (nil, false): dates.append(date)
            }
        }
        return dates
    }

    /// The name a `judged_on` or `in_force_for` gives, when `dates` declares it.
    private func dateName(_ node: JSONNode?, _ dates: [JudgingDate]) -> String? {
        dateName(node, dates.map(\.id))
    }

    fileprivate func dateName(_ node: JSONNode?, _ names: [String]) -> String? {
        guard let node, let name = node.string else { return nil }
        guard names.contains(name) || name == JudgingDate.asOf else {
            var message = "`\(name)` is not a date declared in `dates`"
            message += "; declared: \((names + [JudgingDate.asOf]).joined(separator: ", "))"
            if let near = nearestName(to: name, in: names) { message += "; did you mean `\(near)`?" }
            diagnostics.error("undeclared-date", at: node.location, message)
            return nil
        }
        return name
    }

    /// `waives: [{rule, applies_if, citation, quote, explain}]`: an inherited rule the region
    /// sets aside, for every applicant or for those `applies_if` describes.
    private func readWaiver(_ node: JSONNode, policy: String, checker: TypeChecker) -> Waiver? {
        guard var reader = ObjectReader(node, "a waiver", diagnostics) else { return nil }
        defer { reader.finish() }
        let rule = reader.stringNode("rule", required: true)
        let appliesIf = reader.stringNode("applies_if").flatMap { compile($0, checker, expecting: .boolean) }
        let citation = readCitation(&reader, policy: policy)
        let quote = reader.string("quote", required: true)
        let explanation = reader.label("explain", required: true)
        guard let rule, let id = rule.string, let citation, let quote, let explanation else { return nil }
        return Waiver(rule: id, appliesIf: appliesIf, citation: citation, quote: quote, explanation: explanation, location: rule.location)
    }

    private func readDocument(_ reader: inout ObjectReader) -> PolicyDocument? {
        guard var document = reader.object("document", "`document`", required: true) else { return nil }
        defer { document.finish() }
        let title = document.string("title", required: true)
        let number = document.string("number", required: true)
        let issuer = document.string("issuer", required: true)
        let issued = document.date("issued")
        let source = document.string("source")
        let jurisdiction = document.label("jurisdiction")
        guard let title, let number, let issuer else { return nil }
        return PolicyDocument(title: title, number: number, issuer: issuer, issued: issued, source: source, jurisdiction: jurisdiction)
    }

    // MARK: Procedure

    /// `procedure` (the application procedure) and `procedures: {id: {label, stages, kinds}}`
    /// (the others). A region inherits its parent's and replaces or adds them by id. A kind
    /// belongs to one procedure only, so a rule's kind says which procedure it is part of.
    /// `procedures: {id: {label, stages, kinds, scope?, verdicts?, in_force_for?}}`. An entry
    /// for an inherited procedure without `stages` amends it rather than redeclaring it: it
    /// gives the procedure a scope (or another label, verdict words, day of the text in
    /// force) and keeps the inherited stages and kinds, so that nothing is copied.
    private func readProcedures(_ reader: inout ObjectReader, inherited: [Procedure]?, dates: [JudgingDate], checker: TypeChecker,
                                scopes: [String: ProcedureScope], policy: String) -> [Procedure] {
        var procedures = inherited ?? []
        func put(_ procedure: Procedure) {
            if let index = procedures.firstIndex(where: { $0.id == procedure.id }) { procedures[index] = procedure } else { procedures.append(procedure) }
        }
        if inherited == nil || reader.member("procedure") != nil {
            if var application = reader.object("procedure", "`procedure`", required: true) {
                let (kinds, stages) = readProcedure(&application, dates: dates)
                var procedure = Procedure(id: Procedure.application, label: Label(zh: "申请定点", en: "Application for designation"), stages: stages, kinds: kinds)
                procedure.scope = readProcedureScope(&application, checker: checker, scopes: scopes, policy: policy)
                application.finish()
                put(procedure)
            }
        }
        if var others = reader.object("procedures", "`procedures`") {
            for member in others.members {
                _ = others.member(member.key)
                guard var body = ObjectReader(member.value, "procedure", named: member.key, diagnostics) else { continue }
                var procedure: Procedure
                if body.member("stages") == nil, let amended = procedures.first(where: { $0.id == member.key }) {
                    procedure = amended
                    if let label = body.label("label") { procedure.label = label }
                    if let date = dateName(body.stringNode("in_force_for"), dates) { procedure.inForceFor = date }
                } else {
                    let label = body.label("label", required: true) ?? Label(zh: member.key, en: member.key)
                    let (kinds, stages) = readProcedure(&body, dates: dates)
                    procedure = Procedure(id: member.key, label: label, stages: stages, kinds: kinds)
                    procedure.inForceFor = dateName(body.stringNode("in_force_for"), dates)
                }
                if let scope = readProcedureScope(&body, checker: checker, scopes: scopes, policy: policy) { procedure.scope = scope }
                if let sequential = body.bool("sequential") { procedure.isSequential = sequential }
                if var words = body.object("verdicts", "`verdicts`") {
                    for verdict in Verdict.allCases {
                        if let label = words.label(verdict.rawValue) { procedure.verdictLabels[verdict] = label }
                    }
                    words.finish()
                }
                body.finish()
                put(procedure)
            }
            others.finish()
        }
        var owner: [String: String] = [:]
        for procedure in procedures {
            for kind in procedure.kinds {
                if let other = owner[kind.id], other != procedure.id {
                    diagnostics.error("duplicate-id", at: nil, "kind `\(kind.id)` is declared by procedures `\(other)` and `\(procedure.id)`; a kind belongs to one procedure")
                }
                owner[kind.id] = procedure.id
            }
        }
        return procedures
    }

    /// A procedure's own `scope`, replacing the text's for it: `{zh, en, applies_if, note}`,
    /// or the name of one of the file's `scopes` (several procedures speaking to the same
    /// institutions share one).
    private func readProcedureScope(_ procedure: inout ObjectReader, checker: TypeChecker, scopes: [String: ProcedureScope], policy: String) -> ProcedureScope? {
        if let node = procedure.member("scope"), let name = node.string {
            guard let scope = scopes[name] else {
                var message = "scope `\(name)` is not declared in `scopes`"
                message += scopes.isEmpty ? "; declare it there" : "; declared: \(scopes.keys.sorted().joined(separator: ", "))"
                diagnostics.error("undeclared-scope", at: node.location, message)
                return nil
            }
            return scope
        }
        guard var scope = procedure.object("scope", "`scope`") else { return nil }
        defer { scope.finish() }
        return readScopeBody(&scope, checker: checker, policy: policy)
    }

    private func readScopeBody(_ scope: inout ObjectReader, checker: TypeChecker, policy: String) -> ProcedureScope? {
        let label = Label(zh: scope.string("zh", required: true) ?? "", en: scope.string("en", required: true) ?? "")
        let note = scope.label("note")
        let provisions = readProvisions(&scope, policy: policy)
        guard let test = scope.stringNode("applies_if", required: true).flatMap({ compile($0, checker, expecting: .boolean) }) else { return nil }
        return ProcedureScope(label: label, note: note, test: test, provisions: provisions)
    }

    /// `scopes: {name: {zh, en, applies_if, note}}`: scopes that procedures name.
    private func readNamedScopes(_ reader: inout ObjectReader, checker: TypeChecker, policy: String) -> [String: ProcedureScope] {
        guard var list = reader.object("scopes", "`scopes`") else { return [:] }
        defer { list.finish() }
        var scopes: [String: ProcedureScope] = [:]
        for member in list.members {
            _ = list.member(member.key)
            guard var body = ObjectReader(member.value, "scope", named: member.key, diagnostics) else { continue }
            scopes[member.key] = readScopeBody(&body, checker: checker, policy: policy)
            body.finish()
        }
        return scopes
    }

    private func readProcedure(_ procedure: inout ObjectReader, dates: [JudgingDate]) -> ([RuleKind], [Stage]) {
        var stages: [Stage] = []
        for node in procedure.array("stages", required: true) ?? [] {
            guard var stage = ObjectReader(node, "a stage", diagnostics) else { continue }
            let id = stage.string("id", required: true)
            let label = stage.label("label", required: true)
            let judgedOn = dateName(stage.stringNode("judged_on"), dates)
            let outcomes = (stage.array("outcomes") ?? []).compactMap { readOutcome($0, otherwise: false) }
            let otherwise = stage.member("otherwise", required: true).flatMap { readOutcome($0, otherwise: true) }
            stage.finish()
            if let id, let label, let otherwise {
                stages.append(Stage(id: id, label: label, outcomes: outcomes, otherwise: otherwise, judgedOn: judgedOn))
            }
        }
        var kinds: [RuleKind] = []
        if var list = procedure.object("kinds", "`kinds`", required: true) {
            for member in list.members {
                _ = list.member(member.key)
                guard var kind = ObjectReader(member.value, "kind", named: member.key, diagnostics) else { continue }
                let stageNode = kind.stringNode("stage", required: true)
                let label = kind.label("label", required: true)
                kind.finish()
                guard let stageNode, let stage = stageNode.string, let label else { continue }
                if !stages.contains(where: { $0.id == stage }) {
                    diagnostics.error("undeclared-stage", at: stageNode.location, "stage `\(stage)` is not declared; declared: \(stages.map(\.id).joined(separator: ", "))")
                }
                kinds.append(RuleKind(id: member.key, stage: stage, label: label))
            }
            list.finish()
        }
        for stage in stages {
            for outcome in stage.outcomes {
                for kind in outcome.whenFailed where !kinds.contains(where: { $0.id == kind && $0.stage == stage.id }) {
                    diagnostics.error("undeclared-kind", at: nil, "outcome `\(outcome.id)` of stage `\(stage.id)` names kind `\(kind)`, which is not a kind of that stage")
                }
            }
        }
        return (kinds, stages)
    }

    private func readOutcome(_ node: JSONNode, otherwise: Bool) -> StageOutcome? {
        guard var reader = ObjectReader(node, "an outcome", diagnostics) else { return nil }
        defer { reader.finish() }
        let id = reader.string("id", required: true)
        let label = reader.label("label", required: true)
        let whenFailed = otherwise ? [] : (reader.array("when_failed", required: true) ?? []).compactMap(\.string)
        let verdictNode = reader.stringNode("verdict", required: true)
        let verdict = verdictNode.flatMap { Verdict(rawValue: $0.string!) }
        if let verdictNode, verdict == nil || verdict == .undetermined || verdict == .outOfScope {
            diagnostics.error("bad-value", at: verdictNode.location, "verdict must be one of: eligible, ineligible, incomplete, deferred")
        }
        guard let id, let label, let verdict else { return nil }
        return StageOutcome(id: id, label: label, whenFailed: whenFailed, verdict: verdict)
    }

    // MARK: Parameters, rules, deadlines

    /// The inherited parameters with this file's replacements in place, then its new ones.
    /// A parameter that exists already must say `replaces: true`, and keep its type.
    private func readParameters(_ reader: inout ObjectReader, policy: String, inherited: [Parameter]) -> [Parameter] {
        guard var list = reader.object("parameters", "`parameters`") else { return inherited }
        defer { list.finish() }
        var parameters = inherited
        for member in list.members {
            _ = list.member(member.key)
            guard var item = ObjectReader(member.value, "parameter", named: member.key, diagnostics) else { continue }
            defer { item.finish() }
            let valueNode = item.stringNode("value", required: true)
            let citation = readCitation(&item, policy: policy)
            let quote = item.string("quote", required: true)
            let label = item.label("label", required: true)
            let replaces = item.bool("replaces") ?? false
            guard let valueNode, let citation, let quote, let label else { continue }
            guard let value = constant(valueNode) else { continue }
            var parameter = Parameter(name: member.key, value: value, text: valueNode.string!, citation: citation, quote: quote, label: label)
            let index = parameters.firstIndex { $0.name == member.key && $0.citation.document != policy }
            switch (index, replaces) {
            case (let index?, true):
                let old = parameters[index]
                if TypeChecker.type(of: old.value) != TypeChecker.type(of: value) {
                    diagnostics.error("type-mismatch", at: valueNode.location, "parameter `\(member.key)` replaces \(old.text) (\(old.citation.document)) and must keep its type")
                }
                parameter.superseded = Superseded(id: old.name, citation: old.citation, quote: old.quote, text: Label(zh: old.text, en: old.text), value: old.value)
                parameters[index] = parameter
            case (let index?, false):
                diagnostics.error("hidden-replacement", at: member.keyLocation, "parameter `\(member.key)` is already set by \(parameters[index].citation.document); write `replaces: true` to replace it in the open")
            case (nil, true):
                diagnostics.error("nothing-to-replace", at: member.keyLocation, "parameter `\(member.key)` says `replaces: true`, but no inherited parameter has that name")
            case (nil, false):
                parameters.append(parameter)
            }
        }
        return parameters
    }

    /// A parameter's value: one literal of the expression language (`3 months`, `100`, `'text'`).
    private func constant(_ node: JSONNode) -> Value? {
        do {
            let expr = try ExpressionParser.parse(node.string!, origin: node.location, verbatim: node.isVerbatimString)
            switch expr.kind {
            case .integer(let value): return .integer(value)
            case .decimal(let value): return .decimal(value)
            case .period(let value): return .period(value)
            case .string(let value): return .text(value)
            case .boolean(let value): return .boolean(value)
            default:
                diagnostics.error("bad-value", at: node.location, "a parameter's value must be one literal (3 months, 100, 'text'), found `\(expr.text)`")
                return nil
            }
        } catch {
            diagnostics.add(error)
            return nil
        }
    }

    fileprivate func readRule(_ node: JSONNode, policy: String, checker: TypeChecker, kinds: [RuleKind], dates: [String]) -> Rule? {
        // The rule's id names it in every message about its other fields.
        let name = node.member("id")?.value.string
        guard var reader = name.map({ ObjectReader(node, "rule", named: $0, diagnostics) }) ?? ObjectReader(node, "a rule", diagnostics) else { return nil }
        defer { reader.finish() }
        let id = reader.string("id", required: true) ?? "?"
        let kindNode = reader.stringNode("kind", required: true)
        if let kindNode, let kind = kindNode.string, !kinds.contains(where: { $0.id.isSameText(kind) }) {
            diagnostics.error("undeclared-kind", at: kindNode.location, "kind `\(kind)` is not declared in the kinds of any procedure; declared: \(kinds.map(\.id).joined(separator: ", "))")
        }
        let citation = readCitation(&reader, policy: policy)
        let quote = reader.string("quote", required: true)
        let explanation = reader.label("explain", required: true)
        let note = reader.label("note")
        let replaces = reader.string("replaces")
        let judgedOn = dateName(reader.stringNode("judged_on"), dates)
        let nextPossible = reader.stringNode("next_possible").flatMap { compile($0, checker, expecting: .date) }
        let shows = (reader.array("shows") ?? []).compactMap { node -> String? in
            guard let name = node.string, vocabulary.type(of: name) != nil, !name.containsASCII(UInt8(ascii: ".")) else {
                var message = "`shows` lists top-level facts to show with the result; `\(node.string ?? node.kindName)` is not one"
                if let name = node.string, let near = nearestName(to: name, in: vocabulary.topLevelNames) { message += "; did you mean `\(near)`?" }
                diagnostics.error("undeclared-fact", at: node.location, message)
                return nil
            }
            return name
        }
        let appliesIf = reader.stringNode("applies_if").flatMap { compile($0, checker, expecting: .boolean) }
        let requires = reader.stringNode("requires"), failsIf = reader.stringNode("fails_if")
        let alternativeNodes = reader.array("alternatives")
        if [requires != nil, failsIf != nil, alternativeNodes != nil].filter({ $0 }).count != 1 {
            diagnostics.error("missing-field", at: node.location, "rule `\(id)` needs exactly one of `requires` (passes when true), `fails_if` (fails when true) or `alternatives` (one must hold)")
        }
        let polarity: Rule.Polarity = failsIf != nil ? .failsIf : .requires
        let alternatives = (alternativeNodes ?? []).compactMap { readAlternative($0, rule: id, policy: policy, checker: checker) }
        if let alternativeNodes, alternativeNodes.isEmpty {
            diagnostics.error("missing-field", at: node.location, "rule `\(id)` lists no alternatives")
        }
        let test = (requires ?? failsIf).flatMap { compile($0, checker, expecting: .boolean) } ?? disjunction(alternatives.map(\.test))
        let alsoCites = readProvisions(&reader, key: "also_cites", what: "an entry of `also_cites`", policy: policy)
        guard let kind = kindNode?.string, let citation, let quote, let explanation, let test,
              alternatives.count == alternativeNodes?.count ?? 0 else { return nil }
        var rule = Rule(id: id, kind: kind, citation: citation, quote: quote, explanation: explanation, note: note,
                        appliesIf: appliesIf, polarity: polarity, test: test, alternatives: alternatives,
                        shows: shows, replaces: replaces, location: node.location, judgedOn: judgedOn, nextPossible: nextPossible)
        rule.alsoCites = alsoCites
        return rule
    }

    private func readAlternative(_ node: JSONNode, rule: String, policy: String, checker: TypeChecker) -> Alternative? {
        guard var reader = ObjectReader(node, "an alternative of rule", named: rule, diagnostics) else { return nil }
        defer { reader.finish() }
        let citation = readCitation(&reader, policy: policy)
        let quote = reader.string("quote", required: true)
        let test = reader.stringNode("requires", required: true).flatMap { compile($0, checker, expecting: .boolean) }
        guard let citation, let quote, let test else { return nil }
        return Alternative(citation: citation, quote: quote, test: test)
    }

    /// `a or b or …`, so that a rule with alternatives evaluates like any other.
    private func disjunction(_ tests: [Compiled]) -> Compiled? {
        guard var result = tests.first else { return nil }
        for test in tests.dropFirst() {
            result = Compiled(operation: .or(result, test), type: .boolean, text: "\(result.text) or \(test.text)", location: result.location)
        }
        return result
    }

    fileprivate func readDeadline(_ node: JSONNode, policy: String, checker: TypeChecker, procedures: [Procedure]) -> Deadline? {
        guard var reader = ObjectReader(node, "a deadline", diagnostics) else { return nil }
        defer { reader.finish() }
        let id = reader.string("id", required: true)
        let citation = readCitation(&reader, policy: policy)
        let quote = reader.string("quote", required: true)
        let label = reader.label("label", required: true)
        let note = reader.label("note")
        let replaces = reader.string("replaces")
        let procedureNode = reader.stringNode("procedure")
        let procedureID = procedureNode?.string ?? Procedure.application
        let procedure = procedures.first { $0.id == procedureID }
        if procedure == nil {
            diagnostics.error("bad-value", at: procedureNode?.location ?? node.location, "procedure `\(procedureID)` is not declared; declared: \(procedures.map(\.id).joined(separator: ", "))")
        }
        let stages = procedure?.stages ?? []
        var when: [(String, String)] = []
        for whenNode in reader.array("when") ?? [] {
            let text = whenNode.string ?? ""
            let parts = text.split(separator: ":").map(String.init)
            if parts.count == 2, let stage = stages.first(where: { $0.id == parts[0] }),
               (stage.outcomes + [stage.otherwise]).contains(where: { $0.id == parts[1] }) {
                when.append((parts[0], parts[1]))
            } else {
                let known = stages.flatMap { stage in (stage.outcomes + [stage.otherwise]).map { "\(stage.id):\($0.id)" } }
                diagnostics.error("bad-value", at: whenNode.location, "each `when` entry must name a stage and one of its outcomes, as in \"stage:outcome\": \(known.joined(separator: ", "))")
            }
        }
        let appliesIf = reader.stringNode("applies_if").flatMap { compile($0, checker, expecting: .boolean) }
        let dateNode = reader.stringNode("date"), termNode = reader.stringNode("term"), amountNode = reader.stringNode("amount")
        if [dateNode, termNode, amountNode].compactMap({ $0 }).count != 1 {
            diagnostics.error("missing-field", at: node.location, "deadline `\(id ?? "?")` needs exactly one of `date` (a date), `term` (a duration) or `amount` (a number)")
        }
        let value = dateNode.flatMap { compile($0, checker, expecting: .date) }
            ?? termNode.flatMap { compile($0, checker, expecting: .period) }
            ?? amountNode.flatMap { compile($0, checker, expecting: .decimal) }
        guard let id, let citation, let quote, let label, let value else { return nil }
        return Deadline(id: id, citation: citation, quote: quote, label: label, note: note, when: when, appliesIf: appliesIf,
                        procedure: procedureID, value: value,
                        replaces: replaces, location: node.location)
    }

    private func compile(_ node: JSONNode, _ checker: TypeChecker, expecting type: ValueType) -> Compiled? {
        do {
            let expr = try ExpressionParser.parse(node.string!, origin: node.location, verbatim: node.isVerbatimString)
            return try checker.check(expr, expecting: type)
        } catch {
            diagnostics.add(error)
            return nil
        }
    }

    /// `citation: {article: "第六条", item: "（一）"}`; each part checked against the shapes printed in the texts.
    func readCitation(_ reader: inout ObjectReader, policy: String) -> Citation? {
        guard var citation = reader.object("citation", "`citation`", required: true) else { return nil }
        defer { citation.finish() }
        /// A part as written, checked against the shape printed in the texts.
        func part(_ part: Citation.Part) -> String? {
            guard let node = citation.stringNode(part.rawValue), let text = node.string else { return nil }
            if let shape = part.shape, !shape.matches(text) {
                diagnostics.error("bad-citation", at: node.location, "malformed \(part.rawValue) `\(text)`; expected the form printed in the text, e.g. \(part.example)")
            }
            return text
        }
        // The parts read in the order of `Citation.Part`, so that their problems come in it.
        let read = Citation(document: citation.string("document") ?? policy, article: part(.article), paragraph: part(.paragraph),
                            item: part(.item), point: part(.point), section: part(.section), annex: part(.annex),
                            occurrence: part(.occurrence), row: part(.row), location: citation.location)
        if [read.article, read.paragraph, read.item, read.point, read.section, read.annex, read.row].allSatisfy({ $0 == nil }) {
            diagnostics.error("bad-citation", at: citation.location, "a citation needs at least one of: \(Citation.Part.allCases.filter { $0 != .occurrence }.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return read
    }
}

/// A policy file read up to its rules, with what reading them needs.
struct PolicyHeader {
    /// The reader of the whole file, which reports at the end any member nobody read.
    fileprivate var reader: ObjectReader
    fileprivate var ids: IDRegistry
    /// The file's rules and deadlines, taken out of the tree, not yet read.
    fileprivate var itemNodes: (rules: [JSONNode], deadlines: [JSONNode])
    fileprivate let file: String
    fileprivate let hasParent: Bool
    fileprivate let document: PolicyDocument?
    fileprivate let status: PolicyStatus?
    fileprivate let effectiveFrom: CivilDate?, effectiveUntil: CivilDate?
    fileprivate let scope: Label, scopeNote: Label?, scopeTest: Compiled?
    /// The provisions that say whom the text speaks to, cited when an applicant is out of scope.
    fileprivate let scopeProvisions: [Provision]
    fileprivate let scopeJudgedOn: String?
    /// With the inherited ones: what a file that extends this one inherits.
    let parameters: [Parameter]
    let dates: [JudgingDate]
    let inForceFor: String?
    let items: ItemContext

    var procedures: [Procedure] { items.procedures }

    /// What reading a rule or a deadline needs.
    struct ItemContext: Sendable {
        let policy: String
        let checker: TypeChecker
        /// With the inherited ones.
        let procedures: [Procedure]
        /// The kinds of every procedure.
        let kinds: [RuleKind]
        /// The names of the dates rules may be judged on.
        let dates: [String]
    }

    /// The file's rules and deadlines, handed over once to whoever reads them.
    mutating func takeItemNodes() -> (rules: [JSONNode], deadlines: [JSONNode]) {
        defer { itemNodes = ([], []) }
        return itemNodes
    }
}

/// Rules and deadlines read, each with the problems found in it, in file order.
struct PolicyItems: Sendable {
    var rules: [(Rule?, [Diagnostic])] = []
    var deadlines: [(Deadline?, [Diagnostic])] = []
}

/// Makes sure every id in a policy is used once.
struct IDRegistry {
    let diagnostics: DiagnosticCollector
    private var seen: [String: SourceLocation?] = [:]

    init(diagnostics: DiagnosticCollector) { self.diagnostics = diagnostics }

    /// Makes room for `count` more ids at once, rather than rehashing every id seen each
    /// time the table grows.
    mutating func makeRoom(for count: Int) { seen.reserveCapacity(seen.count + count) }

    mutating func claim(_ id: String, at location: SourceLocation?) {
        if let first = seen.keepFirst(location, forKey: id) {
            let previous = first.map { " (first at \($0))" } ?? ""
            diagnostics.error("duplicate-id", at: location, "id `\(id)` is used twice\(previous)")
        }
    }
}
