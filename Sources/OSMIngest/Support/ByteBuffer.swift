/// A growable block of raw memory reused from one block or chunk to the next, so that a read
/// allocates only when a block is larger than any before it. Freed in `deinit`.
final class ByteBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `count` bytes, keeping the first `keeping` bytes.
    func reserve(_ count: Int, keeping: Int = 0) {
        guard count > capacity else { return }
        var newCapacity = capacity
        while newCapacity < count { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if keeping > 0 { newBase.copyMemory(from: base, byteCount: min(keeping, capacity)) }
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    var bytes: UnsafeMutablePointer<UInt8> { base.assumingMemoryBound(to: UInt8.self) }
}

@available(*, unavailable)
extension ByteBuffer: Sendable {}
