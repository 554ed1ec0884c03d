/// Applies a region's own file to the policy it extends. Every change is in the open:
/// a rule or deadline that `replaces` an inherited one takes its place and remembers it;
/// a waiver names the rule it sets aside; anything else is added after the inherited ones.
struct PolicyMerger {
    let diagnostics: DiagnosticCollector

    func merge(_ own: Policy, over parent: Policy) -> Policy {
        var merged = own
        merged.rules = replacing(parent.rules, with: own.rules, what: "rule", parent: parent.id,
                                 superseded: { Superseded(id: $0.id, citation: $0.citation, quote: $0.quote, text: $0.explanation) })
        merged.deadlines = replacing(parent.deadlines, with: own.deadlines, what: "deadline", parent: parent.id,
                                     superseded: { Superseded(id: $0.id, citation: $0.citation, quote: $0.quote, text: $0.label) })
        for waiver in own.waivers where !merged.rules.contains(where: { $0.id == waiver.rule }) {
            let known = parent.rules.map(\.id)
            var message = "waiver names rule `\(waiver.rule)`, which \(parent.id) does not have"
            if let near = nearestName(to: waiver.rule, in: known) { message += "; did you mean `\(near)`?" }
            diagnostics.error("nothing-to-replace", at: waiver.location, message)
        }
        merged.waivers = parent.waivers + own.waivers
        // A region that redeclares a procedure must say what happens to each inherited
        // rule whose kind it no longer has: a rule is never dropped silently.
        let kinds = Set(merged.kinds.map(\.id))
        for rule in merged.rules where !kinds.contains(rule.kind)
            && !merged.waivers.contains(where: { $0.rule == rule.id && $0.appliesIf == nil }) {
            diagnostics.error("orphaned-rule", at: own.procedures.isEmpty ? nil : rule.location,
                              "\(rule.citation.document) rule `\(rule.id)` has kind `\(rule.kind)`, which no procedure of \(own.id) declares; declare the kind, or replace or waive the rule")
        }
        return merged
    }

    /// The inherited items with replacements in place, then the new ones.
    private func replacing<Item: Replaceable>(_ inherited: [Item], with own: [Item], what: String, parent: String,
                                              superseded: (Item) -> Superseded) -> [Item] {
        var result = inherited
        // Looked up by id rather than searched: a region replaces or adds a hundred rules
        // over a hundred inherited ones, and the searches were most of its loading's last step.
        let inheritedIDs = Set(inherited.lazy.map(\.id))
        var positions = FirstPositions(result)
        for item in own {
            guard let target = item.replaces else {
                if inheritedIDs.contains(item.id) {
                    diagnostics.error("hidden-replacement", at: item.location, "\(what) `\(item.id)` has the id of a \(parent) \(what); write `replaces: \"\(item.id)\"` to replace it in the open, or choose another id")
                } else {
                    result.append(item)
                    positions.appended(result)
                }
                continue
            }
            guard let index = positions[target] else {
                var message = "\(what) `\(item.id)` replaces `\(target)`, which \(parent) does not have"
                if let near = nearestName(to: target, in: inherited.map(\.id)) { message += "; did you mean `\(near)`?" }
                diagnostics.error("nothing-to-replace", at: item.location, message)
                continue
            }
            var replacement = item
            replacement.superseded = superseded(result[index])
            result[index] = replacement
            positions.replaced(at: index, in: result, old: target)
        }
        return result
    }
}

/// The first position of each id in a list of items, kept up to date as the list changes:
/// the index that `firstIndex { $0.id == id }` would find.
private struct FirstPositions {
    private var first: [String: Int] = [:]

    init<Item: Replaceable>(_ items: [Item]) {
        for (index, item) in items.enumerated() where first[item.id] == nil { first[item.id] = index }
    }

    subscript(id: String) -> Int? { first[id] }

    /// After an item was appended to `items`.
    mutating func appended<Item: Replaceable>(_ items: [Item]) {
        let index = items.count - 1
        if first[items[index].id] == nil { first[items[index].id] = index }
    }

    /// After the item at `index`, the first with id `old`, was replaced in `items`.
    mutating func replaced<Item: Replaceable>(at index: Int, in items: [Item], old: String) {
        first[old] = items[(index + 1)...].firstIndex { $0.id == old }
        let new = items[index].id
        if first[new].map({ $0 > index }) ?? true { first[new] = index }
    }
}

/// A rule or a deadline: something a region can replace by id.
protocol Replaceable {
    var id: String { get }
    var replaces: String? { get }
    var superseded: Superseded? { get set }
    var location: SourceLocation { get }
}

extension Rule: Replaceable {}
extension Deadline: Replaceable {}
