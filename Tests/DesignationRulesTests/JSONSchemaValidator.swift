import Foundation
@testable import DesignationRules

/// A small JSON Schema validator, written for the tests from the draft 2020-12 text rather
/// than from the schema writer: it knows the keywords `policy schema` uses (`$ref` into
/// `$defs`, `type`, `properties`, `required`, `additionalProperties`, `propertyNames`,
/// `items`, `enum`, `const`, `anyOf`, `oneOf`, `allOf`, `if`/`then`, `not`, `minimum`,
/// `maximum`, `maxItems`, `pattern`), and fails loudly
/// on any other keyword that constrains, so that a schema cannot pass by using one it skips.
struct JSONSchemaValidator {
    let root: JSONNode
    /// Keywords that annotate and do not constrain.
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "format", "$defs"]

    init(_ text: String) throws { root = try JSON5.parse(Array(text.utf8), file: "schema") }

    /// Every place `instance` breaks the schema, as "path: reason"; empty when it is valid.
    func errors(_ instance: JSONNode) -> [String] { check(instance, root, "$") }

    private func check(_ value: JSONNode, _ schema: JSONNode, _ path: String) -> [String] {
        guard let keywords = schema.members else { return ["\(path): schema is not an object"] }
        var errors: [String] = []
        for member in keywords {
            let rule = member.value
            switch member.key {
            case "$ref":
                guard let target = resolve(rule.string ?? "") else { return ["\(path): unresolvable $ref \(rule.string ?? "")"] }
                errors += check(value, target, path)
            case "type":
                let types = rule.array?.compactMap(\.string) ?? [rule.string ?? ""]
                if !types.contains(where: { Self.has(value, type: $0) }) { errors.append("\(path): expected \(types.joined(separator: "|")), found \(value.kindName)") }
            case "properties":
                for property in rule.members ?? [] {
                    if let child = value.member(property.key) { errors += check(child.value, property.value, path + "." + property.key) }
                }
            case "required":
                guard value.members != nil else { continue }
                for key in rule.array?.compactMap(\.string) ?? [] where value.member(key) == nil { errors.append("\(path): missing \(key)") }
            case "additionalProperties":
                guard let members = value.members else { continue }
                let declared = Set(schema.member("properties")?.value.members?.map(\.key) ?? [])
                for child in members where !declared.contains(child.key) {
                    if rule.bool == false { errors.append("\(path): \(child.key) is not allowed") }
                    else if rule.members != nil { errors += check(child.value, rule, path + "." + child.key) }
                }
            case "propertyNames":
                for child in value.members ?? [] {
                    let name = JSONNode(value: .string(child.key), location: child.keyLocation)
                    errors += check(name, rule, path + "." + child.key + " (name)")
                }
            case "const":
                if !Self.equal(rule, value) { errors.append("\(path): not the constant required") }
            case "allOf":
                for branch in rule.array ?? [] { errors += check(value, branch, path) }
            case "if":
                // `then` applies when the value matches `if`; `if` alone constrains nothing.
                if check(value, rule, path).isEmpty, let then = schema.member("then")?.value { errors += check(value, then, path) }
            case "then": continue
            case "items":
                for (index, element) in (value.array ?? []).enumerated() { errors += check(element, rule, "\(path)[\(index)]") }
            case "maxItems":
                if let count = value.array?.count, let limit = rule.number?.integer, count > limit { errors.append("\(path): \(count) items > \(limit)") }
            case "enum":
                if !(rule.array ?? []).contains(where: { Self.equal($0, value) }) { errors.append("\(path): not one of the allowed values") }
            case "anyOf":
                let branches = (rule.array ?? []).map { check(value, $0, path) }
                if !branches.contains(where: \.isEmpty) { errors.append("\(path): matches none of anyOf (\(branches.flatMap { $0 }.prefix(3).joined(separator: "; ")))") }
            case "oneOf":
                let matching = (rule.array ?? []).filter { check(value, $0, path).isEmpty }.count
                if matching != 1 { errors.append("\(path): matches \(matching) of oneOf, not exactly 1") }
            case "not":
                if check(value, rule, path).isEmpty { errors.append("\(path): matches a schema it must not") }
            case "minimum":
                if let number = value.number?.double, let limit = rule.number?.double, number < limit { errors.append("\(path): \(number) < \(limit)") }
            case "maximum":
                if let number = value.number?.double, let limit = rule.number?.double, number > limit { errors.append("\(path): \(number) > \(limit)") }
            case "pattern":
                if let text = value.string, let pattern = rule.string, text.range(of: pattern, options: .regularExpression) == nil {
                    errors.append("\(path): \"\(text)\" does not match \(pattern)")
                }
            case let key where Self.annotations.contains(key): continue
            default: errors.append("\(path): the validator does not know the keyword \(member.key)")
            }
        }
        return errors
    }

    private func resolve(_ reference: String) -> JSONNode? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONNode? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?.member(String(part))?.value }
        return node
    }

    static func has(_ value: JSONNode, type: String) -> Bool {
        switch (type, value.value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): true
        case ("integer", .number(let number)): number.double == number.double.rounded()
        default: false
        }
    }

    static func equal(_ a: JSONNode, _ b: JSONNode) -> Bool {
        switch (a.value, b.value) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x.double == y.double
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }
}
