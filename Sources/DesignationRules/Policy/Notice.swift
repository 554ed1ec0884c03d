/// A notice to the applicant that an outcome calls for (受理通知书, 补正补齐通知书,
/// 不予受理通知书, 评估不合格告知书), as the text's form lays it out: a title, fields of
/// label and value, and the lines below (signatures, stamps). Values are the form's fixed
/// wording with placeholders the evaluation fills:
///
///     {fact:institution_name}   a fact of the profile, as the report shows it
///     {failed}                  every failed rule: citation「quote」
///     {failed:material}         the failed rules of the kinds named (comma-separated)
///     {advice}                  what to put right: each failed rule's explanation and citation
///     {deadline:supplement-due} a computed date or term of the evaluation
///     {earliest}                the earliest date on which every rule passes, or —
///     {as_of}                   the date of the evaluation
///     {either:FACT|YES|NO|UNKNOWN} the wording for a yes/no fact's answer (UNKNOWN, optional,
///                               when it is not known: else YES and NO both, as "NO/YES")
/// An empty value is a blank the form leaves to be filled by hand (with the form's `hint`
/// printed in it, as 附件9 prints "(受理号)"). Below the fields come the lines the form
/// prints (`footer`: 注…) and its blocks of blanks for the hand (`signatures`, one row of
/// labels each: the receipt 签收人 … 签收时间, the office's 经办机构（盖章）… 经办日期).
public struct Notice: Sendable {
    public var id: String
    /// Stage outcomes that call for it (`acceptance:refused`), in the procedure named.
    public var when: [(stage: String, outcome: String)]
    public var procedure: String
    public var title: String
    public var citation: Citation?
    public var fields: [(label: String, value: String, hint: String?)]
    public var footer: [String]
    public var signatures: [[String]]
    /// Forms printed with the notice, each on its own page (a receipt to fill and return).
    public var attachments: [Notice] = []
    public var location: SourceLocation

    enum Argument { case none, required, optional }

    /// The placeholders a value may use, and whether each takes an argument.
    static let placeholders: [String: Argument] = [
        "fact": .required, "failed": .optional, "advice": .none, "deadline": .required, "earliest": .none, "as_of": .none, "either": .required,
    ]
}
