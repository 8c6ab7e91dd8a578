import Foundation
import GeoCore
import Interchange
import OGRInterchange

extension InputTable {
    /// A layer of any vector file GDAL reads (Shapefile, XLSX/XLS, KML/KMZ, FileGDB, …) as rows of text cells.
    /// A layer with geometries gives `.geometry` rows numbered by feature id (FID); a sheet or table without them
    /// takes its positions from coordinate columns, like a CSV, its rows numbered as the sheet numbers them.
    /// The CRS the file states (a `.prj`, the layer's SRS) is the table's; a `--crs` that contradicts it is refused
    /// by ``crs(override:)``.
    static func vectorLayer(
        at url: URL, layer: String?, encoding: TextEncoding, coordinateColumns: CoordinateColumns?
    ) throws -> InputTable {
        let textEncoding: VectorTextEncoding
        switch encoding {
        case .auto: textEncoding = .detect
        case .utf8: textEncoding = .utf8
        case .gbk: textEncoding = .gbk
        case .utf16LittleEndian, .utf16BigEndian:
            throw RegistryError.input(file: url.path, reason: "--encoding \(encoding) is for text files; a .dbf is utf8 or gbk")
        }
        let vector: VectorTable
        do {
            vector = try VectorTable.read(contentsOf: url, options: VectorReadOptions(layer: layer, encoding: textEncoding))
        } catch {
            throw RegistryError.input(file: error.file, reason: error.description.droppingPrefix("\(error.file): "))
        }
        guard !vector.rows.isEmpty else {
            throw RegistryError.input(file: url.path, reason: "layer '\(vector.layer)' has no features")
        }
        // Columns that fill nothing are left out: those empty in every row (a KML's unnamed Placemarks' `Name`, which
        // would hide a 名称 column) and KML's display settings.
        let kept = vector.columns.indices.filter { column in
            !(vector.driver.hasSuffix("KML") && Self.kmlDisplayFields.contains(vector.columns[column]))
                && vector.rows.contains { !($0.values[column] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        }
        // Features carry the cells as text; the row numbers are OGR's feature ids (a sheet's row numbers).
        let features = vector.rows.map { row in
            var properties: [String: JSONValue] = [:]
            for column in kept {
                if let value = row.values[column] { properties[vector.columns[column]] = .string(value) }
            }
            return Feature(geometry: row.geometry, properties: properties)
        }
        let named = vector.layer == url.deletingPathExtension().lastPathComponent || vector.driver == "ESRI Shapefile"
        var table = Self.features(
            features, file: named ? url.path : "\(url.path) (layer \(vector.layer))", declaredCRS: vector.crs)
        table.header = kept.map { vector.columns[$0] }
        for index in table.rows.indices { table.rows[index].number = Int(vector.rows[index].fid) }
        table.rowLabel = vector.isSpreadsheet ? "row" : "FID"
        table.crsStatement = vector.crs == nil ? nil : vector.crsSource
        table.textEncoding = vector.encoding
        if !vector.hasGeometry {
            let columns: CoordinateColumns
            if let coordinateColumns {
                for column in [coordinateColumns.lon, coordinateColumns.lat] where !vector.columns.contains(column) {
                    throw RegistryError.input(
                        file: table.file,
                        reason: "no column '\(column)'; columns: \(vector.columns.joined(separator: ", "))")
                }
                columns = coordinateColumns
            } else if let found = CoordinateColumns.detect(in: vector.columns) {
                columns = found
            } else {
                throw RegistryError.input(
                    file: table.file,
                    reason: "no geometry and no coordinate columns among \(vector.columns.joined(separator: ", ")); "
                        + "name them 经度/纬度, lng/lat, lon/lat or x/y, or give --lon and --lat")
            }
            table.location = .columns(x: columns.lon, y: columns.lat)
        }
        return table
    }
}

extension InputTable {
    /// The fields GDAL's KML drivers add for how a Placemark is drawn, not what it is.
    static let kmlDisplayFields: Set<String> = [
        "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon",
    ]
}

extension String {
    fileprivate func droppingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
