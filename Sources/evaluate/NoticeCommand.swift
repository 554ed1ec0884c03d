import DesignationRules
import Foundation

/// `evaluate PROFILE --region R --notice [--format text|html]`: the notice the outcome
/// calls for, as text or as a printable A4 form. An approximate date on it is told to the
/// reviewer on standard error (and in the form's margin); when no notice fits the outcome,
/// a message says so and nothing goes to standard output (exit 10), so that
/// `evaluate --notice > notice.txt` never saves a report in a notice's place.
func printNotice(_ evaluation: Evaluation, policies: PolicySet, format: String, language: Language) -> ExitCode {
    let notices = NoticeReport(policies: policies, language: language)
    guard ["text", "html"].contains(format) else {
        fail("evaluate: a notice is printed as text or html, not \(format)", .usage)
    }
    guard let form = notices.form(for: evaluation) else {
        let outcomes = evaluation.stages.filter { evaluation.reached($0) }
            .map { "\($0.stage.label.text(language))：\($0.outcome?.label.text(language) ?? "—")" }.joined(separator: language == .zh ? "；" : "; ")
        Streams.err(language == .zh
            ? "evaluate: \(evaluation.policy.id) 对此结果（\(outcomes)）不出具通知书；未输出任何内容。报告请去掉 --notice 重新运行。\n"
            : "evaluate: \(evaluation.policy.id) gives no notice for this outcome (\(outcomes)); nothing was written. For the report, run again without --notice.\n")
        return .noNotice
    }
    for note in form.reviewerNotes { Streams.err("evaluate: \(notices.reviewerHeading): \(note)\n") }
    if format == "html" {
        Streams.out(NoticeHTML(language: language).render(form, reviewerHeading: notices.reviewerHeading))
    } else {
        Streams.out(notices.render(evaluation) ?? "")
    }
    return ExitCode(evaluation.verdict)
}
