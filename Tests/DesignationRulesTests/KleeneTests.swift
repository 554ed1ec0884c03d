import Testing
@testable import DesignationRules

/// Three-valued logic: nil is unknown. Tables written from Kleene's strong logic.
@Suite struct KleeneTests {
    static let values: [Bool?] = [true, false, nil]

    func facts(_ a: Bool?, _ b: Bool?) -> [String: Value] {
        var facts: [String: Value] = [:]
        if let a { facts["a"] = .boolean(a) }
        if let b { facts["b"] = .boolean(b) }
        return facts
    }

    func value(_ text: String, _ a: Bool?, _ b: Bool?) throws -> Bool? {
        let outcome = try TestVocabulary.evaluate(text, facts(a, b))
        guard case .boolean(let result)? = outcome.value else { return nil }
        return result
    }

    @Test func andTable() throws {
        let expected: [[Bool?]] = [
            //  b: true   false  unknown
            [true, false, nil],     // a true
            [false, false, false],  // a false
            [nil, false, nil],      // a unknown
        ]
        for (i, a) in Self.values.enumerated() {
            for (j, b) in Self.values.enumerated() {
                #expect(try value("a and b", a, b) == expected[i][j], "a=\(String(describing: a)) b=\(String(describing: b))")
            }
        }
    }

    @Test func orTable() throws {
        let expected: [[Bool?]] = [
            [true, true, true],
            [true, false, nil],
            [true, nil, nil],
        ]
        for (i, a) in Self.values.enumerated() {
            for (j, b) in Self.values.enumerated() {
                #expect(try value("a or b", a, b) == expected[i][j], "a=\(String(describing: a)) b=\(String(describing: b))")
            }
        }
    }

    @Test func notTable() throws {
        #expect(try value("not a", true, nil) == false)
        #expect(try value("not a", false, nil) == true)
        #expect(try value("not a", nil, nil) == nil)
    }

    @Test func knownIsNeverUnknown() throws {
        #expect(try value("known(a)", nil, nil) == false)
        #expect(try value("known(a)", false, nil) == true)
    }

    @Test func decidingEvidenceIsTheDecidingOperand() throws {
        // false and unknown: only a decided, so b is not reported as needed.
        let outcome = try TestVocabulary.evaluate("a and b", facts(false, nil))
        #expect(outcome.evidence == [.fact(path: "a", definition: "a", value: .boolean(false))])
        // unknown and true: b does not decide; a is needed.
        let open = try TestVocabulary.evaluate("a and b", facts(nil, true))
        #expect(open.evidence.compactMap(\.neededPath) == ["a"])
    }

    @Test func quantifiersOverUnknownElements() throws {
        let staff: Value = .list([
            .record(Record(["registered": .boolean(false)])),
            .record(Record([:])),
        ])
        let any = try TestVocabulary.evaluate("any(s in staff, s.registered)", ["staff": staff])
        #expect(any.value == nil)
        #expect(any.evidence.compactMap(\.neededPath) == ["staff[1].registered"])
        let all = try TestVocabulary.evaluate("all(s in staff, s.registered)", ["staff": staff])
        #expect(all.value == .boolean(false))
        #expect(try TestVocabulary.evaluate("count(s in staff, s.registered)", ["staff": staff]).value == nil)
        #expect(try TestVocabulary.evaluate("any(s in staff, s.registered)", ["staff": .list([])]).value == .boolean(false))
        #expect(try TestVocabulary.evaluate("all(s in staff, s.registered)", ["staff": .list([])]).value == .boolean(true))
        #expect(try TestVocabulary.evaluate("any(s in staff, s.registered)", [:]).value == nil)
    }

    @Test func arithmeticNeverTraps() throws {
        #expect(try TestVocabulary.evaluate("beds * beds", ["beds": .integer(Int.max)]).value == nil)
        #expect(try TestVocabulary.evaluate("ratio / beds", ["ratio": .decimal(1), "beds": .integer(0)]).value == nil)
        #expect(try TestVocabulary.evaluate("sum(s in staff, s.years)", ["staff": .list([
            .record(Record(["years": .integer(2)])), .record(Record(["years": .integer(3)])),
        ])]).value == .integer(5))
    }
}
