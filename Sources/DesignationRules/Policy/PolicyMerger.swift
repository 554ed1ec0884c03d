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
        for waiver in own.waivers where !merged.rules.contains(where: { $0.id.isSameText(waiver.rule) }) {
            let known = parent.rules.map(\.id)
            var message = "waiver names rule `\(waiver.rule)`, which \(parent.id) does not have"
            if let near = nearestName(to: waiver.rule, in: known) { message += "; did you mean `\(near)`?" }
            diagnostics.error("nothing-to-replace", at: waiver.location, message)
        }
        merged.waivers = parent.waivers + own.waivers
        // A region that redeclares a procedure must say what happens to each inherited
        // rule whose kind it no longer has: a rule is never dropped silently.
        let kinds = Set(merged.kinds.map(\.id))
        // By index, reading the kind in place: a loop over the rules copied each whole rule.
        for index in merged.rules.indices where !kinds.contains(merged.rules[index].kind) {
            let rule = merged.rules[index]
            guard !merged.waivers.contains(where: { $0.rule == rule.id && $0.appliesIf == nil }) else { continue }
            diagnostics.error("orphaned-rule", at: own.procedures.isEmpty ? nil : rule.location,
                              "\(rule.citation.document) rule `\(rule.id)` has kind `\(rule.kind)`, which no procedure of \(own.id) declares; declare the kind, or replace or waive the rule")
        }
        return merged
    }

    /// The inherited items with replacements in place, then the new ones.
    private func replacing<Item: Replaceable>(_ inherited: [Item], with own: [Item], what: String, parent: String,
                                              superseded: (Item) -> Superseded) -> [Item] {
        var result = inherited
        // Copied once, with room for the new items: the list shares its storage with the
        // parent's, and would otherwise be copied at the first change and again to grow.
        result.reserveCapacity(inherited.count + own.count)
        for item in own {
            guard let target = item.replaces else {
                if inherited.contains(where: { $0.id.isSameText(item.id) }) {
                    diagnostics.error("hidden-replacement", at: item.location, "\(what) `\(item.id)` has the id of a \(parent) \(what); write `replaces: \"\(item.id)\"` to replace it in the open, or choose another id")
                } else {
                    result.append(item)
                }
                continue
            }
            guard let index = result.firstIndex(where: { $0.id.isSameText(target) }) else {
                var message = "\(what) `\(item.id)` replaces `\(target)`, which \(parent) does not have"
                if let near = nearestName(to: target, in: inherited.map(\.id)) { message += "; did you mean `\(near)`?" }
                diagnostics.error("nothing-to-replace", at: item.location, message)
                continue
            }
            var replacement = item
            replacement.superseded = superseded(result[index])
            result[index] = replacement
        }
        return result
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
