import Foundation

/// What the numbering of a text cannot tell: kept beside the text in
/// `sources/<name>.structure.json5`.
struct SourceTextHints: Sendable {
    /// Annexes printed without a `附件N` heading: the line (white space ignored) each begins with.
    var annexes: [(annex: String, line: String)] = []
    /// The lines (white space ignored) where the text proper ends and what follows is
    /// signature, date and distribution: each opens a part of the back matter.
    var backMatter: [String] = []
}

extension SourceText {
    /// The official text at `path` under the policies folder (`sources/national.txt`), read
    /// with the hints beside it; nil when it cannot be read. Problems of the hints file are
    /// added to `diagnostics`.
    static func load(_ path: String, under directory: URL, document: String, diagnostics: DiagnosticCollector) -> SourceText? {
        let url = directory.appendingPathComponent(path)
        guard !path.contains(".."), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let hints = SourceTextHints.load(beside: url, path: path, diagnostics: diagnostics)
        let text = SourceTextReader(document: document, hints: hints).read(String(decoding: data, as: UTF8.self))
        if !text.unmatchedHints.isEmpty {
            let file = SourceTextHints.url(beside: url).path
            let written = (try? String(contentsOf: SourceTextHints.url(beside: url), encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            for hint in text.unmatchedHints {
                let line = (written.firstIndex { $0.contains(hint) } ?? 0) + 1
                diagnostics.error("bad-structure-hints", at: SourceLocation(file: file, line: line, column: 1),
                                  "「\(hint)」 matches no line of \(path) after the lines the hints before it matched; a hint names a whole line, white space ignored, in the order of the text")
            }
        }
        return text
    }

    /// The official text of `policy` (`document.source`) read into its units, or the
    /// problems that kept it from being read.
    public static func load(of policy: Policy, under directory: URL) -> Result<SourceText, DiagnosticList> {
        let diagnostics = DiagnosticCollector()
        guard let path = policy.document.source else {
            return .failure(DiagnosticList([Diagnostic(code: "no-source", at: nil, "\(policy.file): `document.source` is missing")]))
        }
        let text = load(path, under: directory, document: policy.id, diagnostics: diagnostics)
        guard let text, !diagnostics.hasErrors else {
            let unreadable = Diagnostic(code: "no-source", at: nil, "the official text `\(path)` of \(policy.file) cannot be read")
            return .failure(DiagnosticList(diagnostics.diagnostics + (text == nil ? [unreadable] : [])))
        }
        return .success(text)
    }
}

extension SourceTextHints {
    /// The hints kept beside a text (`sources/beijing.txt` → `sources/beijing.structure.json5`);
    /// none when there is no such file.
    static func url(beside text: URL) -> URL { text.deletingPathExtension().appendingPathExtension("structure.json5") }

    static func load(beside text: URL, path: String, diagnostics: DiagnosticCollector) -> SourceTextHints {
        let url = url(beside: text)
        guard let data = FileManager.default.contents(atPath: url.path) else { return SourceTextHints() }
        let file = url.path
        let root: JSONNode
        do { root = try JSON5.parse(Array(data), file: file) } catch {
            diagnostics.add(Diagnostic(.error, code: "bad-structure-hints", at: error.location, error.message))
            return SourceTextHints()
        }
        var hints = SourceTextHints()
        guard var reader = ObjectReader(root, "the structure hints of `\(path)`", diagnostics) else { return hints }
        defer { reader.finish() }
        for node in reader.array("annexes") ?? [] {
            guard var annex = ObjectReader(node, "an annex of the structure hints", diagnostics) else { continue }
            if let number = annex.stringNode("annex", required: true), let line = annex.string("begins", required: true), let name = number.string {
                if Citation.Part.annex.shape?.matches(name) != true {
                    diagnostics.error("bad-structure-hints", at: number.location, "malformed annex `\(name)`; expected e.g. 附件2-1")
                }
                hints.annexes.append((name, line))
            }
            annex.finish()
        }
        for node in reader.array("back_matter") ?? [] {
            guard let line = node.string else {
                diagnostics.error("bad-structure-hints", at: node.location, "`back_matter` lists lines of the text as strings; found \(node.kindName)")
                continue
            }
            hints.backMatter.append(line)
        }
        return hints
    }
}
