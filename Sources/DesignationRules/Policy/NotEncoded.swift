/// A unit of the official text that the policy file declares it does not encode, with
/// the words of the text that say why and one kind of a closed set: the checker's text
/// coverage (`TextCoverage`) counts it as accounted for, as it counts a unit that some
/// rule cites. Written at the end of a policy file, in the order of the text:
///
///     not_encoded: [
///       { citation: { article: "第四十五条" }, kind: "discretionary",
///         quote: "可", reason: "the agency may suspend staff: a choice, not a condition" },
///     ]
public struct NotEncoded: Sendable {
    /// Why a unit is not a rule. A unit that fits none of these is checkable and is encoded.
    public enum Kind: String, Sendable, CaseIterable {
        /// Binds only the authority (经办机构的职责): nothing the applicant has or does.
        case authority
        /// Leaves a choice (可): no condition follows from it.
        case discretionary
        /// A definition, a purpose or a principle: the meaning of other units, not a condition;
        /// or the layout of a form, whose fields the profile records.
        case definition
        /// A remedy (complaints, disputes, reconsideration): what happens after a decision.
        case remedy
        /// Outside what this tool decides (another procedure, another kind of applicant).
        case outOfScope = "out-of-scope"
        /// A condition, but not one an applicant's facts can show (a later inspection, a plan).
        case notCheckable = "not-checkable"
        /// Says again what other units say (a flowchart of the procedure, a summary); the
        /// reason names them, and they are accounted for in their own right.
        case restates

        public var words: String {
            switch self {
            case .authority: "binds only the authority"
            case .discretionary: "discretionary (可)"
            case .definition: "definition or principle"
            case .remedy: "remedy"
            case .outOfScope: "out of this tool's scope"
            case .notCheckable: "not checkable from an applicant's facts"
            case .restates: "restates other provisions"
            }
        }
    }

    public var citation: Citation
    public var kind: Kind
    /// The words of the unit that give the reason; checked to lie inside the unit.
    public var quote: String
    /// The reason in a few words.
    public var reason: String
    public var location: SourceLocation?
}

extension PolicyLoader {
    /// `not_encoded: [{citation, kind, quote, reason}]`.
    func readNotEncoded(_ node: JSONNode, policy: String) -> NotEncoded? {
        guard var reader = ObjectReader(node, "a `not_encoded` entry", diagnostics) else { return nil }
        defer { reader.finish() }
        let citation = readCitation(&reader, policy: policy)
        let kindNode = reader.stringNode("kind", required: true)
        let kind = kindNode.flatMap { NotEncoded.Kind(rawValue: $0.string!) }
        if let kindNode, kind == nil {
            diagnostics.error("bad-value", at: kindNode.location,
                              "`kind` must be one of: \(NotEncoded.Kind.allCases.map(\.rawValue).joined(separator: ", ")); found \"\(kindNode.string!)\"")
        }
        let quote = reader.string("quote", required: true)
        let reason = reader.string("reason", required: true)
        guard let citation, let kind, let quote, let reason else { return nil }
        if citation.document != policy {
            diagnostics.error("bad-citation", at: citation.location, "a `not_encoded` entry declares a unit of its own text (\(policy)); found one of `\(citation.document)`")
            return nil
        }
        return NotEncoded(citation: citation, kind: kind, quote: quote, reason: reason, location: citation.location)
    }
}
