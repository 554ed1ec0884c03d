import Foundation

/// Finds a key by its UTF-8 bytes without making a String of them: an open-addressing
/// table on an FNV-1a hash, each hit checked byte for byte. Built once; read by every
/// decoding thread.
struct ByteKeyTable: Sendable {
    private let keys: [[UInt8]]
    /// Index into `keys` plus one; 0 is an empty slot.
    private let slots: [Int32]
    private let mask: Int

    init(_ keys: [[UInt8]]) {
        self.keys = keys
        var size = 4
        while size < keys.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key.withUnsafeBufferPointer { Self.hash($0[...]) }) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)
        }
        self.slots = slots
        mask = size - 1
    }

    /// The index of the key equal to `bytes`, if any (the first, if a key was listed twice).
    func index(of bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if Self.equal(keys[entry - 1], bytes) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private static func equal(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        guard key.count == bytes.count else { return false }
        return key.withUnsafeBufferPointer { key in
            guard let base = bytes.base.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
            return memcmp(keyBase, base + bytes.startIndex, key.count) == 0
        }
    }
}
