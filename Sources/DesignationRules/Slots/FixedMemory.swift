/// Elements copied out of their array once, for the fast paths to read in place: an
/// array read in a hot loop is bounds-checked and may be retained and released at every
/// read, and a struct read from one is copied whole. Made once, never changed, freed
/// with its owner; only for plain elements (no references).
///
/// Unchecked, because the compiler cannot see through the pointer. The invariant that
/// makes sharing it between threads safe: the memory is written once, in `init`, before
/// the object can be shared, and only read afterwards; the elements hold no references,
/// so reading them from several threads counts nothing.
final class FixedMemory<Element>: @unchecked Sendable {
    let elements: UnsafeMutableBufferPointer<Element>

    init(_ source: [Element]) {
        elements = .allocate(capacity: source.count)
        _ = elements.initialize(from: source)
    }

    deinit {
        elements.deinitialize()
        elements.deallocate()
    }

    /// The element at `index`, in place. The index is checked in debug builds (and so in
    /// every test run); release builds trust the compiled program that made it.
    @inline(__always)
    func at(_ index: Int) -> UnsafePointer<Element> {
        assert(index >= 0 && index < elements.count, "FixedMemory index \(index) outside 0..<\(elements.count)")
        return UnsafePointer(elements.baseAddress.unsafelyUnwrapped + index)
    }
}
