#if canImport(Glibc)
    import Glibc
#endif

/// Arrays that searches read at random (a graph's arcs, a search's labels) asked to be backed by the
/// kernel's transparent huge pages (2 MiB) instead of 4 KiB pages: a search over a 1M-node network jumps
/// across tens of megabytes, and with small pages nearly every step also misses the address-translation
/// cache. Linux only (`madvise(MADV_HUGEPAGE)`); elsewhere, and where the kernel declines, nothing changes
/// but speed.
enum HugePages {
    /// An array of `count` copies of `value`, its storage advised before it is first written (huge pages
    /// are only handed out on the first touch of a page).
    static func array<T>(repeating value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// Advises the whole 2 MiB pages inside `buffer`; smaller buffers are left alone.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            let huge = 2 << 20
            guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
            let start = (UInt(bitPattern: base) + UInt(huge - 1)) & ~UInt(huge - 1)
            let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(huge - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
