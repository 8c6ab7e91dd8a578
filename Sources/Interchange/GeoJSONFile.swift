public import Foundation
public import GeoCore

/// Reads and writes GeoJSON files through GeoCore's RFC 7946 coding, with errors that name the file.
public enum GeoJSONFile {
    /// Reads a FeatureCollection, a Feature or a bare geometry, and the `"crs"` the file declares; gzip-compressed
    /// files (`.geojson.gz`) are inflated as they are read. The file is read a chunk at a time: memory holds
    /// the features, not the file, and text that is not GeoJSON fails where it stops being so.
    public static func read(contentsOf url: URL) throws(InterchangeError) -> GeoJSONDocument {
        let file = url.path(percentEncoded: false)
        let chunks = try FileChunks(contentsOf: url)
        // A failure to read ends the text; it is reported as itself, not as the JSON it cut short.
        var readFailure: InterchangeError?
        let document = Result { () throws(GeoCoreError) in
            try GeoJSONDocument(chunks: {
                switch Result(catching: { () throws(InterchangeError) in try chunks.next() }) {
                case .success(let chunk): return chunk
                case .failure(let error):
                    readFailure = error
                    return nil
                }
            })
        }
        if let readFailure { throw readFailure }
        switch document {
        case .success(let document): return document
        case .failure(let error): throw .invalidGeoJSON(file: file, reason: error.description)
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
            try AtomicOutput.write(data, to: url)
        } catch let error as GeoCoreError {
            throw .cannotWrite(file: file, reason: error.description)
        } catch let error as AtomicOutputError {
            throw .cannotWrite(file: file, reason: error.reason)
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
