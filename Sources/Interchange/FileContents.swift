public import Foundation
import Inflate

/// The bytes of a file a user brings, inflated when they are gzip: recognised by gzip's magic bytes
/// (`1F 8B`), not by the name, so `grid.geojson.gz`, a `.gz` renamed to `.geojson`, and a `.csv.gz` all read.
public enum FileContents {
    /// The file's content, inflated if it is gzip-compressed. Fails naming the file when it cannot be read
    /// or its gzip data is corrupt or truncated.
    public static func read(_ url: URL) throws(InterchangeError) -> Data {
        let file = url.path(percentEncoded: false)
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .cannotRead(file: file, reason: error.localizedDescription)
        }
        guard Gzip.hasMagic(data.prefix(2)) else { return data }
        let inflated = data.withUnsafeBytes { bytes in
            Result { () throws(InflateError) in try Gzip.inflate(bytes) }
        }
        switch inflated {
        case .success(let bytes): return Data(bytes)
        case .failure(let problem): throw .badCompression(file: file, reason: problem.description)
        }
    }

    /// The name without a final `.gz`, so that a format is told by what is inside: `x.geojson.gz` → `x.geojson`.
    public static func contentName(of url: URL) -> URL {
        url.pathExtension.lowercased() == "gz" ? url.deletingPathExtension() : url
    }
}
