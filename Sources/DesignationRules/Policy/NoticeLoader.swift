/// Reads `notices/<policy>.json5`: `{ notices: [{ id, when, procedure?, title, citation?,
/// fields: [{label, value, hint?}], footer: [lines], signatures: [[label, …], …], with?: [id] }],
/// forms?: [{ id, title, citation?, fields, footer, signatures }] }`, checking each
/// placeholder against the vocabulary and the policy (a fact that exists, a deadline the
/// policy computes, a kind it declares). `forms` are printed only with a notice that names
/// them in `with` (a receipt to return), each on a page of its own.
struct NoticeLoader {
    let diagnostics: DiagnosticCollector

    func load(_ root: JSONNode, for policy: Policy, vocabulary: Vocabulary) -> [Notice] {
        guard var file = ObjectReader(root, "the notices file", diagnostics) else { return [] }
        defer { file.finish() }
        let notices = (file.array("notices", required: true) ?? []).compactMap { read($0, policy, vocabulary, attachable: false) }
        let forms = (file.array("forms") ?? []).compactMap { read($0, policy, vocabulary, attachable: true) }
        return notices.map { entry in
            var notice = entry.notice
            for (id, location) in entry.with {
                guard let form = forms.first(where: { $0.notice.id == id }) else {
                    diagnostics.error("bad-value", at: location, "notice `\(notice.id)`: `with` names `\(id)`, which is not among this file's `forms`: \(forms.map(\.notice.id).joined(separator: ", "))")
                    continue
                }
                notice.attachments.append(form.notice)
            }
            return notice
        }
    }

    /// A notice, or a form printed with notices (`attachable`: no `when`, no `with`), and
    /// the forms it names in `with`.
    private func read(_ node: JSONNode, _ policy: Policy, _ vocabulary: Vocabulary, attachable: Bool) -> (notice: Notice, with: [(String, SourceLocation)])? {
        guard var reader = ObjectReader(node, attachable ? "a form" : "a notice", diagnostics) else { return nil }
        defer { reader.finish() }
        let id = reader.string("id", required: true) ?? "?"
        let procedureID = attachable ? Procedure.application : reader.string("procedure") ?? Procedure.application
        let procedure = policy.procedure(procedureID)
        if procedure == nil { diagnostics.error("bad-value", at: node.location, "notice `\(id)` names procedure `\(procedureID)`, which \(policy.id) does not lay down") }
        var when: [(String, String)] = []
        let with = attachable ? [] : (reader.array("with") ?? []).map { ($0.string ?? "", $0.location) }
        for item in attachable ? [] : reader.array("when", required: true) ?? [] {
            let parts = (item.string ?? "").split(separator: ":").map(String.init)
            let stage = procedure?.stages.first { parts.count == 2 && $0.id == parts[0] }
            if let stage, (stage.outcomes + [stage.otherwise]).contains(where: { $0.id == parts[1] }) {
                when.append((parts[0], parts[1]))
            } else {
                let known = (procedure?.stages ?? []).flatMap { stage in (stage.outcomes + [stage.otherwise]).map { "\(stage.id):\($0.id)" } }
                diagnostics.error("bad-value", at: item.location, "notice `\(id)`: `when` entries are \"stage:outcome\" of \(policy.id); known: \(known.joined(separator: ", "))")
            }
        }
        let titleNode = reader.stringNode("title", required: true)
        let title = titleNode?.string ?? ""
        var citation: Citation?
        if var cited = reader.object("citation", "`citation`") {
            var parts: [String: String] = [:]
            for key in ["annex", "section", "article", "paragraph", "item"] { if let text = cited.string(key) { parts[key] = text } }
            cited.finish()
            citation = Citation(document: policy.id, article: parts["article"], paragraph: parts["paragraph"], item: parts["item"],
                                section: parts["section"], annex: parts["annex"], location: cited.location)
        }
        var fields: [(String, String, String?)] = []
        for item in reader.array("fields", required: true) ?? [] {
            guard var field = ObjectReader(item, "a field of notice", named: id, diagnostics) else { continue }
            let label = field.string("label", required: true) ?? ""
            let valueNode = field.stringNode("value", required: true)
            let hint = field.string("hint")
            field.finish()
            if let valueNode { check(valueNode, policy, vocabulary) }
            fields.append((label, valueNode?.string ?? "", hint))
        }
        let footerNodes = reader.array("footer") ?? []
        let footer = footerNodes.compactMap(\.string)
        var signatures: [[String]] = []
        for row in reader.array("signatures") ?? [] {
            guard let labels = row.array, !labels.isEmpty, labels.allSatisfy({ $0.string != nil }) else {
                diagnostics.error("bad-value", at: row.location, "notice `\(id)`: each row of `signatures` is a list of labels, [\"签收人\", \"签收时间\"]")
                continue
            }
            signatures.append(labels.compactMap(\.string))
        }
        // Only the fields' values are filled: a placeholder elsewhere would be printed as written.
        for node in [titleNode].compactMap({ $0 }) + footerNodes where node.string?.contains("{") == true {
            diagnostics.error("bad-value", at: node.location, "notice `\(id)`: placeholders are filled in the values of `fields` only; this text would be printed with its braces")
        }
        return (Notice(id: id, when: when, procedure: procedureID, title: title, citation: citation, fields: fields,
                       footer: footer, signatures: signatures, location: node.location), with)
    }

    /// Every `{name}` or `{name:argument}` must be a known placeholder with a valid argument,
    /// and every `{` closed (an unclosed one would be printed as written).
    private func check(_ node: JSONNode, _ policy: Policy, _ vocabulary: Vocabulary) {
        if let unclosed = NoticeText.unclosedPlaceholder(in: node.string ?? "") {
            diagnostics.error("bad-value", at: node.location, "unclosed placeholder `\(unclosed)`: a `{` without its `}`")
        }
        for placeholder in NoticeText.placeholders(in: node.string ?? "") {
            let argument = Notice.placeholders[placeholder.name]
            let fits = switch argument {
            case .required?: placeholder.argument != nil
            case .none?: placeholder.argument == nil
            case .optional?: true
            case nil: false
            }
            guard fits else {
                diagnostics.error("bad-value", at: node.location, "unknown placeholder `{\(placeholder.text)}`; known: {fact:NAME}, {failed}, {failed:KIND,…}, {advice}, {deadline:ID}, {earliest}, {as_of}, {either:FACT|YES|NO|UNKNOWN}")
                continue
            }
            guard let argument = placeholder.argument else { continue }
            switch placeholder.name {
            case "fact" where vocabulary.definition(argument) == nil:
                diagnostics.error("undeclared-fact", at: node.location, "`{fact:\(argument)}`: no such fact in the vocabulary")
            case "deadline" where !policy.deadlines.contains(where: { $0.id == argument }):
                diagnostics.error("bad-value", at: node.location, "`{deadline:\(argument)}`: \(policy.id) computes no such deadline")
            case "either":
                let parts = argument.split(separator: "|", omittingEmptySubsequences: false)
                let fact = vocabulary.definition(String(parts[0]))
                if fact == nil {
                    diagnostics.error("undeclared-fact", at: node.location, "`{either:\(argument)}`: no fact `\(parts[0])` in the vocabulary")
                } else if fact?.type != .boolean || !(3...4).contains(parts.count) {
                    diagnostics.error("bad-value", at: node.location, "`{either:\(argument)}`: expected {either:FACT|YES|NO} or {either:FACT|YES|NO|UNKNOWN} with a yes/no fact")
                }
            case "failed":
                for kind in argument.split(separator: ",") where policy.kind(String(kind)) == nil {
                    diagnostics.error("undeclared-kind", at: node.location, "`{failed:\(argument)}`: kind `\(kind)` is not declared")
                }
            default: break
            }
        }
    }
}

/// Placeholders in a notice's wording.
enum NoticeText {
    struct Placeholder {
        var text: String
        var name: String
        var argument: String?
        var range: Range<String.Index>
    }

    /// The text from a `{` that no `}` closes, if there is one.
    static func unclosedPlaceholder(in text: String) -> Substring? {
        let afterLast = text.lastIndex(of: "}").map { text.index(after: $0) } ?? text.startIndex
        return text[afterLast...].firstIndex(of: "{").map { text[$0...].prefix(40) }
    }

    static func placeholders(in text: String) -> [Placeholder] {
        var found: [Placeholder] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            let inner = String(text[text.index(after: open)..<close])
            let parts = inner.split(separator: ":", maxSplits: 1).map(String.init)
            found.append(Placeholder(text: inner, name: parts.first ?? "", argument: parts.count > 1 ? parts[1] : (parts.count == 1 && inner.hasSuffix(":") ? "" : nil),
                                     range: open..<text.index(after: close)))
            index = text.index(after: close)
        }
        return found
    }
}
