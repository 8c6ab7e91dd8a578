public import Foundation
internal import CGDAL
import GeoCore

extension VectorTable {
    /// The drivers whose rows are a sheet's rows: the first row is the header, and feature ids are row numbers.
    static let spreadsheetDrivers: Set<String> = ["XLSX", "XLS", "ODS"]

    /// Reads one layer of any vector file GDAL opens (Shapefile, XLSX, XLS, KML/KMZ, FileGDB, GeoPackage, …)
    /// whole. A file with several layers needs `options.layer`. A spreadsheet's first row is always its header.
    public static func read(contentsOf url: URL, options: VectorReadOptions = VectorReadOptions())
        throws(VectorFileError) -> VectorTable
    {
        let path = url.path
        return try GDALSession.collectingMessages { messages throws(VectorFileError) in
            // A sheet's first row names its columns even when every cell is text (GDAL guesses otherwise).
            let headers = ["OGR_XLSX_HEADERS": "FORCE", "OGR_XLS_HEADERS": "FORCE", "OGR_ODS_HEADERS": "FORCE"]
            return try GDALSession.withConfiguration(headers) { () throws(VectorFileError) in
                var dataset = try OGRDataset(readingVectorsAt: path, messages: messages)
                var encoding: String?
                if dataset.driverName == "ESRI Shapefile" {
                    let chosen = try shapefileEncoding(of: dataset, options: options, messages: messages)
                    encoding = chosen.label
                    if let reopen = chosen.openOption {
                        dataset = try OGRDataset(readingVectorsAt: path, options: ["ENCODING": reopen], messages: messages)
                    }
                }
                var table = try read(dataset, layer: try chooseLayer(of: dataset, named: options.layer), messages: messages)
                table.encoding = encoding
                table.warnings = messages.warnings
                return table
            }
        }
    }

    /// The layer to read: the one named, or the only one.
    private static func chooseLayer(of dataset: OGRDataset, named wanted: String?) throws(VectorFileError) -> Int {
        let names = (0..<dataset.layerCount).map(dataset.layerName(at:))
        if let wanted {
            guard let index = names.firstIndex(of: wanted) else {
                throw .layer(file: dataset.path, reason: "no layer '\(wanted)'; layers: \(names.joined(separator: ", "))")
            }
            return index
        }
        switch names.count {
        case 0: throw .layer(file: dataset.path, reason: "the file has no layer")
        case 1: return 0
        default:
            throw .layer(
                file: dataset.path,
                reason: "the file has \(names.count) layers; pick one with --layer (\(names.joined(separator: ", ")))")
        }
    }

    /// Every feature of a layer as text cells and a geometry.
    private static func read(_ dataset: OGRDataset, layer index: Int, messages: GDALMessages) throws(VectorFileError)
        -> VectorTable
    {
        guard let layer = dataset.layer(at: index) else {
            throw .layer(file: dataset.path, reason: "layer \(index) cannot be opened")
        }
        let definition = OGR_L_GetLayerDefn(layer)
        let fieldCount = Int(OGR_FD_GetFieldCount(definition))
        let fields = (0..<fieldCount).map { OGR_FD_GetFieldDefn(definition, Int32($0)) }
        let columns = fields.map { $0.flatMap { OGR_Fld_GetNameRef($0) }.map { String(cString: $0) } ?? "" }
        let types = fields.map { $0.map { OGR_Fld_GetType($0) } ?? OFTString }
        let driver = dataset.driverName

        var rows: [VectorRow] = []
        var hasGeometry = false
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for field in 0..<fieldCount {
                values.append(text(of: feature, field: Int32(field), type: types[field]))
            }
            let geometry = OGR_F_GetGeometryRef(feature).flatMap(OGRGeometryConversion.geometry(of:))
            if geometry != nil { hasGeometry = true }
            rows.append(VectorRow(fid: Int64(OGR_F_GetFID(feature)), values: values, geometry: geometry))
        }
        if let error = messages.errors.last {
            throw .unreadable(file: dataset.path, reason: error)
        }
        let stated = OGR_L_GetSpatialRef(layer).flatMap(crsText(of:))
        return VectorTable(
            file: dataset.path, driver: driver, layer: String(cString: OGR_L_GetName(layer)), columns: columns,
            rows: rows, crs: stated, crsSource: driver == "ESRI Shapefile" ? "its .prj" : "the layer's SRS",
            encoding: nil, hasGeometry: hasGeometry, isSpreadsheet: spreadsheetDrivers.contains(driver), warnings: [])
    }

    /// A field's value as text; nil when unset or null. Dates become `YYYY-MM-DD` (with the time when it is not
    /// midnight), the form the rest of the import reads.
    private static func text(of feature: OGRFeatureH, field: Int32, type: OGRFieldType) -> String? {
        guard OGR_F_IsFieldSetAndNotNull(feature, field) != 0 else { return nil }
        switch type {
        case OFTDate, OFTDateTime:
            var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, hour: Int32 = 0, minute: Int32 = 0, zone: Int32 = 0
            var second: Float = 0
            guard OGR_F_GetFieldAsDateTimeEx(feature, field, &year, &month, &day, &hour, &minute, &second, &zone) != 0
            else { break }
            let date = String(format: "%04d-%02d-%02d", year, month, day)
            if type == OFTDate || (hour == 0 && minute == 0 && second == 0) { return date }
            return date + String(format: " %02d:%02d:%02.0f", hour, minute, second)
        default:
            break
        }
        return OGR_F_GetFieldAsString(feature, field).map { String(cString: $0) }
    }

    /// `EPSG:code` when GDAL identifies the system with an EPSG code, else WKT2.
    private static func crsText(of reference: OGRSpatialReferenceH) -> String? {
        if let code = epsgCode(of: reference) { return "EPSG:\(code)" }
        // An ESRI .prj names a system without its code: take GDAL's best EPSG match when it is certain.
        var count: Int32 = 0
        var confidences: UnsafeMutablePointer<Int32>?
        if let matches = OSRFindMatches(reference, nil, &count, &confidences) {
            defer {
                OSRFreeSRSArray(matches)
                VSIFree(confidences)
            }
            if count >= 1, let confidences, confidences[0] >= 90, let best = matches[0], let code = epsgCode(of: best) {
                return "EPSG:\(code)"
            }
        }
        var wkt: UnsafeMutablePointer<CChar>?
        let options = CStringList(["FORMAT": "WKT2_2019"])
        guard OSRExportToWktEx(reference, &wkt, options.constPointer) == OGRERR_NONE, let wkt else { return nil }
        defer { VSIFree(wkt) }
        return String(cString: wkt)
    }

    private static func epsgCode(of reference: OGRSpatialReferenceH) -> String? {
        let target: String? = OSRIsProjected(reference) != 0 ? "PROJCS" : (OSRIsGeographic(reference) != 0 ? "GEOGCS" : nil)
        guard let name = OSRGetAuthorityName(reference, target), String(cString: name) == "EPSG",
            let code = OSRGetAuthorityCode(reference, target)
        else { return nil }
        return String(cString: code)
    }
}

extension VectorTable {
    /// How to decode a Shapefile's `.dbf`: what the user asked for, else what the file declares (GDAL reads
    /// `.cpg` and the code page byte), else UTF-8 if every text is valid UTF-8 and GB18030 if not.
    /// `openOption` is the `ENCODING` to reopen with, nil when the first opening already decodes right.
    private static func shapefileEncoding(
        of dataset: OGRDataset, options: VectorReadOptions, messages: GDALMessages
    ) throws(VectorFileError) -> (label: String, openOption: String?) {
        switch options.encoding {
        case .utf8: return ("UTF-8 (--encoding)", "UTF-8")
        case .gbk: return ("GB18030 (--encoding)", "GB18030")
        case .detect: break
        }
        let layer = try dataset.layer(at: chooseLayer(of: dataset, named: options.layer))
        guard let layer else { return ("UTF-8", nil) }
        if let declared = GDALGetMetadataItem(layer, "SOURCE_ENCODING", "SHAPEFILE").map({ String(cString: $0) }),
            !declared.isEmpty
        {
            return ("\(declared) (declared by the file)", nil)
        }
        // Nothing declared: GDAL hands over the bytes as they are. Valid UTF-8 throughout, or GBK.
        let definition = OGR_L_GetLayerDefn(layer)
        let count = OGR_FD_GetFieldCount(definition)
        for field in 0..<count {
            guard let name = OGR_FD_GetFieldDefn(definition, field).flatMap({ OGR_Fld_GetNameRef($0) }) else { continue }
            if String(validatingCString: name) == nil { return ("GB18030 (detected)", "GB18030") }
        }
        OGR_L_ResetReading(layer)
        defer { OGR_L_ResetReading(layer) }
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            for field in 0..<count where OGR_F_IsFieldSetAndNotNull(feature, field) != 0 {
                if let raw = OGR_F_GetFieldAsString(feature, field), String(validatingCString: raw) == nil {
                    return ("GB18030 (detected)", "GB18030")
                }
            }
        }
        return ("UTF-8 (detected)", nil)
    }
}
