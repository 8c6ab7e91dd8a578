/// A connected component of a ``WalkGraph``: its rank by size (0 = largest) and what it holds.
public struct NetworkComponent: Hashable, Sendable {
    public var index: Int
    public var nodeCount: Int
    public var edgeCount: Int
    /// Total edge length, metres.
    public var length: Double
}

/// Which connected components an analysis uses. Snapping to a small island (a courtyard path, a piece cut
/// off by a clipping boundary) gives a distance to nowhere, so analyses keep the largest component by
/// default, and say what they dropped (``WalkGraph/share(of:)``).
public enum ComponentSelection: Hashable, Sendable {
    /// Component 0, the largest.
    case largest
    /// Every component.
    case all
    /// These components (indexes into ``WalkGraph/components``).
    case only(Set<Int>)

    public func contains(_ component: Int) -> Bool {
        switch self {
        case .largest: component == 0
        case .all: true
        case .only(let set): set.contains(component)
        }
    }
}

/// What a ``ComponentSelection`` keeps of a graph and what it drops, for reports that say it honestly.
public struct ComponentShare: Hashable, Sendable, CustomStringConvertible {
    public var keptComponents: Int
    public var droppedComponents: Int
    public var keptNodes: Int
    public var droppedNodes: Int
    public var keptEdges: Int
    public var droppedEdges: Int
    /// Metres of network kept and dropped.
    public var keptLength: Double
    public var droppedLength: Double

    /// The kept share of the network's length, 0…1 (1 for an empty network).
    public var keptLengthShare: Double {
        let total = keptLength + droppedLength
        return total > 0 ? keptLength / total : 1
    }

    public var description: String {
        let totalNodes = keptNodes + droppedNodes
        let nodeShare = totalNodes > 0 ? Double(keptNodes) / Double(totalNodes) : 1
        var text =
            "kept \(keptComponents) connected component\(keptComponents == 1 ? "" : "s"): "
            + "\(keptNodes) of \(totalNodes) nodes (\(Self.percent(nodeShare))), "
            + "\(Self.kilometres(keptLength)) of \(Self.kilometres(keptLength + droppedLength)) km "
            + "(\(Self.percent(keptLengthShare)))"
        if droppedComponents > 0 {
            text +=
                "; dropped \(droppedComponents) smaller component\(droppedComponents == 1 ? "" : "s") "
                + "(\(Self.count(droppedNodes, "node")), \(Self.count(droppedEdges, "edge")), "
                + "\(Self.kilometres(droppedLength)) km)"
        }
        return text
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }

    private static func kilometres(_ metres: Double) -> String {
        let tenths = Int((metres / 100).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension WalkGraph {
    /// What `selection` keeps and drops.
    public func share(of selection: ComponentSelection) -> ComponentShare {
        var share = ComponentShare(
            keptComponents: 0, droppedComponents: 0, keptNodes: 0, droppedNodes: 0, keptEdges: 0, droppedEdges: 0,
            keptLength: 0, droppedLength: 0)
        for component in components {
            if selection.contains(component.index) {
                share.keptComponents += 1
                share.keptNodes += component.nodeCount
                share.keptEdges += component.edgeCount
                share.keptLength += component.length
            } else {
                share.droppedComponents += 1
                share.droppedNodes += component.nodeCount
                share.droppedEdges += component.edgeCount
                share.droppedLength += component.length
            }
        }
        return share
    }
}
