/// Tells the errors that are consequences of another from the root causes, so that a
/// policy editor reads the real error first: a file that fails to parse makes every file
/// that extends it fail to find its parent, a misspelt fact drops a rule that a region
/// then cannot replace, a fact whose declaration fails is undeclared in every rule.
///
/// Nothing is dropped: a consequence keeps its message and gains `causedBy`, the first
/// root error it follows from; ``DiagnosticList`` lists it after the root causes.
public enum RootCauses {
    /// Errors that something named was not found: a name whose declaration failed
    /// elsewhere gives them, so they follow from an error in what the file stands on.
    static let lookups: Set<String> = ["unknown-parent", "nothing-to-replace", "undeclared-date", "undeclared-scope",
                                       "undeclared-stage", "undeclared-kind", "orphaned-rule", "undeclared-fact"]
    /// Errors about a fact's name: an error in the vocabulary can cause them.
    static let aboutFacts: Set<String> = ["undeclared-fact"]
    /// A notices file's errors when its policy failed: a deadline or outcome it names was dropped.
    static let inNotices: Set<String> = lookups.union(["bad-value"])

    /// Marks the consequences among `diagnostics`. `parents` maps each policy file to the
    /// file it extends (by path, as locations name files); a file is in the vocabulary
    /// when its path starts with `folder/vocabulary/`, a notices file of policy `x` is
    /// `folder/notices/x.json5`.
    public static func mark(_ diagnostics: [Diagnostic], parents: [String: String], folder: String) -> [Diagnostic] {
        var marked = diagnostics
        let vocabularyFolder = folder + "/" + PolicySet.vocabularyFolder + "/", noticesFolder = folder + "/notices/"
        let firstVocabularyError = diagnostics.filter { $0.severity == .error && $0.location?.file.hasPrefix(vocabularyFolder) == true }
            .compactMap(\.location).min()
        // The vocabulary first: a policy's errors are judged once the files it stands on are.
        if let cause = firstVocabularyError {
            for index in marked.indices where isError(marked[index], in: aboutFacts) { marked[index].causedBy = cause }
        }
        // What a file stands on: a policy on the policy it extends, a notices file on its policy.
        var standsOn = parents
        for file in Set(marked.compactMap(\.location?.file)) where file.hasPrefix(noticesFolder) {
            standsOn[file] = folder + "/" + String(file.dropFirst(noticesFolder.count))
        }
        func depth(_ file: String) -> Int {
            var count = 0, next = standsOn[file]
            while let file = next, count <= standsOn.count { count += 1; next = standsOn[file] }
            return count
        }
        let files = Set(marked.compactMap(\.location?.file)).sorted { depth($0) < depth($1) }
        for file in files {
            let codes = file.hasPrefix(noticesFolder) ? inNotices : lookups
            // A lookup also follows from a consequence in its own file: the declaration it
            // looks for failed because of an error elsewhere (a date using a broken fact).
            let own = marked.first { $0.location?.file == file && $0.causedBy != nil }?.causedBy
            guard let cause = firstRootError(inAncestorsOf: file, marked, standsOn) ?? own else { continue }
            for index in marked.indices where marked[index].location?.file == file && marked[index].causedBy == nil
                && isError(marked[index], in: codes) {
                marked[index].causedBy = cause
            }
        }
        return marked
    }

    static func isError(_ diagnostic: Diagnostic, in codes: Set<String>) -> Bool {
        diagnostic.severity == .error && codes.contains(diagnostic.code)
    }

    /// The root cause of the first error in the nearest file above `file` that has one.
    static func firstRootError(inAncestorsOf file: String, _ diagnostics: [Diagnostic], _ parents: [String: String]) -> SourceLocation? {
        var seen: Set<String> = [file], next = parents[file]
        while let ancestor = next, seen.insert(ancestor).inserted {
            let errors = diagnostics.filter { $0.severity == .error && $0.location?.file == ancestor }
            if let first = errors.min(by: { $0.location! < $1.location! }) { return first.causedBy ?? first.location }
            next = parents[ancestor]
        }
        return nil
    }
}
