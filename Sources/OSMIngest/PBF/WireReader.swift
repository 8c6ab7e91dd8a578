/// What can go wrong decoding protocol buffer bytes. `offset` counts from the start of the message
/// being decoded (the inflated block), for the error message.
struct WireError: Error {
    enum Kind {
        case truncated
        case malformed
    }

    var kind: Kind
    var offset: Int
    var reason: String

    static func truncated(_ offset: Int, _ what: String) -> WireError {
        WireError(kind: .truncated, offset: offset, reason: what)
    }

    static func malformed(_ offset: Int, _ what: String) -> WireError {
        WireError(kind: .malformed, offset: offset, reason: what)
    }
}

/// The protocol buffer wire types this format uses.
enum WireType: UInt64 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
}

/// A cursor over protocol buffer bytes: varints, zigzag, length-delimited fields, packed repeated
/// fields. It reads memory owned by someone else (the block buffer) and checks every bound, so
/// corrupt input gives a `WireError`, never a read past the end.
struct WireReader {
    private(set) var position: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    /// The start of the outermost message, for offsets in errors.
    let origin: UnsafePointer<UInt8>

    init(_ bytes: UnsafeRawBufferPointer) {
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? WireReader.emptyBytes
        position = start
        end = start + bytes.count
        origin = start
    }

    private init(position: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, origin: UnsafePointer<UInt8>) {
        self.position = position
        self.end = end
        self.origin = origin
    }

    /// A stand-in address for empty input (a nil base address): with `position == end` it is never read.
    private static var emptyBytes: UnsafePointer<UInt8> { UnsafePointer(bitPattern: 16)! }

    @inline(__always) var isAtEnd: Bool { position >= end }
    @inline(__always) var remaining: Int { end - position }
    var offset: Int { position - origin }

    /// The bytes left, as a buffer.
    var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: position, count: remaining) }

    @inline(__always)
    mutating func varint() throws(WireError) -> UInt64 {
        guard position < end else { throw .truncated(offset, "a number is cut off") }
        let first = position.pointee
        if first < 0x80 {
            position += 1
            return UInt64(first)
        }
        return try varintSlow()
    }

    private mutating func varintSlow() throws(WireError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = position
        while true {
            guard p < end else { throw .truncated(offset, "a number is cut off") }
            let byte = p.pointee
            p += 1
            if shift == 63 && byte > 1 {
                throw .malformed(offset, "a number is longer than 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        position = p
        return result
    }

    @inline(__always)
    mutating func zigzag() throws(WireError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A varint read as a two's-complement 64-bit integer (protobuf `int64`).
    @inline(__always)
    mutating func int64() throws(WireError) -> Int64 { Int64(bitPattern: try varint()) }

    /// A varint read as protobuf `int32`: negative values take ten bytes on the wire.
    mutating func int32() throws(WireError) -> Int32 { Int32(truncatingIfNeeded: Int64(bitPattern: try varint())) }

    /// The next field's number and wire type, or nil at the end of the message.
    @inline(__always)
    mutating func field() throws(WireError) -> (number: Int, type: WireType)? {
        guard position < end else { return nil }
        let start = offset
        let key = try varint()
        guard let type = WireType(rawValue: key & 7) else {
            throw .malformed(start, "unknown wire type \(key & 7)")
        }
        let number = key >> 3
        guard number > 0, number < 1 << 29 else { throw .malformed(start, "bad field number \(number)") }
        return (Int(number), type)
    }

    /// The contents of a length-delimited field as their own reader, and moves past them.
    @inline(__always)
    mutating func lengthDelimited() throws(WireError) -> WireReader {
        let start = offset
        let length = try varint()
        guard length <= UInt64(remaining) else {
            throw .truncated(start, "a field of \(length) bytes runs past the end of its message")
        }
        let sub = WireReader(position: position, end: position + Int(length), origin: origin)
        position += Int(length)
        return sub
    }

    /// Moves past a field of `type` whose key was just read.
    mutating func skip(_ type: WireType) throws(WireError) {
        switch type {
        case .varint: _ = try varint()
        case .lengthDelimited: _ = try lengthDelimited()
        case .fixed64: try advance(8)
        case .fixed32: try advance(4)
        }
    }

    private mutating func advance(_ count: Int) throws(WireError) {
        guard remaining >= count else { throw .truncated(offset, "a fixed-size field is cut off") }
        position += count
    }

    /// The contents of a length-delimited field as bytes.
    mutating func bytes() throws(WireError) -> UnsafeRawBufferPointer { try lengthDelimited().rest }

    /// The contents of a length-delimited field as text (invalid UTF-8 repaired).
    mutating func string() throws(WireError) -> String {
        let raw = try bytes()
        return String(decoding: raw, as: UTF8.self)
    }

    /// How many varints the rest holds (counts final bytes), to size an array before filling it.
    func varintCount() -> Int {
        var count = 0
        var p = position
        while p < end {
            count &+= Int(truncatingIfNeeded: (p.pointee >> 7) ^ 1)
            p += 1
        }
        return count
    }
}

/// A repeated varint field, packed (one length-delimited run, the normal case) or not (one field per
/// value, which proto2 also allows). Collected while a message's fields are scanned, read afterwards.
struct RepeatedVarints {
    /// The one packed run, when the field is encoded that way (empty otherwise).
    private var packed: WireReader
    /// Every value, when the field is unpacked or split into several runs.
    private var values: [UInt64]?

    init() {
        packed = WireReader(UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Adds the field whose key was just read, whichever way it is encoded.
    mutating func add(_ type: WireType, from reader: inout WireReader) throws(WireError) {
        switch type {
        case .lengthDelimited:
            var run = try reader.lengthDelimited()
            if values == nil && packed.isAtEnd {
                packed = run
            } else {
                try materialize()
                while !run.isAtEnd { values!.append(try run.varint()) }
            }
        case .varint:
            try materialize()
            values!.append(try reader.varint())
        default:
            throw .malformed(reader.offset, "a repeated integer field has wire type \(type.rawValue)")
        }
    }

    private mutating func materialize() throws(WireError) {
        guard values == nil else { return }
        var all: [UInt64] = []
        while !packed.isAtEnd { all.append(try packed.varint()) }
        values = all
    }

    var isEmpty: Bool { values?.isEmpty ?? packed.isAtEnd }

    /// An upper bound on the count, for reserving capacity.
    var countEstimate: Int { values?.count ?? packed.varintCount() }

    func makeCursor() -> Cursor { Cursor(packed: packed, values: values ?? []) }

    /// Reads the values in order: from the packed run (the fast path), else from the collected values.
    struct Cursor {
        private var packed: WireReader
        private let values: [UInt64]
        private var index = 0

        fileprivate init(packed: WireReader, values: [UInt64]) {
            self.packed = packed
            self.values = values
        }

        @inline(__always)
        mutating func next() throws(WireError) -> UInt64? {
            if !packed.isAtEnd { return try packed.varint() }
            return nextCollected()
        }

        private mutating func nextCollected() -> UInt64? {
            guard index < values.count else { return nil }
            index += 1
            return values[index - 1]
        }
    }
}
