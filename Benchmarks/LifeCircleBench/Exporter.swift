import Foundation
import GeoCore
import WalkNetwork

/// Writes the same-input job for Benchmarks/compare.py, one folder per case:
///
/// - `nodes.csv`: `node,x,y` — every node, x/y in the graph's metric CRS (metres);
/// - `edges.csv`: `source,target,length_m` — every edge once (undirected), geodesic length;
/// - `facilities.csv`: `kind,node` — the facility nodes of each kind;
/// - `demand_nodes.csv`: `node` — one row per snapped demand point: the nearer end of its edge;
/// - `lifecircle_distances.csv`: `row,node,<kind>…,<kind>_k3` — our node-to-node distances (metres) within
///   the bound, per demand row: nearest of each kind, and the k-th nearest of the k kind; empty where none;
/// - `meta.json`: the run id, the bound, the kinds, k.
struct Exporter {
    let folder: URL
    let graph: WalkGraph
    let benchCase: BenchCase
    let runID: String

    func write(job: NodeJob, nearest: [NearestSources], kNearest: NearestSources) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var nodes = CSVText("node,x,y")
        for node in graph.nodeIndices {
            let p = graph.metricCoordinate(of: node)
            nodes.row("\(node.index),\(p.x),\(p.y)")
        }
        try nodes.write(to: folder.appendingPathComponent("nodes.csv"))

        var edges = CSVText("source,target,length_m")
        for edge in graph.edgeIndices {
            let ends = graph.endpoints(of: edge)
            edges.row("\(ends.source.index),\(ends.target.index),\(graph.length(of: edge))")
        }
        try edges.write(to: folder.appendingPathComponent("edges.csv"))

        var facilities = CSVText("kind,node")
        for (kind, kindNodes) in zip(Workload.kinds, job.facilityNodes) {
            for node in kindNodes { facilities.row("\(kind.name),\(node.index)") }
        }
        try facilities.write(to: folder.appendingPathComponent("facilities.csv"))

        var demand = CSVText("node")
        for node in job.demandNodes { demand.row("\(node.index)") }
        try demand.write(to: folder.appendingPathComponent("demand_nodes.csv"))

        let kName = "\(Workload.kinds[Workload.kNearestKind].name)_k\(Workload.k)"
        var distances = CSVText((["row", "node"] + Workload.kinds.map(\.name) + [kName]).joined(separator: ","))
        for (row, node) in job.demandNodes.enumerated() {
            var fields = ["\(row)", "\(node.index)"]
            for found in nearest { fields.append(found.nearest(row).map { "\($0.distance)" } ?? "") }
            fields.append(kNearest.kthNearest(row).map { "\($0.distance)" } ?? "")
            distances.row(fields.joined(separator: ","))
        }
        try distances.write(to: folder.appendingPathComponent("lifecircle_distances.csv"))

        let meta: [String: Any] = [
            "run_id": runID, "case": benchCase.name, "label": benchCase.label, "bound_m": job.bound,
            "kinds": Workload.kinds.map(\.name), "k": Workload.k,
            "k_kind": Workload.kinds[Workload.kNearestKind].name, "k_column": kName,
            "nodes": graph.nodeCount, "edges": graph.edgeCount, "demand_nodes": job.demandNodes.count,
        ]
        let data = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: folder.appendingPathComponent("meta.json"))
    }
}

/// CSV text built in one buffer (LF line ends).
struct CSVText {
    private var bytes: [UInt8] = []

    init(_ header: String) {
        bytes.reserveCapacity(1 << 20)
        row(header)
    }

    mutating func row(_ line: String) {
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
    }

    func write(to url: URL) throws {
        try Data(bytes).write(to: url, options: .atomic)
    }
}
