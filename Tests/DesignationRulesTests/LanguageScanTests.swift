import Foundation
import Testing
@testable import DesignationRules

/// One language throughout (issue 20 point 4): every fixture's full report, in text,
/// Markdown and HTML, read line by line. In Chinese no ASCII word is left but what the
/// profile typed (its file, its texts), mail and web addresses, and the capitals the
/// source texts print themselves (PDF, ICU, HIS). In English no Chinese is left outside
/// the quoted source wording (「…」), names the profile typed, and the names of the texts.
@Suite struct LanguageScanTests {
    static let policies = Repository.policySet
    static let fixtures = Fixture.all(in: Repository.fixtures)

    /// A word with a small letter: capitals alone are the texts' own abbreviations.
    static var englishWord: Regex<AnyRegexOutput> { try! Regex("[A-Za-z_]*[a-z][A-Za-z_]*[A-Za-z_]|[A-Za-z_][a-z]") }
    static var addressOrMarkup: Regex<AnyRegexOutput> { try! Regex("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://[^ ）)」]+|<[^>]*>|&[a-z]+;|&#[0-9]+;") }
    static var chineseRun: Regex<AnyRegexOutput> { try! Regex("[\u{4E00}-\u{9FFF}]+") }
    /// A citation as the texts number their provisions: 第七条（一）, 三（一）, 附件2-1九.
    static var citation: Regex<AnyRegexOutput> { try! Regex("[第条款项附件之处〔〕一二三四五六七八九十百零0-9（）()\\-.]+") }
    /// What the English report may show in Chinese: the source's wording in 「」, the title
    /// 《…》 and document number, and a label the profile typed in quotes.
    static var quoted: Regex<AnyRegexOutput> {
        try! Regex("「[^」]*」|《[^》]*》|\"[^\"]*\"|“[^”]*”|'[0-9\u{4E00}-\u{9FFF}「（…][^']*'|form field: [^<]*|\\([^()]*[\u{4E00}-\u{9FFF}][^()]*\\)|（[^（）]*）|[\u{4E00}-\u{9FFF}]+〔[0-9]+〕[0-9]+号")
    }

    static func renders(_ evaluation: Evaluation, _ language: Language) -> [String] {
        let vocabulary = policies.vocabulary
        return [TextReport(vocabulary: vocabulary, language: language).render(evaluation),
                MarkdownReport(vocabulary: vocabulary, language: language).render(evaluation),
                HTMLReport(vocabulary: vocabulary, language: language).render(evaluation)
                    .components(separatedBy: "<body>").last ?? ""]
    }

    /// The lines of `report` that show an English word, once the profile's own texts are taken out.
    static func englishLines(_ report: String, typed: [String]) -> [(line: String, words: [String])] {
        var body = report
        for text in typed where !text.isEmpty { body = body.replacingOccurrences(of: text, with: "") }
        return body.split(separator: "\n").compactMap { line in
            let stripped = line.replacing(addressOrMarkup, with: "")
            let words = stripped.matches(of: englishWord).map { String(stripped[$0.range]) }
            return words.isEmpty ? nil : (String(line), words)
        }
    }

    /// The profile's texts, as typed: a reviewer's transcription is shown as it is.
    static func typed(_ evaluation: Evaluation) -> [String] {
        var typed = [evaluation.profileSource]
        func collect(_ value: Value) {
            switch value {
            case .text(let text): typed.append(text)
            case .list(let values): values.forEach(collect)
            case .record(let record): record.fields.values.forEach(collect)
            default: break
            }
        }
        evaluation.profile.facts.values.forEach(collect)
        return typed.sorted { $0.count > $1.count }
    }

    @Test func chineseReportsHaveNoEnglishWords() {
        let runner = FixtureRunner(policies: Self.policies)
        var leaks: [String] = []
        var words: [String: Int] = [:]
        for fixture in Self.fixtures {
            guard let evaluation = runner.run(fixture).evaluation else { continue }
            // Enumerated ids the profile typed are shown as labels, so only free texts are typed.
            let typed = Self.typed(evaluation).filter { text in !Self.policies.vocabulary.facts.contains { $0.value(text) != nil } }
            for report in Self.renders(evaluation, .zh) {
                for (line, found) in Self.englishLines(report, typed: typed) {
                    leaks.append("\(fixture.region)/\(fixture.name): \(line)")
                    for word in found { words[word, default: 0] += 1 }
                }
            }
        }
        Self.dump(words, leaks, "zh")
        #expect(leaks.isEmpty, "\(leaks.count) lines; \(leaks.prefix(3).map { String($0.prefix(300)) }.joined(separator: "\n"))")
    }

    /// The English report of every fixture: Chinese only inside the source's wording and
    /// titles (「」《》), in words quoted or glossed in brackets, in what the profile typed,
    /// in the names of the texts and of the official form's fields, and in citations as
    /// the texts number them.
    @Test func englishReportsHaveNoChineseOutsideQuotes() {
        let runner = FixtureRunner(policies: Self.policies)
        var leaks: [String] = []
        var words: [String: Int] = [:]
        for fixture in Self.fixtures {
            guard let evaluation = runner.run(fixture).evaluation else { continue }
            // The names of the texts (titles, document numbers) are names, in their language.
            let names = Self.policies.policies.values.flatMap { [$0.document.title, $0.document.number] }
            let typed = (Self.typed(evaluation) + names).sorted { $0.count > $1.count }
            for report in Self.renders(evaluation, .en) {
                var body = report
                for text in typed where !text.isEmpty { body = body.replacingOccurrences(of: text, with: "") }
                body = body.replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                for line in body.split(separator: "\n") {
                    let stripped = line.replacing(Self.quoted, with: "").replacing(Self.citation, with: " ")
                    let found = stripped.matches(of: Self.chineseRun).map { String(stripped[$0.range]) }
                    guard !found.isEmpty else { continue }
                    leaks.append("\(fixture.region)/\(fixture.name): \(line)")
                    for word in found { words[word, default: 0] += 1 }
                }
            }
        }
        Self.dump(words, leaks, "en")
        #expect(leaks.isEmpty, "\(leaks.count) lines; \(leaks.prefix(3).map { String($0.prefix(300)) }.joined(separator: "\n"))")
    }

    /// The damaged profiles of the robustness tests, read in Chinese: every message in
    /// Chinese but what the file holds or must hold (the key path in backticks, the value
    /// typed in quotes, the ids and field names a list of allowed values gives, JSON's
    /// true/false/null, a character found, a command to type), and the stable code in brackets.
    @Test func profileErrorsInChineseAreChinese() {
        let decoder = ProfileDecoder(vocabulary: Self.policies.vocabulary, asOf: CivilDate(iso: "2026-11-26")!, language: .zh)
        let typed = try! Regex("`[^`]*`|“[^”]*”|'[^']*'|0x[0-9A-F]+|[A-Za-z0-9_-]+（|\\[[a-z-]+\\]$|true|false|null|JSON|YYYY-MM-DD")
        var leaks: [String] = []
        // Past the first 50 problems, the rest are counted.
        let sixty = "{" + (1...60).map { "\"x\($0)\": 1" }.joined(separator: ", ") + "}"
        let cases = BadProfileTests.cases + [.init("sixty unknown keys", sixty, "undeclared-fact", "")]
        for bad in cases {
            do { _ = try decoder.decode(bad.bytes, source: "p.json") } catch {
                let text = error.text(.zh)
                #expect(text.contains("错误："), "\(bad.name)")
                if bad.name == "sixty unknown keys" { #expect(text.contains("另有 10 个问题")) }
                for line in text.split(separator: "\n") {
                    let message = line.drop { $0 != " " }.replacing(typed, with: "")
                    if message.contains(Self.englishWord) { leaks.append("\(bad.name): \(line)") }
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }

    /// National 第七条（一）'s rule, named in a note by its id, reads as its citation and words;
    /// a Tianjin procedure by its label; a decision by the tool's word for it.
    @Test func aNoteNamesByIdsAndReadsInWords() throws {
        let tianjin = try #require(Self.policies.policies["tianjin"])
        let zh = NoteWords(policy: tianjin, vocabulary: Self.policies.vocabulary, language: .zh)
        let rule = try #require(Self.policies.policies["national"]?.rules.first { $0.id == "art7-1-key-persons" })
        #expect(zh.words("由规则 art7-1-key-persons 要求补充") == "由规则国家第七条（一）“\(rule.explanation.zh)”要求补充")
        let procedure = try #require(tianjin.procedures.first { $0.id == "designated-2026" })
        #expect(zh.words("另成程序 designated-2026。") == "另成程序“\(procedure.label.zh)”。")
        #expect(zh.words("（ineligible）") == "（“\(Words.verdict(.ineligible, .zh))”）")
        #expect(zh.words("HIS、PDF 不变") == "HIS、PDF 不变")
        #expect(zh.unresolved("见 art7-1-key-person 与 art7-1-key-persons") == ["art7-1-key-person"])
        // English words stay English; an id with a hyphen is named.
        let en = NoteWords(policy: tianjin, vocabulary: Self.policies.vocabulary, language: .en)
        let english = en.words("see rule art7-1-key-persons, a change")
        #expect(english.hasPrefix("see rule National"))
        #expect(english.hasSuffix("“\(rule.explanation.en)”, a change"))
    }

    /// A note that names nothing stops the policies loading, with the file and the rule.
    @Test func aNoteWordThatNamesNothingIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Repository.policies, to: directory)
        let file = directory.appendingPathComponent("national.json5")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "（各规则的适用条件排除互联网医院）", with: "（各规则 art7-1-key-person 排除）")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticList.self) { try PolicySet(directory: directory) }
        do { _ = try PolicySet(directory: directory) } catch {
            let problem = try #require(error.diagnostics.first { $0.code == "unknown-note-word" })
            #expect(problem.message.contains("`art7-1-key-person`"))
            #expect(problem.message.contains("art5-internet-hospital"))
            #expect(problem.location?.file.hasSuffix("national.json5") == true)
        }
    }

    /// For measuring: `LEAKS_DIR=/tmp swift test --filter LanguageScan` writes the words found.
    static func dump(_ words: [String: Int], _ leaks: [String], _ name: String) {
        guard let directory = ProcessInfo.processInfo.environment["LEAKS_DIR"] else { return }
        let counted = words.sorted { $0.value > $1.value }.map { "\($0.value)\t\($0.key)" }
        try? (["\(words.values.reduce(0, +)) words, \(words.count) distinct"] + counted + [""] + leaks)
            .joined(separator: "\n").write(toFile: "\(directory)/leaks-\(name).txt", atomically: true, encoding: .utf8)
    }
}
