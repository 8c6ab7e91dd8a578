/// A buffer that concurrent workers write to at indexes no two of them share (each its own chunk or
/// slot), so no synchronisation is needed. Only for use inside the `withUnsafeMutableBufferPointer`
/// call that made it.
struct DisjointWrites<Element>: @unchecked Sendable {
    private let base: UnsafeMutableBufferPointer<Element>

    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
