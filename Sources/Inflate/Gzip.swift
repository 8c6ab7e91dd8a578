/// gzip files held in memory: recognising them by their magic bytes, whatever their name, and inflating
/// them whole.
public enum Gzip {
    /// The first two bytes of every gzip member (RFC 1952, ID1 ID2).
    public static let magic: [UInt8] = [0x1F, 0x8B]

    /// Whether `bytes` start like gzip data.
    public static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == magic[0] && bytes[1] == magic[1]
    }

    /// Whether `bytes` start like gzip data.
    public static func hasMagic(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// The inflated content of gzip data (one or more members), whole. Fails when the data is not gzip,
    /// is corrupt, or stops before its end marker.
    public static func inflate(_ bytes: UnsafeRawBufferPointer) throws(InflateError) -> [UInt8] {
        guard hasMagic(bytes) else { throw InflateError("not gzip data (it does not start with 1F 8B)") }
        var offset = 0
        let reader = try GzipReader<Never> { buffer in
            let count = min(buffer.count, bytes.count - offset)
            if count > 0 {
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
        do {
            return try reader.readAll(expectedSize: expectedSize(of: bytes))
        } catch {
            switch error {
            case .data(let problem): throw problem
            }
        }
    }

    /// The size the gzip trailer declares (ISIZE, the last member's size modulo 2³²), bounded so that a
    /// corrupt trailer cannot ask for an absurd allocation; 0 when there is none.
    static func expectedSize(of bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let declared = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)))
        return min(declared, 64 * bytes.count)
    }
}
