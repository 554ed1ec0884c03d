import Foundation

/// Finds a key by its UTF-8 bytes without making a String of them: an open-addressing
/// table on a hash of a few of the key's bytes. Each slot keeps the key's hash and
/// length beside its place, so that a miss rarely reads key bytes, and a hit is checked
/// byte for byte. The keys sit in one byte array, so a look-up touches no reference
/// count. Built once; read by every thread.
struct ByteKeyTable: Sendable {
    private struct Slot: Sendable {
        /// Index of the key plus one; 0 is an empty slot.
        var entry: Int32 = 0
        var count: Int32 = 0
        var start: Int32 = 0
        var hash: UInt32 = 0
    }

    /// Every key's bytes, one after another; key i is `bytes[starts[i] ..< starts[i + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    private let slots: [Slot]
    private let mask: Int
    /// How many keys the table has.
    let count: Int

    init(_ keys: [[UInt8]]) {
        count = keys.count
        bytes = keys.flatMap { $0 }
        starts = keys.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var size = 4
        while size < keys.count * 2 { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        var start = 0
        for (index, key) in keys.enumerated() {
            let hash = key.withUnsafeBufferPointer { Self.hash($0.baseAddress, $0.count) }
            var slot = hash & (size - 1)
            while slots[slot].entry != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Slot(entry: Int32(index + 1), count: Int32(key.count), start: Int32(start), hash: UInt32(truncatingIfNeeded: hash))
            start += key.count
        }
        self.slots = slots
        mask = size - 1
    }

    /// The index of the key equal to `key`, if any (the first, if a key was listed twice).
    func index(of key: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
        let pointer = key.base.baseAddress.map { $0 + key.startIndex }
        let count = key.count
        let hash = Self.hash(pointer, count)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                var slot = hash & mask
                while true {
                    let candidate = slots[slot]
                    if candidate.entry == 0 { return nil }
                    if candidate.hash == UInt32(truncatingIfNeeded: hash), Int(candidate.count) == count,
                       count == 0 || memcmp(stored.baseAddress! + Int(candidate.start), pointer!, count) == 0 {
                        return Int(candidate.entry) - 1
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    func length(of index: Int) -> Int { starts[index + 1] - starts[index] }

    /// Whether the `length(of: index)` bytes at `pointer` are key `index`.
    func key(_ index: Int, isAt pointer: UnsafePointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in memcmp(stored.baseAddress! + starts[index], pointer, length(of: index)) == 0 }
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
