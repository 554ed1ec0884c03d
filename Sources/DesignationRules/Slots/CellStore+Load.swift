extension CellStore {
    /// Puts a profile that the full decoder read into the cells, as `CellDecoder` would
    /// have: the facts the layout has slots for, the record fields it has offsets for.
    mutating func load(_ facts: [String: Value], layout: SlotLayout) {
        reset()
        for (slot, name) in layout.factNames.enumerated() {
            if let value = facts[name] { self[fact: slot] = cell(value, declaration: name, layout) }
        }
    }

    /// `declaration` is the path of the fact or field the value belongs to: a record's
    /// declaration is the path of its list.
    private mutating func cell(_ value: Value, declaration: String, _ layout: SlotLayout) -> Cell {
        if let cell = Cell(scalar: value) { return cell }
        switch value {
        case .text(let text): return appendText(text.utf8)
        case .list(let values):
            let elements = values.map { cell($0, declaration: declaration, layout) }
            let start = cells.count
            cells += elements
            return .list(start: Int32(start), count: Int32(elements.count))
        case .record(let record):
            let fields = layout.fields(of: declaration)
            let start = cells.count
            cells += repeatElement(.unknown, count: fields.count)
            for (offset, name) in fields.enumerated() {
                if let field = record.fields[name] { cells[start + offset] = cell(field, declaration: declaration + "." + name, layout) }
            }
            return .record(start: Int32(start))
        default:
            preconditionFailure("scalars were taken above")
        }
    }
}

extension CellStore {
    /// The facts the cells hold, read back as values (for tests and debugging).
    func facts(layout: SlotLayout) -> [String: Value] {
        var facts: [String: Value] = [:]
        for (slot, name) in layout.factNames.enumerated() {
            facts[name] = value(self[fact: slot], declaration: name, layout)
        }
        return facts
    }

    private func value(_ cell: Cell, declaration: String, _ layout: SlotLayout) -> Value? {
        switch cell {
        case .list(let start, let count):
            return .list((Int(start) ..< Int(start + count)).compactMap { value(cells[$0], declaration: declaration, layout) })
        case .record(let start):
            var fields: [String: Value] = [:]
            for (offset, name) in layout.fields(of: declaration).enumerated() {
                fields[name] = value(cells[Int(start) + offset], declaration: declaration + "." + name, layout)
            }
            return .record(Record(fields))
        default:
            return cell.value(self)
        }
    }
}
