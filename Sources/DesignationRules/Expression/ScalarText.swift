/// An expression's text as Unicode scalars (the unit its offsets and columns count in),
/// with the position of each scalar in the string, so that the text of any span is
/// copied out in one piece rather than rebuilt scalar by scalar.
struct ScalarText {
    let string: String
    let scalars: [Unicode.Scalar]
    /// `positions[i]` is where scalar `i` starts; the last entry is the end of the string.
    private let positions: [String.Index]

    init(_ string: String) {
        self.string = string
        var scalars: [Unicode.Scalar] = [], positions: [String.Index] = []
        let view = string.unicodeScalars
        scalars.reserveCapacity(string.utf8.count)
        positions.reserveCapacity(string.utf8.count + 1)
        var index = view.startIndex
        while index < view.endIndex {
            scalars.append(view[index])
            positions.append(index)
            view.formIndex(after: &index)
        }
        positions.append(view.endIndex)
        self.scalars = scalars
        self.positions = positions
    }

    var count: Int { scalars.count }

    /// The text of scalars `start..<end`, each bound clamped to the text.
    func slice(_ start: Int, _ end: Int) -> String {
        let lower = min(start, count), upper = max(lower, min(end, count))
        return String(Substring(string.unicodeScalars[positions[lower]..<positions[upper]]))
    }
}
