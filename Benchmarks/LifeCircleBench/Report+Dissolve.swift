import Foundation
import GeometryOps

extension Report {
    /// The district-wide isochrone dissolve: one GEOS union against tiles on every core.
    func dissolve(_ out: inout [String]) {
        let measured = run.cases.filter { $0.analysis.dissolveSeconds?.isEmpty == false }
        guard !measured.isEmpty else { return }
        out += [
            "## District-wide isochrones: one union against tiles",
            "",
            "| network | reachable street vertices | one GEOS union | tiled, on every core | one / tiled | area, one / tiled | vertices, one / tiled |",
            "|---|--:|--:|--:|--:|--:|--:|",
        ]
        for c in measured {
            let a = c.analysis
            let one = median(a.dissolveSeconds ?? [])
            let tiled = median(a.dissolveTiledSeconds ?? [])
            let areas = (a.dissolveAreasKm2 ?? []).map { String(format: "%.4f", $0) }.joined(separator: " / ")
            let vertices = (a.dissolveVertices ?? []).map(count).joined(separator: " / ")
            out.append(
                "| \(c.benchCase.label) | \(count(a.dissolveInputVertices ?? 0)) | \(seconds(one)) | **\(seconds(tiled))** | "
                    + "\(tiled > 0 ? ratio(one / tiled) : "–") | \(areas) km² | \(vertices) |")
        }
        let skipped = run.cases.filter { $0.analysis.dissolveSeconds == nil }.map(\.benchCase.label)
        out += [
            "",
            "The isochrone of the first kind's facilities within 1000 m (`Isochrones.polygon(from:within:)`: the "
                + "reachable edge portions, buffered 25 m with 4 segments a quarter circle, dissolved, simplified "
                + "at 2.5 m), district-wide as the `isochrones` command makes it per kind and threshold. _One GEOS "
                + "union_: `UnionTiling.none`, one `GEOSUnaryUnion_r` of every buffer. _Tiled_: `UnionTiling.automatic` "
                + "above \(count(UnionTiling.automaticThreshold)) vertices, square tiles of about "
                + "\(count(UnionTiling.automaticVerticesPerTile)) vertices each dissolved and simplified in parallel, "
                + "one GEOS context per task, kept as the parts of one MultiPolygon 1 mm apart along the tile lines "
                + "(below the threshold both are the same single union). The areas differ through the 2.5 m "
                + "simplification, which depends on where each ring happens to start (a few parts in 10⁴); unsimplified, "
                + "tiles and one union agree to under a millionth of the area (`TiledUnionTests`). A dissolve repeats up to "
                + "\(run.runs) times but not once it has used 30 s."
                + (skipped.isEmpty ? "" : " Not measured on \(skipped.joined(separator: ", ")): one union there takes many minutes."),
            "",
        ]
    }
}
