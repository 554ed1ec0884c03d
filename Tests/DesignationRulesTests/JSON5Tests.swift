import Testing
import DesignationRules

// Every expected line and column below was counted by hand from the input text:
// columns are 1-based and count Unicode scalars (a Chinese character is one column).

private let file = "t.json5"

// Swift Testing has its own `SourceLocation`; the bare name is ambiguous in test files.
private typealias Location = DesignationRules.SourceLocation

private func parse(_ text: String, maxDepth: Int = 256) throws -> JSONNode {
    try JSON5.parse(text, file: file, maxDepth: maxDepth)
}

private func parseError(_ text: String, maxDepth: Int = 256) -> JSON5Error? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

private func parseError(_ bytes: [UInt8], maxDepth: Int = 256) -> JSON5Error? {
    do throws(JSON5Error) {
        _ = try JSON5.parse(bytes, file: file, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

private func at(_ line: Int, _ column: Int) -> Location {
    Location(file: file, line: line, column: column)
}

private func expectError(_ text: String, _ line: Int, _ column: Int, _ message: String,
                         maxDepth: Int = 256, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(parseError(text, maxDepth: maxDepth) == JSON5Error(location: at(line, column), message: message),
            sourceLocation: sourceLocation)
}

// MARK: - Positions

@Suite struct JSON5PositionTests {
    @Test func nestedValuesAndKeysOverSeveralLines() throws {
        let root = try parse("""
        {
          "a": [1, {"b": true}],
          c: 'x'
        }
        """)
        #expect(root.location == at(1, 1))
        let a = try #require(root.member("a"))
        #expect(a.keyLocation == at(2, 3))
        #expect(a.value.location == at(2, 8))
        let elements = try #require(a.value.array)
        #expect(elements.count == 2)
        #expect(elements[0].location == at(2, 9))
        #expect(elements[0].number?.integer == 1)
        #expect(elements[1].location == at(2, 12))
        let b = try #require(elements[1].member("b"))
        #expect(b.keyLocation == at(2, 13))
        #expect(b.value.location == at(2, 18))
        #expect(b.value.bool == true)
        let c = try #require(root.member("c"))
        #expect(c.keyLocation == at(3, 3))
        #expect(c.value.location == at(3, 6))
        #expect(c.value.string == "x")
        #expect(root.members?.map(\.key) == ["a", "c"])
    }

    @Test func crlfCountsAsOneLineBreak() throws {
        let root = try parse("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}")
        let a = try #require(root.member("a"))
        let b = try #require(root.member("b"))
        #expect(a.keyLocation == at(2, 3))
        #expect(a.value.location == at(2, 8))
        #expect(b.keyLocation == at(3, 3))
        #expect(b.value.location == at(3, 8))
    }

    @Test func loneCRCountsAsALineBreak() throws {
        let elements = try #require(try parse("[1,\r2,\r\n\r\n3]").array)
        #expect(elements.map(\.location) == [at(1, 2), at(2, 1), at(4, 1)])
    }

    @Test func columnsCountChineseCharactersAsOne() throws {
        let root = try parse(#"{"名称": "某医院", "x": 1}"#)
        let name = try #require(root.member("名称"))
        #expect(name.keyLocation == at(1, 2))
        #expect(name.value.location == at(1, 8))
        #expect(name.value.string == "某医院")
        let x = try #require(root.member("x"))
        #expect(x.keyLocation == at(1, 15))
        #expect(x.value.location == at(1, 20))
    }

    @Test func verbatimStringCharactersCanBeLocated() throws {
        let value = try #require(try parse(#"{"名称": "某医院"}"#).member("名称")?.value)
        #expect(value.isVerbatimString)
        // Character 1 of "某医院" is 医, one past the quote and 某.
        #expect(value.location.advanced(by: 1 + 1) == at(1, 10))
    }

    @Test func tabIsOneColumnAndUnicodeSpacesAreWhitespace() throws {
        let elements = try #require(try parse("[\t1,\u{3000}2,\u{00A0}3]").array)
        #expect(elements.map(\.location) == [at(1, 3), at(1, 6), at(1, 9)])
    }

    @Test func byteOrderMarkIsSkippedAndTakesNoColumn() throws {
        let root = try JSON5.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), file: file)
        #expect(root.location == at(1, 1))
        #expect(root.array?.first?.location == at(1, 2))
        let fromString = try parse("\u{FEFF}[1]")
        #expect(fromString.location == at(1, 1))
    }

    @Test func fileNameAppearsInLocations() throws {
        let root = try JSON5.parse("\n  true", file: "policies/a.json5")
        #expect(root.location == Location(file: "policies/a.json5", line: 2, column: 3))
        #expect(root.location.description == "policies/a.json5:2:3")
    }
}

// MARK: - JSON5 syntax

@Suite struct JSON5SyntaxTests {
    @Test func commentsAreSkipped() throws {
        let elements = try #require(try parse("""
        // header
        /* block
           comment */ [1, /* inline */ 2 // trailing
        , 3]
        """).array)
        #expect(elements.map { $0.number?.integer } == [1, 2, 3])
        #expect(elements.map(\.location) == [at(3, 16), at(3, 32), at(4, 3)])
        #expect(try parse("/* 注释 */ 5").location == at(1, 10))
    }

    @Test func trailingCommas() throws {
        #expect(try parse("[1, 2,]").array?.count == 2)
        let root = try parse("{a: 1, b: [true,],}")
        #expect(root.members?.map(\.key) == ["a", "b"])
        #expect(root.member("b")?.value.array?.count == 1)
        #expect(try parse("[]").array?.count == 0)
        #expect(try parse("{ }").members?.count == 0)
    }

    @Test func unquotedAndSingleQuotedKeys() throws {
        let root = try parse(#"{名称: 1, $id: 2, _x1: 3, 'q k': 4, true: 5, null: 6}"#)
        #expect(root.members?.map(\.key) == ["名称", "$id", "_x1", "q k", "true", "null"])
        #expect(root.member("$id")?.keyLocation == at(1, 9))
    }

    @Test func singleQuotedStrings() throws {
        let single = try parse(#"'it\'s "ok"'"#)
        #expect(single.string == #"it's "ok""#)
        #expect(!single.isVerbatimString)
        let double = try parse(#""it's""#)
        #expect(double.string == "it's")
        #expect(double.isVerbatimString)
    }

    @Test func escapes() throws {
        let node = try parse(#""\n\t\r\b\f\v\0\'\"\\\/A\u00e9\x41\uD83D\uDE00\q""#)
        #expect(node.string == "\n\t\r\u{8}\u{C}\u{B}\0'\"\\/Aé" + "A" + "😀" + "q")
        #expect(!node.isVerbatimString)
    }

    @Test func lineContinuation() throws {
        let elements = try #require(try parse("[\"ab\\\ncd\", 1]").array)
        #expect(elements[0].string == "abcd")
        #expect(!elements[0].isVerbatimString)
        #expect(elements[1].location == at(2, 6))
        #expect(try parse("'ab\\\r\ncd'").string == "abcd")
    }

    @Test func verbatimFlag() throws {
        let plain = try parse(#""abc""#)
        #expect(plain.isVerbatimString)
        #expect(plain.location.advanced(by: 1 + 2) == at(1, 4))  // the "c"
        #expect(try parse(#""""#).isVerbatimString)
        let escaped = try parse(#""a\u0062""#)
        #expect(escaped.string == "ab")
        #expect(!escaped.isVerbatimString)
        #expect(try parse("1").isVerbatimString == false)
    }

    @Test func literalsAndAccessors() throws {
        let root = try parse("{t: true, f: false, n: null, s: 's', a: [], o: {}, x: 1}")
        let kinds = root.members?.map(\.value.kindName)
        #expect(kinds == ["boolean", "boolean", "null", "string", "array", "object", "number"])
        #expect(root.member("t")?.value.bool == true)
        #expect(root.member("f")?.value.bool == false)
        #expect(root.member("missing") == nil)
        #expect(root.member("s")?.value.number == nil)
        #expect(root.kindName == "object")
    }
}

// MARK: - Numbers

@Suite struct JSON5NumberTests {
    @Test func numberForms() throws {
        let numbers = try #require(try parse(
            "[0x1F, -0x10, +5, .5, 5., 3.50, 1e3, -12, 0, -2.5E-1]").array).map { $0.number! }
        #expect(numbers.map(\.text) == ["0x1F", "-0x10", "+5", ".5", "5.", "3.50", "1e3", "-12", "0", "-2.5E-1"])
        #expect(numbers.map(\.integer) == [31, -16, 5, nil, nil, nil, nil, -12, 0, nil])
        #expect(numbers.map(\.double) == [31, -16, 5, 0.5, 5, 3.5, 1000, -12, 0, -0.25])
    }

    @Test func infinityAndNaN() throws {
        let numbers = try #require(try parse("[Infinity, -Infinity, +Infinity, NaN, -NaN]").array).map { $0.number! }
        #expect(numbers.map(\.text) == ["Infinity", "-Infinity", "+Infinity", "NaN", "-NaN"])
        #expect(numbers.allSatisfy { $0.integer == nil })
        #expect(numbers[0].double == .infinity)
        #expect(numbers[1].double == -.infinity)
        #expect(numbers[2].double == .infinity)
        #expect(numbers[3].double.isNaN)
        #expect(numbers[4].double.isNaN)
    }

    @Test func integerLimits() throws {
        #expect(try parse("9223372036854775807").number?.integer == Int.max)
        #expect(try parse("-9223372036854775808").number?.integer == Int.min)
        let big = try #require(try parse("1234567890123456789012345").number)  // 25 digits
        #expect(big.integer == nil)
        #expect(big.double == 1.234567890123456789012345e24)
        let bigHex = try #require(try parse("0x1000000000000000000").number)  // 16^18 = 2^72
        #expect(bigHex.integer == nil)
        #expect(bigHex.double == 4_722_366_482_869_645_213_696)
    }

    @Test func longNumberLiterals() throws {
        #expect(try parse(String(repeating: "9", count: 100)).number?.integer == nil)
        expectError("[" + String(repeating: "7", count: 400) + "]", 1, 2,
                    "number literal of 400 characters is too long (at most 100 are allowed)")
        expectError("-" + String(repeating: "1", count: 100), 1, 1,
                    "number literal of 101 characters is too long (at most 100 are allowed)")
    }

    @Test func malformedNumbers() {
        expectError("[007]", 1, 2,
                    "a number cannot start with a leading zero (write it without the zero, or as a string if the zero matters)")
        expectError("-x", 1, 2, "expected a number after '-', found 'x'")
        expectError("-Inf", 1, 2, "expected a number after '-', found 'Inf'")
        expectError("1e", 1, 3, "expected a digit in the exponent, found end of file")
        expectError("0x", 1, 3, "expected a hexadecimal digit after '0x', found end of file")
        expectError("[.]", 1, 3, "expected a digit after '.', found ']'")
        expectError("[1x]", 1, 3, "expected ',' or ']' after array element, found 'x'")
    }
}

// MARK: - Errors

@Suite struct JSON5ErrorTests {
    @Test func emptyInput() {
        expectError("", 1, 1, "the file is empty; expected a JSON value")
        expectError("  // only a comment\n", 2, 1, "the file holds only white space or comments; expected a JSON value")
        #expect(parseError([0xEF, 0xBB, 0xBF])?.message == "the file is empty; expected a JSON value")
    }

    @Test func duplicateKey() {
        expectError("{\"x\": 1,\n \"x\": 2}", 2, 2, #"duplicate key "x" (first at line 1, column 2)"#)
        expectError("{x: 1, 'x': 2}", 1, 8, #"duplicate key "x" (first at line 1, column 2)"#)
    }

    /// Inside a record the message names the record, as profile problems name values.
    @Test func duplicateKeyInANestedObjectNamesItsPath() {
        expectError(#"{"physicians": [{"name": "a"}, {"name": "b", "name": "c"}]}"#, 1, 46,
                    #"duplicate key "name" in `physicians[1]` (first at line 1, column 33)"#)
        expectError(#"{"a": {"b": [[{"k": 1, "k": 2}]]}}"#, 1, 24, #"duplicate key "k" in `a.b[0][0]` (first at line 1, column 16)"#)
    }

    @Test func duplicateKeyInLargeObject() {
        // Line 1 is "{", k0 is on line 2, so kN is on line N + 2; the repeat is on line 22.
        let text = "{\n" + (0..<20).map { "k\($0): \($0),\n" }.joined() + "k5: 99\n}"
        expectError(text, 22, 1, #"duplicate key "k5" (first at line 7, column 1)"#)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        expectError(String(repeating: "[", count: 10_000), 1, 257, "nesting deeper than 256 levels")
        // Each `{"a":` is 5 columns, so the 257th brace is at column 5 * 256 + 1.
        expectError(String(repeating: "{\"a\":", count: 10_000), 1, 1281, "nesting deeper than 256 levels")
        expectError("[[[]]]", 1, 3, "nesting deeper than 2 levels", maxDepth: 2)
        expectError(#"{"a": {"b": {}}}"#, 1, 13, "nesting deeper than 2 levels", maxDepth: 2)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        var node = try parse(String(repeating: "[", count: 256) + String(repeating: "]", count: 256))
        var depth = 1
        while let inner = node.array?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 256)
        #expect(node.location == at(1, 256))
    }

    @Test func unexpectedCharacters() {
        expectError(#"{"a": 1 x}"#, 1, 9, "expected ',' or '}' after object member, found 'x'")
        expectError(#"{"a": }"#, 1, 7, "expected a value, found '}'")
        expectError("[1,,2]", 1, 4, "expected a value, found ','")
        expectError("{1: 2}", 1, 2, "expected a key (a string or an identifier), found '1'")
        expectError(#"{"a" 1}"#, 1, 6, #"expected ':' after key "a", found '1'"#)
        expectError("[1] [2]", 1, 5,
                    "expected end of file after the value, found '['; a file holds one value (put several in an array)")
        expectError("[1，2]", 1, 3,
                    "expected ',' or ']' after array element, found '，' (a full-width character; did you mean ','?)")
        expectError("[\u{200B}1]", 1, 2, "expected a value, found U+200B (an invisible character)")
    }

    @Test func unquotedText() {
        expectError(#"{"ok": yes}"#, 1, 8,
                    "expected a value, found 'yes' (text must be in quotes; the literals are true, false and null)")
        expectError(#"{"名称": 某医院}"#, 1, 8,
                    "expected a value, found '某医院' (text must be in quotes; the literals are true, false and null)")
        expectError("True", 1, 1,
                    "expected a value, found 'True' (text must be in quotes; the literals are true, false and null)")
    }

    @Test func endOfFileInsideContainers() {
        expectError("[1, 2", 1, 6,
                    "expected ',' or ']' after array element, found end of file (the '[' at line 1, column 1 is not closed)")
        expectError(#"{"a":"#, 1, 6,
                    "expected a value, found end of file (the '{' at line 1, column 1 is not closed)")
        expectError("{\n  \"a\": [1,\n", 3, 1,
                    "expected a value, found end of file (the '[' at line 2, column 8 is not closed)")
        expectError(#"{"a": 1,"#, 1, 9,
                    "expected a key (a string or an identifier), found end of file (the '{' at line 1, column 1 is not closed)")
    }

    @Test func unterminatedString() {
        expectError("{\n  \"k\": \"abc\n}", 2, 12,
                    "unterminated string (started at line 2, column 8); expected a closing quote before the end of the line")
        expectError("\"abc", 1, 5,
                    "unterminated string (started at line 1, column 1); expected a closing quote before the end of the line")
        expectError("'a\\n", 1, 5,
                    "unterminated string (started at line 1, column 1); expected a closing quote before the end of the line")
    }

    @Test func unterminatedComment() {
        expectError("[1, /* never closed", 1, 20, "unterminated comment (started at line 1, column 5); expected '*/'")
    }

    @Test func badEscapes() {
        expectError(#""\u12G4""#, 1, 6, #"expected 4 hexadecimal digits after '\u', found 'G'"#)
        expectError(#""\x4""#, 1, 5, #"expected 2 hexadecimal digits after '\x', found '"'"#)
        expectError(#""\1""#, 1, 2, #"invalid escape '\1'; digits cannot be escaped"#)
        expectError(#""\01""#, 1, 2, #"invalid escape '\0' followed by a digit; write '\u0000' or '\x00'"#)
        expectError(#"["ok", "\uD83D"]"#, 1, 9,
                    #"unpaired surrogate \uD83D; a surrogate must be written as a high (\uD800 to \uDBFF) and a low (\uDC00 to \uDFFF) escape together"#)
        expectError(#""\uDE00""#, 1, 2,
                    #"unpaired surrogate \uDE00; a surrogate must be written as a high (\uD800 to \uDBFF) and a low (\uDC00 to \uDFFF) escape together"#)
        expectError(#""\uD83D\u0041""#, 1, 8,
                    #"expected a low surrogate (\uDC00 to \uDFFF) after the high surrogate, found \u0041"#)
    }

    @Test func errorDescriptionNamesFileLineAndColumn() throws {
        let error = try #require(parseError(#"{"a": 1 x}"#))
        #expect(error.description == "t.json5:1:9: error: expected ',' or '}' after object member, found 'x'")
    }
}

// MARK: - Encoding

@Suite struct JSON5EncodingTests {
    private static func gbMessage(_ byte: String) -> String {
        "the file is not valid UTF-8 (byte 0x\(byte)); it may be GB18030/GBK from a Windows tool: "
            + "convert it with `iconv -f GB18030 -t UTF-8 FILE > FILE.utf8`"
    }

    @Test func gb18030TextIsReportedAtTheFirstBadByte() {
        // "医院名称" in GB18030 is D2 BD D4 BA C3 FB B3 C6. The first four bytes happen
        // to be valid UTF-8 (U+04BD U+053A, one column each); C3 is not followed by a
        // continuation byte, so the error is at C3: column 10 after `{"n": "` and 2 scalars.
        let bytes = Array(#"{"n": ""#.utf8) + [0xD2, 0xBD, 0xD4, 0xBA, 0xC3, 0xFB, 0xB3, 0xC6] + Array(#""}"#.utf8)
        #expect(parseError(bytes) == JSON5Error(location: at(1, 10), message: Self.gbMessage("C3")))
        // "名" (C3 FB) on the second line.
        let second = Array("[\n\"".utf8) + [0xC3, 0xFB] + Array("\"]".utf8)
        #expect(parseError(second) == JSON5Error(location: at(2, 2), message: Self.gbMessage("C3")))
    }

    @Test func gb18030BytesForYiYuanAloneAreValidUTF8() throws {
        // D2 BD D4 BA ("医院" in GB18030) is also well-formed UTF-8 for "ҽԺ", so no
        // byte-level check can reject it; only longer GB18030 text is caught.
        let bytes = Array("\"".utf8) + [0xD2, 0xBD, 0xD4, 0xBA] + Array("\"".utf8)
        #expect(try JSON5.parse(bytes, file: file).string == "\u{04BD}\u{053A}")
    }

    @Test func malformedUTF8() {
        #expect(parseError([0x5B, 0x80, 0x5D]) == JSON5Error(location: at(1, 2), message: Self.gbMessage("80")))
        #expect(parseError([0x22, 0xC0, 0x80, 0x22])?.location == at(1, 2))  // overlong
        #expect(parseError([0x22, 0xED, 0xA0, 0x80, 0x22])?.location == at(1, 2))  // surrogate
        #expect(parseError([0x22, 0xE4, 0xB8])?.location == at(1, 2))  // cut short at end of file
        // After a BOM and a valid Chinese character: the BOM takes no column, 医 takes one.
        #expect(parseError([0xEF, 0xBB, 0xBF, 0x22, 0xE5, 0x8C, 0xBB, 0xFF])?.location == at(1, 3))
    }

    @Test func utf16IsRecognised() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00]
        #expect(parseError(bytes) == JSON5Error(
            location: at(1, 1),
            message: "the file is UTF-16, not UTF-8 (it starts with a UTF-16 byte-order mark): "
                + "convert it with `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`"))
    }
}

// MARK: - SourceLocation

@Suite struct SourceLocationTests {
    @Test func descriptionAndOrdering() {
        let a = Location(file: "a.json", line: 3, column: 7)
        #expect(a.description == "a.json:3:7")
        #expect(a.advanced(by: 4) == Location(file: "a.json", line: 3, column: 11))
        #expect(a < Location(file: "a.json", line: 3, column: 8))
        #expect(a < Location(file: "a.json", line: 4, column: 1))
        #expect(Location(file: "b.json", line: 1, column: 1) > a)
    }
}
