public import Foundation
public import OSMIngest
import WalkNetwork

/// What `network build --osm` and `import-osm` do with an OpenStreetMap file, for the PBF and XML targets.
public enum OSMHarness {
    private static let walkingProfile = Repository.required("the walk profile") {
        try WalkingProfile.load(named: "walk", in: Repository.geoData.appendingPathComponent("profiles"))
    }

    /// Opens the file and, when it is one of `formats`, reads its header, streams every element, builds the
    /// walking network from it and extracts the public toilets. Other formats stop after the opening, so each
    /// target spends its time on its own reader.
    public static func read(_ url: URL, formats: Set<OSMFile.Format>) {
        expectingErrors {
            let file = try OSMFile(url: url)
            guard formats.contains(file.format) else { return }
            _ = try file.readHeader()
            var elements = 0
            try file.read(
                node: { _ in elements += 1 }, way: { way in elements += way.nodeIDs.count },
                relation: { relation in elements += relation.members.count })
            _ = try OSMNetworkSource(file: file, profile: walkingProfile).build()
            _ = try OSMFeatureExtractor(matching: ["amenity": "toilets"]).extract(from: file)
        }
    }
}
