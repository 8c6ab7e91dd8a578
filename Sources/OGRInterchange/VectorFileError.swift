/// What can go wrong reading or writing a file through GDAL: the file, and why (GDAL's own message when it gave one).
public enum VectorFileError: Error, Sendable, CustomStringConvertible {
    /// GDAL cannot open the file as a vector source (no driver recognises it, or it is damaged).
    case cannotOpen(file: String, reason: String)
    /// The file opened but has nothing to import, or the layer asked for is not there.
    case layer(file: String, reason: String)
    /// Reading a feature failed half way (a damaged file).
    case unreadable(file: String, reason: String)
    /// Writing failed: the file, and GDAL's reason.
    case cannotWrite(file: String, reason: String)

    public var file: String {
        switch self {
        case .cannotOpen(let file, _), .layer(let file, _), .unreadable(let file, _), .cannotWrite(let file, _): file
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason): "\(file): GDAL cannot open it as a vector file: \(reason)"
        case .layer(let file, let reason): "\(file): \(reason)"
        case .unreadable(let file, let reason): "\(file): cannot be read: \(reason)"
        case .cannotWrite(let file, let reason): "\(file): cannot be written: \(reason)"
        }
    }
}
