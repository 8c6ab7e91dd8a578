public import Foundation

/// How a file a user brings is told apart: gzip by its magic bytes (`1F 8B`, see `FileChunks`), the format
/// by the name inside, so `grid.geojson.gz`, a `.gz` renamed to `.geojson`, and a `.csv.gz` all read.
public enum FileContents {
    /// The name without a final `.gz`, so that a format is told by what is inside: `x.geojson.gz` → `x.geojson`.
    public static func contentName(of url: URL) -> URL {
        url.pathExtension.lowercased() == "gz" ? url.deletingPathExtension() : url
    }
}
