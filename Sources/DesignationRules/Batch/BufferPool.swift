import Synchronization

/// Byte arrays given back once used, for the next chunk to fill, so that a batch makes
/// its chunk-sized arrays once. A chunk's bytes run to a megabyte, which glibc maps
/// apart for each new array and hands back to the system when it is freed, so that a
/// new array a chunk would fault all its pages in again.
final class BufferPool: Sendable {
    private let spare = Mutex<[[UInt8]]>([])
    /// How many arrays are kept at most; one given back beyond that is freed.
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// An empty array, with the room of one given back if there is one.
    func take() -> [UInt8] {
        spare.withLock { $0.popLast() } ?? []
    }

    /// Keeps the room of `buffer` for a later `take`, leaving `buffer` empty. (Taken out
    /// by a swap, so that the array is not shared and emptying it keeps its room.)
    func give(_ buffer: inout [UInt8]) {
        var kept: [UInt8] = []
        swap(&kept, &buffer)
        kept.removeAll(keepingCapacity: true)
        spare.withLock { spare in
            if spare.count < limit { spare.append(kept) }
        }
    }
}
