public import Foundation
public import GeoCore

/// Reads and writes GeoJSON files through GeoCore's RFC 7946 coding, with errors that name the file.
public enum GeoJSONFile {
    /// Reads a FeatureCollection, a Feature or a bare geometry, and the `"crs"` the file declares; gzip-compressed
    /// files (`.geojson.gz`) are inflated first.
    public static func read(contentsOf url: URL) throws(InterchangeError) -> GeoJSONDocument {
        let file = url.path(percentEncoded: false)
        let data = try FileContents.read(url)
        do {
            return try GeoJSONDocument(data: data)
        } catch {
            throw .invalidGeoJSON(file: file, reason: error.description)
        }
    }

    /// Writes a document atomically (complete or not at all): sorted keys, a final newline.
    public static func write(_ document: GeoJSONDocument, to url: URL, prettyPrinted: Bool = false)
        throws(InterchangeError)
    {
        let file = url.path(percentEncoded: false)
        do {
            var data = try document.encoded(prettyPrinted: prettyPrinted)
            data.append(UInt8(ascii: "\n"))
            try data.write(to: url, options: .atomic)
        } catch let error as GeoCoreError {
            throw .cannotWrite(file: file, reason: error.description)
        } catch {
            throw .cannotWrite(file: file, reason: error.localizedDescription)
        }
    }

    /// Writes features as a FeatureCollection, with a `"name"` (the layer name in QGIS) if given.
    public static func write(_ collection: FeatureCollection, name: String? = nil, to url: URL)
        throws(InterchangeError)
    {
        try write(GeoJSONDocument(collection, name: name), to: url)
    }
}
