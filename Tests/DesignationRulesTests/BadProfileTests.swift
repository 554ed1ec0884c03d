import Foundation
import Testing
@testable import DesignationRules

/// Bad profiles, as reviewers and exporting systems produce them: each is refused with
/// the exact kind of error, and the message names the key (or the line and column).
@Suite struct BadProfileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: String
        /// Text the message must contain: the key path, or what was expected.
        var mentions: String
        var testDescription: String { name }

        init(_ name: String, _ json: String, _ code: String, _ mentions: String) {
            self.init(name, Array(json.utf8), code, mentions)
        }

        init(_ name: String, _ bytes: [UInt8], _ code: String, _ mentions: String) {
            self.name = name
            self.bytes = bytes
            self.code = code
            self.mentions = mentions
        }
    }

    static let cases: [Case] = [
        // Wrong types, one per kind of fact.
        Case("text for a count", #"{"bed_count": "120"}"#, "wrong-type", "`bed_count`: expected a whole number"),
        Case("decimal for a count", #"{"bed_count": 12.5}"#, "wrong-type", "`bed_count`"),
        Case("bool as text", #"{"follows_price_policy": "yes"}"#, "wrong-type", "`follows_price_policy`: expected true or false"),
        Case("bool as number", #"{"follows_price_policy": 1}"#, "wrong-type", "`follows_price_policy`"),
        Case("number for text", #"{"institution_name": 42}"#, "wrong-type", "`institution_name`: expected text"),
        Case("number for a date", #"{"application_date": 20260301}"#, "wrong-type", "`application_date`: expected a date"),
        Case("object for an enum", #"{"licence": {"id": "none"}}"#, "wrong-type", "`licence`: expected one of"),
        Case("string for a list", #"{"materials_submitted": "application-form"}"#, "wrong-type", "`materials_submitted`: expected a list"),
        Case("object for records", #"{"physicians": {"name": "王"}}"#, "wrong-type", "`physicians`: expected a list of records"),
        Case("string as a record", #"{"physicians": ["王"]}"#, "wrong-type", "`physicians[0]`: expected a record"),
        Case("wrong type in a record", #"{"physicians": [{"first_registered_here": "是"}]}"#, "wrong-type", "`physicians[0].first_registered_here`"),
        Case("wrong type deep in a list", #"{"past_terminations": [{"date": "2024-01-01"}, {"liability_fulfilled": 0}]}"#, "wrong-type", "`past_terminations[1].liability_fulfilled`"),
        // Undeclared keys, with the nearest declared name.
        Case("misspelt fact", #"{"bedcount": 3}"#, "undeclared-fact", "did you mean `bed_count`?"),
        Case("unknown fact", #"{"favourite_colour": "blue"}"#, "undeclared-fact", "`favourite_colour`"),
        Case("misspelt record field", #"{"physicians": [{"certificat": "other"}]}"#, "undeclared-fact", "`physicians[0].certificat`"),
        Case("dotted key", #"{"physicians.name": "王"}"#, "undeclared-fact", "`physicians.name`"),
        // Dates.
        Case("impossible day", #"{"application_date": "2025-02-30"}"#, "bad-date", "\"2025-02-30\" is not a date"),
        Case("slashes", #"{"application_date": "2025/3/1"}"#, "bad-date", "`application_date`"),
        Case("no padding", #"{"application_date": "2025-3-1"}"#, "bad-date", "YYYY-MM-DD"),
        Case("month 13", #"{"application_date": "2025-13-01"}"#, "bad-date", "2025-13-01"),
        Case("year zero", #"{"application_date": "0000-01-01"}"#, "bad-date", "0000-01-01"),
        Case("empty date", #"{"application_date": ""}"#, "bad-date", "`application_date`"),
        Case("date with time", #"{"application_date": "2025-03-01T08:00"}"#, "bad-date", "`application_date`"),
        Case("Chinese date", #"{"application_date": "2025年3月1日"}"#, "bad-date", "`application_date`"),
        Case("future past event", #"{"operation_start_date": "2027-01-01"}"#, "future-date", "after the as-of date"),
        Case("future date in a record", #"{"past_terminations": [{"date": "2030-05-05"}]}"#, "future-date", "`past_terminations[0].date`"),
        // Counts out of range.
        Case("negative beds", #"{"bed_count": -1}"#, "out-of-range", "`bed_count`: -1 is below"),
        Case("absurd beds", #"{"bed_count": 5000000}"#, "out-of-range", "above the largest plausible value 20000"),
        Case("negative staff", #"{"insurance_staff_count": -3}"#, "out-of-range", "`insurance_staff_count`"),
        Case("integer overflow", #"{"bed_count": 99999999999999999999999}"#, "wrong-type", "`bed_count`"),
        // Enum values outside their list.
        Case("unknown type", #"{"institution_type": "hospital"}"#, "unknown-value", "allowed: general-hospital"),
        Case("Chinese label instead of id", #"{"institution_type": "综合医院"}"#, "unknown-value", "`institution_type`"),
        Case("misspelt enum", #"{"licence": "practice-licnce"}"#, "unknown-value", "did you mean \"practice-licence\"?"),
        Case("unknown list value", #"{"materials_submitted": ["application-form", "photo"]}"#, "unknown-value", "`materials_submitted[1]`"),
        Case("unknown record enum", #"{"key_persons": [{"role": "ceo"}]}"#, "unknown-value", "`key_persons[0].role`"),
        // Files as they come.
        Case("empty file", "", "syntax", "the file is empty"),
        Case("only white space", " \n\t ", "syntax", "the file holds only white space or comments"),
        Case("array at the top", "[1, 2]", "wrong-type", "a profile must be a JSON object"),
        Case("string at the top", #""profile""#, "wrong-type", "a profile must be a JSON object"),
        Case("null at the top", "null", "wrong-type", "a profile must be a JSON object"),
        Case("unclosed object", #"{"bed_count": 3"#, "syntax", "expected"),
        Case("trailing garbage", #"{"bed_count": 3} x"#, "syntax", "1:18"),
        Case("duplicate key", #"{"bed_count": 3, "bed_count": 4}"#, "syntax", "duplicate key \"bed_count\""),
        Case("missing colon", #"{"bed_count" 3}"#, "syntax", "expected"),
        Case("bare word", #"{"follows_price_policy": yes}"#, "syntax", "'yes'"),
        Case("full-width comma", "{\"bed_count\": 3，\"licence\": \"none\"}", "syntax", "did you mean ','?"),
        Case("400-digit number", "{\"bed_count\": " + String(repeating: "9", count: 400) + "}", "syntax", "too long"),
        Case("nested 10,000 deep", String(repeating: "[", count: 10_000), "syntax", "nesting deeper"),
        Case("nested objects in a record", #"{"physicians": [{"name": {"a": {"b": {"c": 1}}}}]}"#, "wrong-type", "`physicians[0].name`"),
        Case("NaN count", #"{"bed_count": NaN}"#, "wrong-type", "`bed_count`"),
        Case("GB18030 text", [0x7B, 0x22, 0x69, 0x6E, 0x73, 0x74, 0x69, 0x74, 0x75, 0x74, 0x69, 0x6F, 0x6E, 0x5F, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22,
                              0xD2, 0xBD, 0xD4, 0xBA, 0xC3, 0xFB, 0xB3, 0xC6, 0x22, 0x7D], "syntax", "GB18030"),
        Case("UTF-16 file", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], "syntax", "UTF-16"),
        Case("unterminated string", #"{"institution_name": "某医院}"#, "syntax", "unterminated string"),
    ]

    let decoder = ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2026-11-26")!)

    @Test(arguments: cases)
    func isRefusedWithAPreciseMessage(_ bad: Case) {
        do {
            _ = try decoder.decode(bad.bytes, source: "p.json")
            Issue.record("\(bad.name): accepted")
        } catch {
            let first = error.diagnostics.first
            #expect(first?.code == bad.code, "\(bad.name): \(error)")
            #expect(first?.message.contains(bad.mentions) == true || first?.location.map { "\($0.line):\($0.column)" } == bad.mentions,
                    "\(bad.name): \(error)")
            #expect(first?.location?.file == "p.json", "\(bad.name): no position")
        }
    }

    /// What reviewers' tools add and the reader must accept: a byte-order mark, CRLF, JSON5.
    @Test func byteOrderMarkCRLFAndJSON5AreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\r\n  \"bed_count\": 3,\r\n  // 备注\r\n  licence: 'none',\r\n}\r\n".utf8)
        let profile = try decoder.decode(bytes, source: "p.json")
        #expect(profile.facts["bed_count"] == .integer(3))
        #expect(profile.facts["licence"] == .text("none"))
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        do {
            _ = try decoder.decode(Array(#"{"bed_count": -1, "licence": "x", "bedz": 1, "application_date": "2025-02-30"}"#.utf8), source: "p.json")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["out-of-range", "unknown-value", "undeclared-fact", "bad-date"])
        }
    }
}
