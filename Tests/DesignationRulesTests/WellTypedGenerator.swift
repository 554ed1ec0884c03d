import Foundation
@testable import DesignationRules

/// Random expressions that type-check, and random profiles, over a vocabulary with a
/// fact of every kind the loader accepts (see `GeneratorVocabulary`), for the
/// differential run of both evaluation paths and both profile readers
/// (`DifferentialTests`). An expression is built from the type it must have down to its
/// leaves, so every operator, built-in function and quantifier is reached with operands
/// the type checker accepts; each node keeps its children, so that a failing case can
/// be made smaller.
struct WellTypedGenerator {
    /// A type as the generator sees it: each one-of fact is a type of its own (a value of
    /// one is not a value of another), and a record is an element of `staff`.
    indirect enum Sort: Hashable, Sendable {
        case bool, integer, decimal, text, kind, material, title, date, period, record
        case list(Sort)
    }

    /// An expression: its text is `pieces` with `children` between them.
    struct Node: Sendable {
        var sort: Sort
        var pieces: [String]
        var children: [Node] = []

        var text: String {
            var text = pieces[0]
            for (child, piece) in zip(children, pieces.dropFirst()) { text += child.text + piece }
            return text
        }

        var size: Int { 1 + children.reduce(0) { $0 + $1.size } }

        static func leaf(_ sort: Sort, _ text: String) -> Node { Node(sort: sort, pieces: [text]) }
    }

    var random: FuzzTests.Random
    /// The quantifier variables in scope, innermost last.
    private var scope: [(name: String, sort: Sort)] = []

    init(seed: UInt64) { random = FuzzTests.Random(state: seed) }

    // MARK: Expressions

    /// The sorts a whole expression may have (a list of records is only ever ranged over).
    static let resultSorts: [Sort] = [.bool, .bool, .bool, .integer, .decimal, .text, .kind, .date, .date, .period,
                                      .list(.integer), .list(.material), .list(.date)]

    mutating func expression(depth: Int = 4) -> Node {
        expression(Self.resultSorts[random.below(Self.resultSorts.count)], depth)
    }

    mutating func expression(_ sort: Sort, _ depth: Int) -> Node {
        if depth <= 0 || random.below(4) == 0 { return leaf(sort) }
        return compound(sort, depth - 1) ?? leaf(sort)
    }

    /// Literals, facts and parameters of each sort.
    static let leaves: [Sort: [String]] = [
        .bool: ["true", "false", "a", "b"],
        .integer: ["0", "1", "7", "100", "9223372036854775807", "4611686018427387904", "1152921504606846976", "beds", "floors", "threshold"],
        .decimal: ["0.5", "2.5", "0.1", "0.0", "90.01", "ratio", "rate"],
        .text: ["'x'", "''", "'clinic'", "'医院'", "name"],
        .kind: ["kind", "'clinic'", "'hospital'"],
        .material: ["'form'", "'licence'"],
        .title: ["'doctor'", "'nurse'"],
        .date: ["today", "opened", "received", "cutoff"],
        .period: ["1 day", "10 days", "2 weeks", "1 month", "3 months", "1 year", "5 working_days", "0 days", "100000 years",
                  "1000 working_days", "wait"],
        .list(.integer): ["months", "[1, 4, 7, 10]"],
        .list(.material): ["materials", "['form']"],
        .list(.text): ["tags", "['x', '']"],
        .list(.kind): ["['clinic', 'hospital']"],
        .list(.record): ["staff"],
    ]

    /// The fields of a `staff` record, by sort.
    static let fields: [Sort: [String]] = [.bool: ["registered"], .integer: ["years"], .decimal: ["score"], .text: ["nick"],
                                           .title: ["title"], .date: ["since"]]

    mutating func leaf(_ sort: Sort) -> Node {
        var options = Self.leaves[sort] ?? []
        for (name, bound) in scope {
            if bound == sort { options.append(name) }
            if bound == .record { options += (Self.fields[sort] ?? []).map { name + "." + $0 } }
        }
        if options.isEmpty, case .list(let element) = sort { return listLiteral(element, 0) }
        precondition(!options.isEmpty, "no leaf of \(sort) in scope")
        return .leaf(sort, options[random.below(options.count)])
    }

    private mutating func pick<T>(_ options: [T]) -> T { options[random.below(options.count)] }

    private func node(_ sort: Sort, _ pieces: [String], _ children: [Node]) -> Node {
        Node(sort: sort, pieces: pieces, children: children)
    }

    private mutating func binary(_ sort: Sort, _ lhs: Node, _ op: String, _ rhs: Node) -> Node {
        node(sort, ["(", " \(op) ", ")"], [lhs, rhs])
    }

    private mutating func conditional(_ sort: Sort, _ depth: Int) -> Node {
        node(sort, ["(if ", " then ", " else ", ")"], [expression(.bool, depth), expression(sort, depth), expression(sort, depth)])
    }

    private mutating func listLiteral(_ element: Sort, _ depth: Int) -> Node {
        let count = 1 + random.below(3)
        let elements = (0 ..< count).map { _ in expression(element, depth) }
        return node(.list(element), ["["] + Array(repeating: ", ", count: count - 1) + ["]"], elements)
    }

    private mutating func call(_ sort: Sort, _ name: String, _ arguments: [Node]) -> Node {
        node(sort, [name + "("] + Array(repeating: ", ", count: arguments.count - 1) + [")"], arguments)
    }

    /// `any(v in list, body)` and the like: the list's elements bound to a fresh variable.
    private mutating func quantifier(_ sort: Sort, _ name: String, body: Sort, _ depth: Int) -> Node {
        let element = pick([Sort.record, .record, .integer, .material, .text, .date, .kind, .bool])
        let list = expression(.list(element), depth)
        let variable = "v\(scope.count)"
        scope.append((variable, element))
        defer { scope.removeLast() }
        return node(sort, [name + "(" + variable + " in ", ", ", ")"], [list, expression(body, depth)])
    }

    /// The sorts two operands of `==` may have, and of `<` (ordered ones).
    static let comparable: [Sort] = [.integer, .decimal, .date, .text, .kind, .material, .title, .period, .bool, .list(.integer), .list(.material)]
    static let ordered: [Sort] = [.integer, .decimal, .date, .date, .text]

    private mutating func compound(_ sort: Sort, _ depth: Int) -> Node? {
        // Now and then a field of a record a condition chooses (`(if c then v0 else v1).years`).
        if let field = Self.fields[sort]?.first, scope.contains(where: { $0.sort == .record }), random.below(12) == 0 {
            return node(sort, ["(if ", " then ", " else ", ")." + field], [expression(.bool, depth), leaf(.record), leaf(.record)])
        }
        switch sort {
        case .bool:
            switch random.below(13) {
            // In parentheses of its own: `not` binds more loosely than a comparison (`a == not b` does not parse).
            case 0: return node(.bool, ["(not ", ")"], [expression(.bool, depth)])
            case 1, 2: return binary(.bool, expression(.bool, depth), pick(["and", "or"]), expression(.bool, depth))
            case 3:
                let operands = pick(Self.comparable)
                return binary(.bool, expression(operands, depth), pick(["==", "!="]), expression(operands, depth))
            case 4, 5:
                let operands = pick(Self.ordered)
                // An integer meets a decimal now and then: the integer widens.
                let other = operands == .integer && random.below(3) == 0 ? Sort.decimal : operands
                return binary(.bool, expression(operands, depth), pick(["<", "<=", ">", ">="]), expression(other, depth))
            case 6:
                let element = pick([Sort.integer, .decimal, .text, .kind, .material, .date, .bool, .period])
                if random.below(6) == 0 { return node(.bool, ["(", " " + pick(["in", "not in"]) + " [])"], [expression(element, depth)]) }
                return binary(.bool, expression(element, depth), pick(["in", "not in"]), expression(.list(element), depth))
            case 7: return node(.bool, ["known(", ")"], [expression(pick(Self.comparable + [.list(.date)]), depth)])
            case 8: return conditional(.bool, depth)
            case 9, 10: return quantifier(.bool, pick(["any", "all"]), body: .bool, depth)
            case 11: return call(.bool, "is_working_day", [expression(.date, depth)])
            default: return binary(.bool, expression(.date, depth), pick(["<", ">=", "=="]), .leaf(.date, "today"))
            }
        case .integer:
            switch random.below(9) {
            case 0, 1: return binary(.integer, expression(.integer, depth), pick(["+", "-", "*"]), expression(.integer, depth))
            case 2: return node(.integer, ["-(", ")"], [expression(.integer, depth)])
            case 3: return binary(.integer, expression(.date, depth), "-", expression(.date, depth))
            case 4: return call(.integer, pick(["year", "month", "day"]), [expression(.date, depth)])
            case 5: return quantifier(.integer, "count", body: .bool, depth)
            case 6: return quantifier(.integer, "sum", body: .integer, depth)
            case 7: return call(.integer, pick(["min", "max"]), [expression(.integer, depth), expression(.integer, depth)])
            default: return conditional(.integer, depth)
            }
        case .decimal:
            switch random.below(7) {
            case 0, 1:
                let (x, y) = random.below(2) == 0 ? (Sort.decimal, pick([Sort.integer, .decimal])) : (pick([Sort.integer, .decimal]), Sort.decimal)
                return binary(.decimal, expression(x, depth), pick(["+", "-", "*", "/"]), expression(y, depth))
            case 2: return binary(.decimal, expression(pick([.integer, .decimal]), depth), "/", expression(pick([.integer, .decimal]), depth))
            case 3: return node(.decimal, ["-(", ")"], [expression(.decimal, depth)])
            case 4: return quantifier(.decimal, "sum", body: .decimal, depth)
            case 5: return call(.decimal, pick(["min", "max"]), [expression(.integer, depth), expression(.decimal, depth)])
            default:
                // An integer branch widens to the decimal one.
                return node(.decimal, ["(if ", " then ", " else ", ")"], [expression(.bool, depth), expression(.decimal, depth), expression(pick([.integer, .decimal]), depth)])
            }
        case .date:
            switch random.below(9) {
            case 0, 1: return binary(.date, expression(.date, depth), pick(["+", "-"]), expression(.period, depth))
            case 2: return binary(.date, expression(.period, depth), "+", expression(.date, depth))
            case 3: return call(.date, pick(["first_of_month", "due"]), [expression(.date, depth)])
            case 4: return call(.date, "nth_working_day", [expression(.date, depth), expression(.integer, depth)])
            case 5: return call(.date, "next_month_among", [expression(.date, depth), expression(.list(.integer), depth)])
            case 6: return call(.date, pick(["min", "max"]), [expression(.date, depth), expression(.date, depth)])
            default: return conditional(.date, depth)
            }
        case .period:
            switch random.below(4) {
            case 0: return node(.period, ["-(", ")"], [expression(.period, depth)])
            case 1: return binary(.period, expression(.period, depth), "*", expression(.integer, depth))
            case 2: return binary(.period, expression(.integer, depth), "*", expression(.period, depth))
            default: return conditional(.period, depth)
            }
        case .list(.record):
            return conditional(sort, depth)
        case .list(let element):
            return random.below(3) == 0 ? conditional(sort, depth) : listLiteral(element, depth)
        case .record:
            return nil
        case .text, .kind, .material, .title:
            return conditional(sort, depth)
        }
    }

    // MARK: Profiles

    /// A profile's JSON: mostly values the vocabulary accepts, sometimes null, absent, or
    /// one that does not fit (which both readers must refuse alike).
    indirect enum JSON: Sendable {
        case raw(String)
        case array([JSON])
        case object([(key: String, value: JSON)])

        /// A parsed JSON value, to be written again.
        init(_ node: JSONNode) {
            switch node.value {
            case .null: self = .raw("null")
            case .bool(let flag): self = .raw(flag ? "true" : "false")
            case .number(let number): self = .raw(number.text)
            case .string(let text):
                var written = "\""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\"": written += "\\\""
                    case "\\": written += "\\\\"
                    case let control where control.value < 0x20: written += String(format: "\\u%04x", control.value)
                    default: written.unicodeScalars.append(scalar)
                    }
                }
                self = .raw(written + "\"")
            case .array(let elements): self = .array(elements.map(JSON.init))
            case .object(let members): self = .object(members.map { ($0.key, JSON($0.value)) })
            }
        }

        /// Written compact, spaced, or one member a line.
        func text(style: Int) -> String {
            let (colon, comma) = [(":", ","), (": ", ", "), (" : ", ",\n  ")][style % 3]
            switch self {
            case .raw(let text): return text
            case .array(let elements): return "[" + elements.map { $0.text(style: style) }.joined(separator: comma) + "]"
            case .object(let members):
                return "{" + members.map { "\"\($0.key)\"" + colon + $0.value.text(style: style) }.joined(separator: comma) + "}"
            }
        }
    }

    /// The date profiles are read as of, unless a run chooses another.
    static let asOf = CivilDate(iso: "2026-11-26")!
    var asOf = Self.asOf

    /// Whether the profile being made may hold values the vocabulary refuses (one in ten),
    /// and whether it may hold forms batch mode's reader leaves to the full one (escapes,
    /// numbers written another way; one in three).
    private var damaging = false, unusual = false

    /// A profile of the facts of `vocabulary`, each present four times in five.
    mutating func profile(_ vocabulary: Vocabulary = GeneratorVocabulary.vocabulary) -> JSON {
        var members: [(key: String, value: JSON)] = []
        damaging = random.below(10) == 0
        unusual = random.below(3) == 0
        let damaged = damaging
        for fact in vocabulary.facts.shuffled(using: &random) where random.below(5) != 0 {
            members.append((fact.path, random.below(10) == 0 ? .raw("null") : value(fact, damaged: damaged && random.below(3) == 0)))
        }
        return .object(members)
    }

    private mutating func value(_ fact: FactDefinition, damaged: Bool) -> JSON {
        switch fact.type {
        case .list(.record):
            return .array((0 ..< random.below(4)).map { _ in
                .object(fact.fields.shuffled(using: &random).filter { _ in random.below(4) != 0 }.map { field in
                    (field.name, random.below(10) == 0 ? .raw("null") : value(field, damaged: damaged && random.below(2) == 0))
                })
            })
        case .list(let element):
            var scalar = fact
            scalar.type = element
            return .array((0 ..< random.below(4)).map { _ in value(scalar, damaged: damaged && random.below(2) == 0) })
        default:
            return .raw(damaged ? pick(Self.wrong[fact.type] ?? ["{}"]) : scalar(fact))
        }
    }

    /// `profile` with one to three facts of `vocabulary` changed: given another value,
    /// made null, or left out. A fixture's profile so changed is near the cases the rules
    /// were written for (a threshold just missed, a date just too late).
    mutating func perturb(_ profile: JSON, _ vocabulary: Vocabulary) -> JSON {
        damaging = random.below(10) == 0
        unusual = random.below(3) == 0
        guard case .object(var members) = profile else { return profile }
        for _ in 0 ..< 1 + random.below(3) {
            let fact = pick(vocabulary.facts)
            members.removeAll { $0.key == fact.path }
            switch random.below(4) {
            case 0: continue
            case 1: members.append((fact.path, .raw("null")))
            default: members.append((fact.path, value(fact, damaged: damaging && random.below(3) == 0)))
            }
        }
        return .object(members)
    }

    /// Values a fact's declaration refuses, by type: both readers must report them.
    static let wrong: [ValueType: [String]] = [
        .boolean: ["1", "\"true\""],
        .integer: ["2.5", "\"3\"", "100001", "-1", "9223372036854775808"],
        .decimal: ["1e400", "\"x\"", "true"],
        .text: ["3", "[]"],
        .date: ["\"2026-02-30\"", "\"2026-1-1\"", "20260101", "\"2030-01-01\""],
    ]

    /// Counts near the thresholds rules use, and the edges of `Int`.
    static let integers = [0, 1, 3, 8, 10, 19, 20, 21, 50, 99, 100, 101, 500, 100_000, -7, Int.max, Int.min, 1 << 62]
    static let decimals = ["0.5", "90.01", "0.1", "123456789.123", "3", "-2.25", "0", "60", "80.5", "1000"]

    private mutating func scalar(_ fact: FactDefinition) -> String {
        func fits(_ number: Double) -> Bool { number >= (fact.minimum ?? -.infinity) && number <= (fact.maximum ?? .infinity) }
        switch fact.type {
        case .boolean: return pick(["true", "false"])
        case .integer:
            // Now and then a number written another way, which batch mode's reader may leave to
            // the full one, or which is no whole number.
            if unusual, random.below(10) == 0 { return "-0" }
            if damaging, random.below(10) == 0 { return pick(["1e2", "100.0"]) }
            // Now and then just outside the bounds.
            if damaging, random.below(10) == 0, let bound = pick([fact.minimum.map { $0 - 1 }, fact.maximum.map { $0 + 1 }]), abs(bound) < 1e15 { return String(Int(bound)) }
            return String(pick(Self.integers.filter { fits(Double($0)) }))
        case .decimal:
            if unusual, random.below(10) == 0 { return pick(["-0.0", "1e3", "1.5E-2", "1e308"]) }
            let fitting = Self.decimals.filter { fits(Double($0)!) }
            return fitting.isEmpty ? String(fact.minimum ?? 0) : pick(fitting)
        case .text:
            // Now and then an escape, which batch mode's reader leaves to the full one.
            if unusual, random.below(10) == 0 { return pick([#""a\"b""#, #""\u0041""#]) }
            return pick(["\"\"", "\"a\"", "\"医院\"", "\"clinic\"", "\"x\"", "\"doctor\""])
        case .date: return "\"\(date(pastEvent: fact.isPastEvent))\""
        case .enumeration:
            let ids = fact.values.map(\.id)
            return "\"" + (damaging && random.below(10) == 0 ? "other" : pick(ids)) + "\""
        default: return "null"
        }
    }

    /// A date: for a past event, on or before the as-of date (now and then after it).
    private mutating func date(pastEvent: Bool) -> CivilDate {
        if pastEvent {
            if damaging, random.below(10) == 0 { return CivilDate(dayNumber: asOf.dayNumber + 1 + random.below(30)) }
            if random.below(5) == 0 { return asOf }
            return CivilDate(dayNumber: asOf.dayNumber - random.below(800))
        }
        switch random.below(8) {
        case 0: return pick([CivilDate(iso: "2024-02-29")!, CivilDate(iso: "2026-01-31")!, CivilDate(iso: "2026-10-01")!,
                             CivilDate(iso: "2026-12-31")!, CivilDate(iso: "9999-12-31")!, CivilDate(iso: "2026-02-14")!])
        case 1: return asOf
        default: return CivilDate(dayNumber: asOf.dayNumber - 2_000 + random.below(4_000))
        }
    }

    /// The day an expression is judged on: mostly the as-of date, else near it, or on a holiday.
    mutating func today() -> CivilDate {
        switch random.below(6) {
        case 0, 1, 2: return Self.asOf
        case 3: return pick([CivilDate(iso: "2026-10-01")!, CivilDate(iso: "2026-10-10")!, CivilDate(iso: "2027-01-01")!, CivilDate(iso: "2026-02-14")!])
        default: return CivilDate(dayNumber: Self.asOf.dayNumber - 400 + random.below(800))
        }
    }
}

extension FuzzTests.Random: RandomNumberGenerator {}

/// The generator's vocabulary: a fact of every type a vocabulary may declare, bounds,
/// past events, one-of values, lists of scalars and a list of records with a field of
/// each type; and a parameter of each kind.
enum GeneratorVocabulary {
    static func fact(_ path: String, _ type: ValueType, values: [String] = [], fields: [FactDefinition] = [],
                     minimum: Double? = nil, maximum: Double? = nil, pastEvent: Bool = false) -> FactDefinition {
        FactDefinition(path: path, type: type, label: Label(zh: path, en: path), unit: nil, form: nil,
                       values: values.map { EnumValue(id: $0, label: Label(zh: $0, en: $0)) }, fields: fields,
                       minimum: minimum, maximum: maximum, isPastEvent: pastEvent, location: TestVocabulary.origin)
    }

    static let vocabulary = Vocabulary([
        fact("a", .boolean), fact("b", .boolean),
        fact("beds", .integer, minimum: 0, maximum: 100_000), fact("floors", .integer),
        fact("ratio", .decimal), fact("name", .text),
        fact("opened", .date), fact("received", .date, pastEvent: true),
        fact("kind", .enumeration("kind"), values: ["clinic", "hospital"]),
        fact("materials", .list(.enumeration("materials")), values: ["form", "licence"]),
        fact("months", .list(.integer)), fact("tags", .list(.text)),
        fact("staff", .list(.record("staff")), fields: [
            fact("staff.registered", .boolean), fact("staff.years", .integer), fact("staff.score", .decimal),
            fact("staff.nick", .text), fact("staff.title", .enumeration("staff.title"), values: ["doctor", "nurse"]),
            fact("staff.since", .date, pastEvent: true),
        ]),
    ])

    static let parameters: [String: Value] = ["threshold": .integer(100), "wait": .period(Period(3, .months)), "rate": .decimal(0.5),
                                              "cutoff": .date(CivilDate(iso: "2026-06-30")!)]
    static let checker = TypeChecker(vocabulary: vocabulary, parameters: parameters)

    static func compile(_ text: String) throws -> Compiled {
        try checker.check(try ExpressionParser.parse(text, origin: TestVocabulary.origin, verbatim: true))
    }
}
