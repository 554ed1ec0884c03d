/// A set of small indexes (the members of one object, the slots of its keys): bits in
/// words on the stack for indexes below 512, so that the usual object costs no
/// allocation; made for more (`count` above 512), an array of flags instead.
struct SmallBitSet {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var overflow: [Bool]

    /// A set for the indexes `0 ..< count`.
    init(count: Int = 0) { overflow = count > 512 ? [Bool](repeating: false, count: count) : [] }

    func contains(_ index: Int) -> Bool {
        if !overflow.isEmpty { return overflow[index] }
        return withUnsafeBytes(of: words) { raw in
            raw.load(fromByteOffset: (index >> 6) * 8, as: UInt64.self) & (1 << UInt64(index & 63)) != 0
        }
    }

    /// Adds `index`; true when it was not in the set.
    mutating func insert(_ index: Int) -> Bool {
        if !overflow.isEmpty {
            defer { overflow[index] = true }
            return !overflow[index]
        }
        let bit: UInt64 = 1 << UInt64(index & 63)
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.baseAddress!.assumingMemoryBound(to: UInt64.self) + (index >> 6)
            defer { word.pointee |= bit }
            return word.pointee & bit == 0
        }
    }
}
