public import Projection

/// Everything that can go wrong in this module. Messages say what went wrong and where: the profile
/// file, line and field; the way id; the cache file; the index of a snapped point.
public enum WalkNetworkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A walking profile that cannot be used: its file, the line (0 when unknown), the field path, why.
    case profile(file: String, line: Int, field: String, reason: String)
    /// No profile of this name in the folder; `available` lists the ones there are.
    case profileNotFound(name: String, folder: String, available: [String])
    /// A way the builder refuses (e.g. a vertex that is not a longitude/latitude).
    case invalidWay(id: Int64, reason: String)
    /// Nothing to build a graph from, or nothing left after filtering.
    case emptyNetwork(String)
    /// More nodes, edges or vertices than the graph's 32-bit indexes hold.
    case tooLarge(String)
    /// Projecting to the local metric CRS failed.
    case projection(ProjectionError)
    /// A network cache that cannot be read: missing, truncated, corrupt, or written by another format version.
    case cache(file: String, reason: String)
    /// No network cache at that path (none was built, or it was moved).
    case cacheNotFound(file: String)
    /// A network cache that cannot be written.
    case cacheWrite(file: String, reason: String)
    /// A snapped point that does not belong to this graph (edge out of range, offset beyond the edge).
    /// `role` is "source" or "target"; `index` is its position in the list passed.
    case invalidSnappedPoint(role: String, index: Int, reason: String)
    /// An argument outside its domain (a negative distance, k < 1, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .profile(let file, let line, let field, let reason):
            let at = line > 0 ? "\(file):\(line)" : file
            return field.isEmpty ? "\(at): \(reason)" : "\(at): field '\(field)': \(reason)"
        case .profileNotFound(let name, let folder, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "no walking profile '\(name)' in \(folder) (looked for \(name).yaml); available: \(list)"
        case .invalidWay(let id, let reason):
            return "way \(id): \(reason)"
        case .emptyNetwork(let reason):
            return "cannot build a walking network: \(reason)"
        case .tooLarge(let reason):
            return "the walking network is too large: \(reason)"
        case .projection(let error):
            return "cannot project the walking network to its local metric CRS: \(error)"
        case .cache(let file, let reason):
            return "\(file): not a usable network cache: \(reason); rebuild it with `lifecircle network build`"
        case .cacheNotFound(let file):
            return "\(file): no walking network here; build one with `lifecircle network build`"
        case .cacheWrite(let file, let reason):
            return "\(file): cannot write the network cache: \(reason)"
        case .invalidSnappedPoint(let role, let index, let reason):
            return "\(role) #\(index): \(reason)"
        case .invalidArgument(let reason):
            return reason
        }
    }
}
