import Foundation

/// Finds a key by its UTF-8 bytes without making a String of them: an open-addressing
/// table on a hash of a few of the key's bytes. Each slot keeps the key's hash and
/// length beside its place, so that a miss rarely reads key bytes, and a hit is checked
/// byte for byte. The keys sit in one block of bytes, read in place, so a look-up
/// touches no reference count. Built once; read by every thread.
struct ByteKeyTable: Sendable {
    private struct Slot: Sendable {
        /// Index of the key plus one; 0 is an empty slot.
        var entry: Int32 = 0
        var count: Int32 = 0
        var start: Int32 = 0
        var hash: UInt32 = 0
    }

    /// Every key as JSON writes it, in quotes (and then the table's `followedBy` byte, if
    /// any), one after another: key i is bytes `starts[i] ..< starts[i + 1]`, what the
    /// text must go on with for a guess to be right.
    private let quoted: FixedMemory<UInt8>
    private let starts: FixedMemory<Int>
    private let slots: FixedMemory<Slot>
    private let mask: Int
    /// How many keys the table has.
    let count: Int

    /// `followedBy`: the byte that follows each key where the decoder guesses it (the
    /// colon after an object's key), compared with it.
    init(_ keys: [[UInt8]], followedBy follower: UInt8? = nil) {
        count = keys.count
        let after = follower.map { [$0] } ?? []
        quoted = FixedMemory(keys.flatMap { [UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\"")] + after })
        starts = FixedMemory(keys.reduce(into: [0]) { $0.append($0.last! + $1.count + 2 + after.count) })
        var size = 4
        while size < keys.count * 2 { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        // Each slot points at its key's bytes inside the quotes.
        var start = 1
        for (index, key) in keys.enumerated() {
            let hash = key.withUnsafeBufferPointer { Self.hash($0.baseAddress, $0.count) }
            var slot = hash & (size - 1)
            while slots[slot].entry != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Slot(entry: Int32(index + 1), count: Int32(key.count), start: Int32(start), hash: UInt32(truncatingIfNeeded: hash))
            start += key.count + 2 + after.count
        }
        self.slots = FixedMemory(slots)
        mask = size - 1
    }

    /// The index of the key equal to `key`, if any (the first, if a key was listed twice).
    func index(of key: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
        let pointer = key.base.baseAddress.map { $0 + key.startIndex }
        let count = key.count
        let hash = Self.hash(pointer, count)
        var slot = hash & mask
        while true {
            let candidate = slots.at(slot).pointee
            if candidate.entry == 0 { return nil }
            if candidate.hash == UInt32(truncatingIfNeeded: hash), Int(candidate.count) == count,
               count == 0 || memcmp(quoted.at(Int(candidate.start)), pointer!, count) == 0 {
                return Int(candidate.entry) - 1
            }
            slot = (slot + 1) & mask
        }
    }

    /// How many bytes key `index` takes in quotes (and with the byte that follows it),
    /// when the `available` bytes at `pointer` start with it so; nil otherwise.
    @inline(__always)
    func quotedLength(of index: Int, at pointer: UnsafePointer<UInt8>, available: Int) -> Int? {
        let start = starts.at(index).pointee, length = starts.at(index + 1).pointee - start
        guard length <= available, Self.equal(quoted.at(start), pointer, count: length) else { return nil }
        return length
    }

    /// Whether the `count` bytes at `a` and at `b` are the same: a word at a time (the
    /// last word overlapping the one before), inlined. A quoted key has at least three
    /// bytes, and most have more than eight.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        func word(_ pointer: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
            UnsafeRawPointer(pointer + offset).loadUnaligned(as: UInt64.self)
        }
        guard count >= 8 else {
            for offset in 0 ..< count where a[offset] != b[offset] { return false }
            return true
        }
        var offset = 0
        while offset + 8 < count {
            guard word(a, offset) == word(b, offset) else { return false }
            offset += 8
        }
        return word(a, count - 8) == word(b, count - 8)
    }

    /// The length and the first and last eight bytes (or the bytes, if fewer), mixed:
    /// keys differ there, and a collision only costs a comparison.
    private static func hash(_ pointer: UnsafePointer<UInt8>?, _ count: Int) -> Int {
        var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8, let pointer {
            let raw = UnsafeRawPointer(pointer)
            hash ^= raw.loadUnaligned(as: UInt64.self)
            hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for offset in 0 ..< count { hash = (hash ^ UInt64(pointer![offset])) &* 0x0000_0100_0000_01B3 }
        }
        hash = (hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
