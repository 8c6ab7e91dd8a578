/// A `.dbf` field name holds at most 10 bytes. Longer names are cut at a character boundary and made unique
/// (ignoring case, as dBASE does) with a numbered ending: `facility_id` → `facility_i`, and a second
/// `opening_hours_a` next to `opening_hours_b` → `opening_h2`. The same names always shorten the same way, so an
/// import can map a shortened column back to its field.
public enum ShapefileFieldNames {
    public static let maximumBytes = 10

    /// The names as written to a `.dbf` in `encoding` (GBK counts two bytes per Chinese character, UTF-8 three).
    public static func shortened(_ names: [String], encoding: VectorTextEncoding = .utf8) -> [String] {
        var taken: Set<String> = []
        return names.map { name in
            var candidate = cut(name, to: maximumBytes, encoding: encoding)
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let ending = String(number)
                candidate = cut(name, to: maximumBytes - ending.utf8.count, encoding: encoding) + ending
                number += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    /// The longest prefix of whole characters that fits `limit` bytes.
    static func cut(_ name: String, to limit: Int, encoding: VectorTextEncoding) -> String {
        var bytes = 0
        var kept = ""
        for character in name {
            let size = character.unicodeScalars.reduce(0) { total, scalar in
                total + (scalar.isASCII ? 1 : (encoding == .gbk ? (scalar.value > 0xFFFF ? 4 : 2) : String(scalar).utf8.count))
            }
            if bytes + size > limit { break }
            bytes += size
            kept.append(character)
        }
        return kept
    }
}
