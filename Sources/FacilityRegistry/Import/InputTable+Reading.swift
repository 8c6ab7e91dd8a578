public import Foundation
import GeoCore
public import Interchange
import GeoPackage

extension InputTable {
    /// Reads a CSV (`.csv`, `.txt`, `.tsv`), GeoJSON (`.geojson`, `.json`) or GeoPackage (`.gpkg`) file with our
    /// own readers, and anything else (Shapefile, XLSX/XLS, KML/KMZ, FileGDB, any OGR vector format) through GDAL.
    /// `coordinateColumns` names a table's coordinate columns; without them they are found by name.
    public static func read(
        contentsOf url: URL, encoding: TextEncoding = .auto, coordinateColumns: CoordinateColumns? = nil,
        layer: String? = nil
    ) throws -> InputTable {
        // A gzipped file is told by the name inside: `x.geojson.gz` is GeoJSON (the readers inflate it).
        switch FileContents.contentName(of: url).pathExtension.lowercased() {
        case "csv", "txt", "tsv":
            return try csv(CSVTable.read(contentsOf: url, encoding: encoding), coordinateColumns: coordinateColumns)
        case "geojson", "json":
            let document = try GeoJSONFile.read(contentsOf: url)
            guard !document.featureCollection.features.isEmpty else {
                throw RegistryError.input(file: url.path, reason: "the FeatureCollection has no features")
            }
            return features(
                document.featureCollection.features, file: url.path,
                declaredCRS: document.declaredCRS ?? "EPSG:4326")
        case "gpkg":
            return try geoPackageLayer(at: url, layer: layer)
        default:
            return try vectorLayer(at: url, layer: layer, encoding: encoding, coordinateColumns: coordinateColumns)
        }
    }

    /// A CSV's rows as text cells, with its coordinate columns found or checked.
    static func csv(_ table: CSVTable, coordinateColumns: CoordinateColumns?) throws -> InputTable {
        let columns: CoordinateColumns
        if let coordinateColumns {
            try table.checkColumns([coordinateColumns.lon, coordinateColumns.lat])
            columns = coordinateColumns
        } else if let found = CoordinateColumns.detect(in: table.header) {
            columns = found
        } else if let pair = pairColumn(in: table.header) {
            return splitting(pair, of: table)
        } else {
            throw RegistryError.input(
                file: table.file,
                reason: "no coordinate columns found among \(table.header.joined(separator: ", ")); "
                    + "name them 经度/纬度, lng/lat, lon/lat or x/y, or one column location as \"lng,lat\" "
                    + "(AMap), or give --lon and --lat")
        }
        let names = Columns(table.header)
        let rows = table.rows.filter { !$0.isBlank }.map { row in
            Row(number: row.line, cells: Cells(columns: names, values: row.values))
        }
        return InputTable(
            file: table.file, header: table.header, rows: rows, location: .columns(x: columns.lon, y: columns.lat),
            declaredCRS: nil, rowLabel: "line")
    }

    /// Features as rows: each property becomes a text cell, the header is every property in order of
    /// first appearance.
    static func features(_ features: [Feature], file: String, declaredCRS: String?) -> InputTable {
        // The header first, so that every row shares one index of columns.
        var header: [String] = []
        var known: Set<String> = []
        for feature in features {
            for key in feature.properties.keys.sorted() where known.insert(key).inserted { header.append(key) }
            if feature.id != nil, known.insert("id").inserted { header.append("id") }
        }
        let columns = Columns(header)
        let idColumns = ["id", "facility_id"].compactMap { columns.position(of: $0) }
        var rows: [Row] = []
        rows.reserveCapacity(features.count)
        for (index, feature) in features.enumerated() {
            var values = [String](repeating: "", count: header.count)
            for (key, value) in feature.properties {
                if let text = value.cellText, let at = columns.position(of: key) { values[at] = text }
            }
            if let id = feature.id?.cellText, idColumns.allSatisfy({ values[$0].isEmpty }),
                let at = columns.position(of: "id")
            {
                values[at] = id
            }
            rows.append(Row(number: index + 1, cells: Cells(columns: columns, values: values), geometry: feature.geometry))
        }
        return InputTable(
            file: file, header: header, rows: rows, location: .geometry, declaredCRS: declaredCRS, rowLabel: "feature")
    }
}

extension InputTable {
    /// A feature layer of a GeoPackage, in the system its `srs_id` names. `layer` picks one when the
    /// file has several feature layers.
    static func geoPackageLayer(at url: URL, layer: String?) throws -> InputTable {
        let file = try GeoPackageFile(path: url.path, mode: .readOnly)
        let featureLayers = try file.layers().filter { $0.dataType == "features" }
        let names = featureLayers.map(\.name)
        let chosen: LayerInfo
        if let layer {
            guard let found = featureLayers.first(where: { $0.name == layer }) else {
                throw RegistryError.input(
                    file: url.path, reason: "no feature layer '\(layer)'; layers: \(names.joined(separator: ", "))")
            }
            chosen = found
        } else if featureLayers.count == 1 {
            chosen = featureLayers[0]
        } else {
            throw RegistryError.input(
                file: url.path,
                reason: featureLayers.isEmpty
                    ? "the GeoPackage has no feature layer"
                    : "the GeoPackage has \(featureLayers.count) feature layers; pick one with --layer "
                        + "(\(names.joined(separator: ", ")))")
        }
        let content = try file.readLayer(named: chosen.name)
        var declared: String?
        if let srsID = chosen.srsID, let srs = try file.read({ try $0.spatialReferenceSystem(id: srsID) }),
            srs.definition != "undefined"
        {
            declared = srs.crsText
        }
        // The fid is the GeoPackage's row number, not a facility id: leave ids to the columns.
        let features = content.features.map { Feature(geometry: $0.geometry, properties: $0.properties) }
        var table = Self.features(features, file: "\(url.path) (layer \(chosen.name))", declaredCRS: declared)
        table.header = content.columns.map(\.name)
        return table
    }
}
