/// An expression's text as Unicode scalars (the unit its offsets and columns count in),
/// with the position of each scalar in the string's UTF-8, so that the text of any span
/// is copied out in one piece rather than rebuilt scalar by scalar.
struct ScalarText {
    let string: String
    let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// `offsets[i]` is the UTF-8 offset where scalar `i` starts; the last entry is the end
    /// of the string. Empty for an all-ASCII text (most expressions), where scalar `i`
    /// starts at offset `i`.
    private let offsets: [Int]

    init(_ string: String) {
        self.string = string
        utf8 = Array(string.utf8)
        // Read off the bytes: walking the string's scalar view by its indexes cost as much
        // as the rest of parsing an expression.
        (scalars, offsets) = utf8.withUnsafeBufferPointer { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) { return (bytes.map { Unicode.Scalar($0) }, []) }
            var scalars: [Unicode.Scalar] = [], offsets: [Int] = []
            scalars.reserveCapacity(bytes.count)
            offsets.reserveCapacity(bytes.count + 1)
            var offset = 0
            while offset < bytes.count {
                let (scalar, length) = UTF8Check.decodeScalar(in: bytes, at: offset)
                scalars.append(scalar)
                offsets.append(offset)
                offset += length
            }
            offsets.append(offset)
            return (scalars, offsets)
        }
    }

    var count: Int { scalars.count }

    /// The text of scalars `start..<end`, each bound clamped to the text.
    func slice(_ start: Int, _ end: Int) -> String {
        let lower = min(start, count), upper = max(lower, min(end, count))
        let bytes = offsets.isEmpty ? utf8[lower..<upper] : utf8[offsets[lower]..<offsets[upper]]
        return String(decoding: bytes, as: UTF8.self)
    }
}
