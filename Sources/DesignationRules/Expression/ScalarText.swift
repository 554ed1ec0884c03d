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
            if let ascii = Self.asciiScalars(bytes) { return (ascii, []) }
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

    /// The scalars of an all-ASCII text, one per byte, or nil when a byte is not ASCII.
    /// Checked and copied in one loop into uninitialised room: testing every byte and then
    /// mapping them cost about twenty instructions a byte.
    private static func asciiScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var isASCII = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { room, count in
            for (offset, byte) in bytes.enumerated() {
                guard byte < 0x80 else { isASCII = false; return }
                room.initializeElement(at: offset, to: Unicode.Scalar(byte))
            }
            count = bytes.count
        }
        return isASCII ? scalars : nil
    }

    var count: Int { scalars.count }

    /// The text of scalars `start..<end`, each bound clamped to the text. The whole text is
    /// the string itself, not a copy of it (every expression's outermost node is the whole).
    func slice(_ start: Int, _ end: Int) -> String {
        let lower = min(start, count), upper = max(lower, min(end, count))
        if lower == 0, upper == count { return string }
        let bytes = offsets.isEmpty ? utf8[lower..<upper] : utf8[offsets[lower]..<offsets[upper]]
        return String(decoding: bytes, as: UTF8.self)
    }
}
