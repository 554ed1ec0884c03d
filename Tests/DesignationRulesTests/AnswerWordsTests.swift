import Testing
@testable import DesignationRules

/// The interview speaks the reviewer's language (issue 20, 4, for the files of point 7):
/// in Chinese, what to type and why an answer is asked again hold no English word — only
/// the format YYYY-MM-DD, the word "id" the list shows beside each value, and an example
/// duration as the profile writes it.
@Suite struct AnswerWordsTests {
    static let allowed = ["YYYY-MM-DD", "months", "id"]

    func english(in text: String, besides answer: String = "") -> [String] {
        var rest = text.replacingOccurrences(of: answer, with: "")
        for word in Self.allowed { rest = rest.replacingOccurrences(of: word, with: "") }
        return rest.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).map(String.init)
    }

    @Test func everyFactsHintAndComplaintAreChinese() {
        let asOf = CivilDate(iso: "2026-11-26")!
        var complaints = 0
        for fact in Repository.policySet.vocabulary.facts {
            let reader = AnswerReader(fact: fact, asOf: asOf, language: .zh)
            #expect(english(in: reader.hint).isEmpty, "\(fact.path): \(reader.hint)")
            for answer in ["abc", "2027-13-01", "2099-01-01", "-5", "99999999"] {
                guard case .failure(let error) = reader.read(answer) else { continue }
                complaints += 1
                #expect(english(in: error.message, besides: answer).isEmpty, "\(fact.path), \(answer): \(error.message)")
            }
        }
        #expect(complaints > 100)
    }

    @Test func englishStaysEnglish() {
        let fact = Repository.policySet.vocabulary.definition("follows_price_policy")!
        let reader = AnswerReader(fact: fact, asOf: CivilDate(iso: "2026-11-26")!, language: .en)
        #expect(reader.hint == "yes/no")
        if case .failure(let error) = reader.read("maybe") { #expect(error.message == "answer 是 or 否 (yes or no)") } else { Issue.record("accepted") }
    }
}
