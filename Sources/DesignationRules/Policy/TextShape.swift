/// The shape a short printed text must have, as in `第N条` or `附件N-M`: a tiny
/// regular expression over Unicode scalars, anchored at both ends.
///
/// Checked by hand because Foundation compiles a regular expression on every
/// `range(of:options: .regularExpression)`, which cost more than reading the whole
/// policy file the citations are in.
indirect enum TextShape: Sendable {
    case literal(String)
    /// One or more of these scalars.
    case run([Unicode.Scalar])
    case optional(TextShape)
    case either(TextShape, TextShape)
    case sequence([TextShape])

    /// Whether the whole of `text` has this shape.
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return match(scalars, from: 0) { Self.isEnd(scalars[$0...]) }
    }

    /// Whether the shape matches from `start` and `rest` accepts where it ends. Runs are
    /// tried longest first, and shorter when what follows does not match.
    private func match(_ scalars: [Unicode.Scalar], from start: Int, then rest: (Int) -> Bool) -> Bool {
        switch self {
        case .literal(let word):
            var end = start
            for scalar in word.unicodeScalars {
                guard end < scalars.count, scalars[end] == scalar else { return false }
                end += 1
            }
            return rest(end)
        case .run(let members):
            var end = start
            while end < scalars.count, members.contains(scalars[end]) { end += 1 }
            return stride(from: end, to: start, by: -1).contains { rest($0) }
        case .optional(let inner):
            return inner.match(scalars, from: start, then: rest) || rest(start)
        case .either(let first, let second):
            return first.match(scalars, from: start, then: rest) || second.match(scalars, from: start, then: rest)
        case .sequence(let shapes):
            return Self.match(shapes[...], scalars, from: start, then: rest)
        }
    }

    private static func match(_ shapes: ArraySlice<TextShape>, _ scalars: [Unicode.Scalar], from start: Int,
                              then rest: (Int) -> Bool) -> Bool {
        guard let first = shapes.first else { return rest(start) }
        return first.match(scalars, from: start) { match(shapes.dropFirst(), scalars, from: $0, then: rest) }
    }

    /// The end of the text. Like `$` in the regular expressions these shapes replaced, it
    /// may be one final line break (LF, VT, FF, CR, CRLF, NEL, LS or PS), so that no text
    /// accepted before is refused now.
    private static func isEnd(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        if rest.isEmpty || rest.elementsEqual(["\r", "\n"]) { return true }
        guard rest.count == 1, let scalar = rest.first else { return false }
        return (0x0A...0x0D).contains(scalar.value) || [0x85, 0x2028, 0x2029].contains(scalar.value)
    }
}
