public import Foundation
internal import CGDAL
import GeoCore

extension VectorLayerOutput {
    /// Writes the layer as `format` to `url`. The files are made in a folder beside the target and renamed into
    /// place only when complete, so a failed export leaves what was there. Returns the `.dbf` encoding used for a
    /// Shapefile: GBK is written as CP936 unless a text needs GB18030, its superset.
    @discardableResult
    public func write(_ format: VectorOutputFormat, to url: URL) throws(VectorFileError) -> String? {
        let folder = url.deletingLastPathComponent()
        // No extension in the folder's name: GDAL's zip paths (an .xlsx is a zip) split at the first ".xlsx/".
        let staging = folder.appendingPathComponent(
            ".lifecircle-export-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8)).partial")
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotWrite(file: url.path, reason: "cannot create \(staging.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let built = staging.appendingPathComponent(url.lastPathComponent)

        var encoding: String?
        switch format {
        case .xlsx:
            try GDALSession.collectingMessages { messages throws(VectorFileError) in
                try write(driver: format.driver, to: built.path, layerOptions: [:], messages: messages)
            }
        case .shapefile(let requested):
            let candidates = requested == .gbk ? ["CP936", "GB18030"] : ["UTF-8"]
            for (index, candidate) in candidates.enumerated() {
                let clean = try GDALSession.collectingMessages { messages throws(VectorFileError) -> Bool in
                    try write(driver: format.driver, to: built.path, layerOptions: ["ENCODING": candidate], messages: messages)
                    // A text CP936 cannot hold (a Finnish ä): GDAL says so; GB18030 holds every character.
                    return !messages.warnings.contains { $0.contains("ecod") || $0.contains("onver") }
                }
                encoding = candidate
                if clean || index == candidates.count - 1 { break }
                for file in (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? [] {
                    try? FileManager.default.removeItem(at: staging.appendingPathComponent(file))
                }
            }
        }
        try moveIntoPlace(from: staging, to: folder, target: url)
        return encoding
    }

    /// Creates the dataset, its one layer, the fields and every feature; closes it so GDAL flushes.
    private func write(driver: String, to path: String, layerOptions: [String: String], messages: GDALMessages)
        throws(VectorFileError)
    {
        let dataset = try OGRDataset(creating: path, driver: driver, messages: messages)
        var reference: OGRSpatialReferenceH?
        if let crs, points != nil {
            reference = OSRNewSpatialReference(nil)
            guard OSRSetFromUserInput(reference, crs) == OGRERR_NONE else {
                OSRDestroySpatialReference(reference)
                throw .cannotWrite(file: path, reason: messages.reason("GDAL cannot read the coordinate system \(crs)"))
            }
            OSRSetAxisMappingStrategy(reference, OAMS_TRADITIONAL_GIS_ORDER)
        }
        defer { if let reference { OSRDestroySpatialReference(reference) } }
        let options = CStringList(layerOptions)
        guard
            let layer = GDALDatasetCreateLayer(
                dataset.handle, name, reference, points == nil ? wkbNone : wkbPoint, options.pointer)
        else {
            throw .cannotWrite(file: path, reason: messages.reason("cannot create the layer \(name)"))
        }
        for field in fields {
            let definition = OGR_Fld_Create(field.name, field.type.ogrType)
            defer { OGR_Fld_Destroy(definition) }
            if field.type == .boolean { OGR_Fld_SetSubType(definition, OFSTBoolean) }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw .cannotWrite(file: path, reason: messages.reason("cannot create the field \(field.name)"))
            }
        }
        let definition = OGR_L_GetLayerDefn(layer)
        for (index, row) in rows.enumerated() {
            guard let feature = OGR_F_Create(definition) else {
                throw .cannotWrite(file: path, reason: "out of memory")
            }
            defer { OGR_F_Destroy(feature) }
            for (field, value) in row.enumerated() {
                guard let value else { continue }
                let at = Int32(field)
                switch value {
                case .text(let text): OGR_F_SetFieldString(feature, at, text)
                case .integer(let number): OGR_F_SetFieldInteger64(feature, at, GIntBig(number))
                case .real(let number): OGR_F_SetFieldDouble(feature, at, number)
                case .boolean(let flag): OGR_F_SetFieldInteger(feature, at, flag ? 1 : 0)
                case .date(let year, let month, let day):
                    OGR_F_SetFieldDateTimeEx(feature, at, Int32(year), Int32(month), Int32(day), 0, 0, 0, 0)
                }
            }
            if let points {
                let point = OGR_G_CreateGeometry(wkbPoint)
                OGR_G_SetPoint_2D(point, 0, points[index].x, points[index].y)
                OGR_F_SetGeometryDirectly(feature, point)
            }
            guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
                throw .cannotWrite(file: path, reason: messages.reason("cannot write feature \(index + 1)"))
            }
        }
        GDALFlushCache(dataset.handle)
        guard messages.errors.isEmpty else {
            throw .cannotWrite(file: path, reason: messages.reason("GDAL could not finish the file"))
        }
        withExtendedLifetime(dataset) {}
    }

    /// Renames every file made in `staging` into `folder`, replacing files of the same name. For a Shapefile, a
    /// side file of an older one that the new one lacks (a stale `.cpg`, `.qix`) is removed so it cannot
    /// contradict the new files.
    private func moveIntoPlace(from staging: URL, to folder: URL, target: URL) throws(VectorFileError) {
        let manager = FileManager.default
        let made = (try? manager.contentsOfDirectory(atPath: staging.path)) ?? []
        let stem = target.deletingPathExtension().lastPathComponent
        if target.pathExtension.lowercased() == "shp" {
            for stale in ["cpg", "prj", "qix", "sbn", "sbx", "qmd"] {
                let side = folder.appendingPathComponent("\(stem).\(stale)")
                if !made.contains(side.lastPathComponent) { try? manager.removeItem(at: side) }
            }
        }
        // The main file last, so that a reader who finds it finds its side files too.
        let main = target.lastPathComponent
        for name in made.filter({ $0 != main }) + made.filter({ $0 == main }) {
            let destination = folder.appendingPathComponent(name)
            if rename(staging.appendingPathComponent(name).path, destination.path) != 0 {
                throw .cannotWrite(file: destination.path, reason: String(cString: strerror(errno)))
            }
        }
    }
}

extension VectorLayerOutput.FieldType {
    var ogrType: OGRFieldType {
        switch self {
        case .text: OFTString
        case .integer: OFTInteger64
        case .real: OFTReal
        case .boolean: OFTInteger
        case .date: OFTDate
        }
    }
}
