public import Foundation

/// Folders of this repository and beside it, found from this file's path (Tests/TestSupport/Repository.swift),
/// so tests read them wherever the checkout is.
public enum Repository {
    /// The repository's root folder, where Package.swift is.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `GeoData/`: shipped plugins and sample lists.
    public static let geoData = root.appendingPathComponent("GeoData")

    /// `../shared/geodata`: the larger real data sets kept beside the repository.
    public static let sharedGeoData = root.deletingLastPathComponent().appendingPathComponent("shared/geodata")

    /// `Docs/examples/`: the worked examples of the documentation.
    public static let examples = root.appendingPathComponent("Docs/examples")

    /// The text of `Docs/examples/<name>`.
    public static func example(_ name: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
    }
}
