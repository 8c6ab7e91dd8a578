/// A connected component of a ``WalkGraph``: its rank by size (0 = largest) and what it holds.
public struct NetworkComponent: Hashable, Sendable {
    public var index: Int
    public var nodeCount: Int
    public var edgeCount: Int
    /// Total edge length, metres.
    public var length: Double
}

/// Which connected components an analysis uses.
///
/// Analyses use ``analysed``: every part of the network with at least
/// ``minimumAnalysedLength`` metres of street, and always the largest. A town joined to the rest only by a
/// road the profile does not walk is a part of its own and is analysed; its residents are reached by the
/// facilities in it. Fragments shorter than that (a courtyard path, a footway cut off by the clipping boundary)
/// are set aside, because a place snapped to one gets a distance to nowhere when a real street is a few metres
/// farther; the places whose nearest edge lies on one are snapped to the nearest edge of a kept part instead
/// (still within the snap distance), and reports say how many residents that concerned.
public enum ComponentSelection: Hashable, Sendable {
    /// Component 0, the largest.
    case largest
    /// Every component.
    case all
    /// These components (indexes into ``WalkGraph/components``).
    case only(Set<Int>)
    /// The components with at least this many metres of street, and the largest whatever its length.
    case significant(minimumLength: Double)

    /// Fragments with less street than this (metres) are set aside by ``analysed``: about two city blocks.
    public static let minimumAnalysedLength = 500.0
    /// What every analysis uses by default.
    public static let analysed = ComponentSelection.significant(minimumLength: minimumAnalysedLength)

    public func contains(_ component: NetworkComponent) -> Bool {
        switch self {
        case .largest: component.index == 0
        case .all: true
        case .only(let set): set.contains(component.index)
        case .significant(let minimumLength): component.index == 0 || component.length >= minimumLength
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
    /// Whether the component numbered `index` is one that `selection` keeps.
    public func keeps(component index: Int, in selection: ComponentSelection) -> Bool {
        selection.contains(components[index])
    }

    /// What `selection` keeps and drops.
    public func share(of selection: ComponentSelection) -> ComponentShare {
        var share = ComponentShare(
            keptComponents: 0, droppedComponents: 0, keptNodes: 0, droppedNodes: 0, keptEdges: 0, droppedEdges: 0,
            keptLength: 0, droppedLength: 0)
        for component in components {
            if selection.contains(component) {
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
