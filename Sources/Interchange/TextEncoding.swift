/// The character encoding of a text file. `auto` reads UTF-8 when the bytes are valid UTF-8 and GBK
/// otherwise; `gbk` decodes as GB18030, its superset, which is what Excel in China saves CSV in.
/// A byte order mark always wins over the choice: UTF-8 and UTF-16 (Excel's "Unicode text") files
/// that start with one are read as what it says.
public enum TextEncoding: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case auto
    case utf8
    case gbk
    case utf16LittleEndian = "utf16le"
    case utf16BigEndian = "utf16be"

    /// The name people know the encoding by.
    public var displayName: String {
        switch self {
        case .auto: "UTF-8 or GBK (detected)"
        case .utf8: "UTF-8"
        case .gbk: "GBK (GB18030)"
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        }
    }

    /// The value `--encoding` takes.
    public var description: String { rawValue }
}
