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
        Self.matches(Array(text.unicodeScalars)[...], [self])
    }

    /// Whether `rest` is, in order, the shapes of `shapes`, then the end. Runs are tried
    /// longest first, and shorter when what follows does not match.
    private static func matches(_ rest: ArraySlice<Unicode.Scalar>, _ shapes: [TextShape]) -> Bool {
        guard let shape = shapes.first else { return isEnd(rest) }
        let after = Array(shapes.dropFirst())
        switch shape {
        case .literal(let word):
            let word = word.unicodeScalars
            return rest.starts(with: word) && matches(rest.dropFirst(word.count), after)
        case .run(let scalars):
            let length = rest.prefix { scalars.contains($0) }.count
            return length > 0 && (1...length).reversed().contains { matches(rest.dropFirst($0), after) }
        case .optional(let inner):
            return matches(rest, [inner] + after) || matches(rest, after)
        case .either(let first, let second):
            return matches(rest, [first] + after) || matches(rest, [second] + after)
        case .sequence(let inner):
            return matches(rest, inner + after)
        }
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
