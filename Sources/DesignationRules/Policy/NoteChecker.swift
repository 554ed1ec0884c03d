/// Every Chinese note of a policy names only what exists: an id-like word in a note is
/// shown to reviewers by what it names (`NoteWords`), so one that names nothing (a typo,
/// a rule renamed since) would reach a report as an internal word. Checked when the
/// policies load, like an undeclared fact in an expression.
struct NoteChecker {
    let vocabulary: Vocabulary

    func problems(_ policies: [String: Policy]) -> [Diagnostic] {
        var found: Set<Diagnostic> = []
        for policy in policies.values {
            let words = NoteWords(policy: policy, vocabulary: vocabulary, language: .zh)
            let whole = SourceLocation(file: policy.file, line: 1, column: 1)
            var notes: [(String, Label?, SourceLocation)] = [("the scope", policy.scopeNote, whole), ("the scope", policy.scope, whole)]
            notes += policy.rules.map { ("rule `\($0.id)`", $0.note, $0.location) }
            notes += policy.deadlines.map { ("deadline `\($0.id)`", $0.note, $0.location) }
            notes += policy.procedures.compactMap { procedure in procedure.scope.map { ("the scope of procedure `\(procedure.id)`", $0.note, whole) } }
            for (owner, note, location) in notes {
                guard let note else { continue }
                for word in words.unresolved(note.zh) {
                    found.insert(Diagnostic(code: "unknown-note-word", at: location,
                        "the Chinese note of \(owner) says `\(word)`, which names no rule, deadline, procedure, fact, parameter, one-of value or decision; reviewers would read it as it is: write it in words, or correct the id"))
                }
            }
        }
        return Array(found)
    }
}
