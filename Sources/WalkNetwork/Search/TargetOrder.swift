/// Snapped targets in the order their distances are read: by edge, which is spatial, so that their edges'
/// ends and labels are near each other in memory (several times faster for targets given in no spatial
/// order). Keys are `edge << 32 | target index`; unsnapped targets are left out.
struct TargetOrder: Sendable {
    let keys: [UInt64]

    init(_ targets: [SnappedPoint?], in graph: WalkGraph) throws(WalkNetworkError) {
        guard targets.count < Int(UInt32.max) else { throw .tooLarge("\(targets.count) targets") }
        var keys: [UInt64] = []
        keys.reserveCapacity(targets.count)
        for (t, target) in targets.enumerated() {
            guard let target else { continue }
            guard target.edge.index >= 0, target.edge.index < graph.edgeCount else {
                throw .invalidSnappedPoint(
                    role: "target", index: t,
                    reason: "\(target.edge) is not in this network of \(graph.edgeCount) edges")
            }
            keys.append(UInt64(target.edge.rawValue) << 32 | UInt64(t))
        }
        keys.sort()
        self.keys = keys
    }
}
