internal import CGDAL

/// Owns one open GDAL dataset and closes it. Not thread-safe, as GDAL's datasets are not.
final class OGRDataset {
    let handle: GDALDatasetH
    let path: String

    /// Opens `path` read-only as a vector source. `options` are the driver's open options.
    init(readingVectorsAt path: String, options: [String: String] = [:], messages: GDALMessages)
        throws(VectorFileError)
    {
        let list = CStringList(options)
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        guard let handle = GDALOpenEx(path, flags, nil, list.constPointer, nil) else {
            throw .cannotOpen(file: path, reason: messages.reason("no GDAL vector driver recognises it"))
        }
        self.handle = handle
        self.path = path
    }

    /// Creates `path` with the driver named `driver` (GDAL's short name) for writing vectors.
    init(creating path: String, driver name: String, options: [String: String] = [:], messages: GDALMessages)
        throws(VectorFileError)
    {
        guard let driver = GDALGetDriverByName(name) else {
            throw .cannotWrite(file: path, reason: "this GDAL has no \(name) driver")
        }
        let list = CStringList(options)
        guard let handle = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, list.pointer) else {
            throw .cannotWrite(file: path, reason: messages.reason("the \(name) driver cannot create it"))
        }
        self.handle = handle
        self.path = path
    }

    deinit {
        GDALClose(handle)
    }

    /// GDAL's short name of the driver that opened it.
    var driverName: String {
        GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
    }

    var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    func layer(at index: Int) -> OGRLayerH? { GDALDatasetGetLayer(handle, Int32(index)) }

    func layerName(at index: Int) -> String {
        layer(at: index).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) } ?? ""
    }
}

@available(*, unavailable)
extension OGRDataset: Sendable {}

/// A NULL-terminated `NAME=VALUE` list as GDAL's options take it (`char **`), freed with `CSLDestroy`.
final class CStringList {
    private(set) var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    init(_ options: [String: String]) {
        for (name, value) in options.sorted(by: { $0.key < $1.key }) {
            pointer = CSLSetNameValue(pointer, name, value)
        }
    }

    /// The list as GDAL's `const char * const *` parameters take it.
    var constPointer: UnsafePointer<UnsafePointer<CChar>?>? {
        pointer.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
    }

    deinit {
        CSLDestroy(pointer)
    }
}

@available(*, unavailable)
extension CStringList: Sendable {}
