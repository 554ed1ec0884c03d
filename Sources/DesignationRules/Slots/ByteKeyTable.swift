import Foundation

/// Finds a key by its UTF-8 bytes without making a String of them: an open-addressing
/// table on a hash of a few of the key's bytes, each hit checked byte for byte. The keys sit in one byte
/// array, so a look-up touches no reference count. Built once; read by every thread.
struct ByteKeyTable: Sendable {
    /// Every key's bytes, one after another; key i is `bytes[starts[i] ..< starts[i + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Index of a key plus one; 0 is an empty slot.
    private let slots: [Int32]
    private let mask: Int

    init(_ keys: [[UInt8]]) {
        bytes = keys.flatMap { $0 }
        starts = keys.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var size = 4
        while size < keys.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (index, key) in keys.enumerated() {
            var slot = key.withUnsafeBufferPointer { Self.hash($0.baseAddress, $0.count) } & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)
        }
        self.slots = slots
        mask = size - 1
    }

    /// The index of the key equal to `key`, if any (the first, if a key was listed twice).
    func index(of key: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
        let pointer = key.base.baseAddress.map { $0 + key.startIndex }
        let count = key.count
        var slot = Self.hash(pointer, count) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                let start = starts[entry - 1]
                if starts[entry] - start == count, count == 0 || memcmp(stored.baseAddress! + start, pointer!, count) == 0 {
                    return entry - 1
                }
                slot = (slot + 1) & mask
            }
        }
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
