/// Finds a text among those of a list that grows only at its end (and may be cut back):
/// the facts a rule needs, the questions of a decision. A scan finds one among the
/// handful a profile usually leaves out faster than hashing it; once the list is long (a
/// list of a thousand records, each missing a field) it is found through a table of
/// positions, so that building a list of n texts costs n steps, not n² (hours, for a
/// profile of a megabyte). A position counts only while the list still holds the
/// text there, so cutting the list back needs no telling.
struct PositionIndex {
    private var positions: [String: Int] = [:]
    /// Lists shorter than this are scanned.
    private static let scanLimit = 16

    /// Where `text` is in `list`, if it is there.
    mutating func position(of text: String, in list: [String]) -> Int? {
        if positions.isEmpty {
            if list.count < Self.scanLimit { return list.firstIndex(of: text) }
            for (at, known) in list.enumerated() where positions[known] == nil { positions[known] = at }
        }
        guard let at = positions[text], at < list.count, list[at] == text else { return nil }
        return at
    }

    /// Notes that `text` was just appended to `list`.
    mutating func appended(_ text: String, to list: [String]) {
        if !positions.isEmpty { positions[text] = list.count - 1 }
    }

    /// Forgets every position, for a list emptied to be filled afresh.
    mutating func reset() {
        if !positions.isEmpty { positions.removeAll(keepingCapacity: true) }
    }
}
