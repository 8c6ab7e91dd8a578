import GeoCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads OSM XML (`<osm>` with `<node>`, `<way>`, `<relation>`) as a stream, in bounded memory.
///
/// A hand-written scanner of the XML that OSM files use: markup, attributes in either quote, the five
/// predefined entities and character references, comments, processing instructions, CDATA and
/// DOCTYPE (skipped). Foundation's `XMLParser` builds a dictionary of attributes for every element,
/// including the untagged nodes that make up most of a file; this scanner reads the attributes it
/// needs in place and builds strings only for tags.
struct OSMXMLReader {
    static let maximumMarkupSize = 16 << 20

    private let source: any XMLByteSource
    private let path: String
    private let buffer = ByteBuffer(capacity: 1 << 20)
    /// `buffer.bytes`, kept here so the scanner's loops read a local, not a class property.
    private var b: UnsafeMutablePointer<UInt8>
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    /// Newlines in the text already discarded from the buffer, for line numbers in errors.
    private var linesBefore = 0

    private enum Context {
        case osm
        case node
        case way
        case relation
        case other(String)
    }

    private var stack: [Context] = []
    private var sawRoot = false
    private(set) var header = OSMFileHeader(format: .xml)
    private var stopRequested = false

    // The element being read.
    private var delivering = false
    private var currentSelection: OSMReadOptions.Selection = .skip
    private var wantsTags = false
    private var elementID: Int64 = 0
    private var coordinate = Coordinate(x: 0, y: 0)
    private var tags = OSMTags()
    private var refs: [OSMNodeID] = []
    private var members: [OSMRelation.Member] = []

    /// The attributes of the tag being read: ranges of names and values in the buffer.
    private var attributes: [(nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int)] = []
    private var tagNameEnd = 0
    private var selfClosing = false

    init(source: any XMLByteSource, path: String, format: OSMFile.Format) {
        self.source = source
        self.path = path
        b = buffer.bytes
        header.format = format
        attributes.reserveCapacity(16)
    }

    /// Reads the whole file, or only up to the first element when `headerOnly`.
    mutating func read<V: OSMElementVisitor>(
        options: OSMReadOptions, visitor: inout V, progress: inout ProgressThrottle, headerOnly: Bool = false
    ) throws {
        while true {
            guard let found = memchr(b + start, 0x3C, end - start) else {  // "<"
                start = end
                if visitor.wantsNoMore { return progress.finish(source.fileOffset) }
                if try !fill(&progress) { break }
                continue
            }
            start = found.assumingMemoryBound(to: UInt8.self) - b
            guard let markupEnd = try findMarkupEnd(from: start) else {
                if visitor.wantsNoMore { return progress.finish(source.fileOffset) }
                if try !fill(&progress) {
                    throw error(.truncated, at: start, "the file ends inside markup")
                }
                continue
            }
            try handleMarkup(start, options, &visitor, headerOnly: headerOnly)
            start = markupEnd + 1
            if stopRequested { return }
        }
        guard sawRoot else { throw OSMError(.notOSM, file: path, "is not OSM XML (no <osm> element)") }
        if let open = stack.last {
            throw error(.truncated, at: end, "the file ends inside <\(name(of: open))> (no closing </osm>)")
        }
        progress.finish(source.fileOffset)
    }

    // MARK: - Buffer

    /// Keeps the bytes from `start` on and reads more after them; false at the end of the text.
    private mutating func fill(_ progress: inout ProgressThrottle) throws(OSMError) -> Bool {
        if sourceEnded { return false }
        if start > 0 {
            linesBefore += countNewlines(0, start)
            let kept = end - start
            if kept > 0 { buffer.base.copyMemory(from: buffer.base + start, byteCount: kept) }
            end = kept
            start = 0
        }
        if end == buffer.capacity {
            guard buffer.capacity < Self.maximumMarkupSize else {
                throw error(.malformed, at: 0, "a single tag is longer than 16 MiB")
            }
            buffer.reserve(buffer.capacity * 2, keeping: end)
            b = buffer.bytes
        }
        let n = try source.read(into: buffer.base + end, count: buffer.capacity - end)
        progress.report(source.fileOffset)
        if n == 0 {
            sourceEnded = true
            return false
        }
        end += n
        return true
    }

    /// Counts the newlines in `[from, to)` eight bytes at a time.
    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var count = 0
        var i = from
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= to {
            let word = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            // A byte's high bit ends up set exactly when the byte was a newline (now zero).
            let zeroes = ~(((word & low7) &+ low7) | word | low7)
            count &+= zeroes.nonzeroBitCount
            i += 8
        }
        while i < to {
            count &+= b[i] == 0x0A ? 1 : 0
            i += 1
        }
        return count
    }

    private func line(at index: Int) -> Int { linesBefore + countNewlines(0, min(index, end)) + 1 }

    private func error(_ kind: OSMError.Kind, at index: Int, _ reason: String) -> OSMError {
        OSMError(kind, file: path, at: .line(line(at: index)), reason)
    }

    // MARK: - Markup

    /// The index of the `>` that ends the markup starting at `lt`, or nil when the buffer does not
    /// hold all of it yet.
    private mutating func findMarkupEnd(from lt: Int) throws(OSMError) -> Int? {
        guard lt + 1 < end else { return nil }
        switch b[lt + 1] {
        case 0x3F:  // "<?"
            return find(terminator: "?>", from: lt + 2)
        case 0x21:  // "<!"
            if hasPrefix("<!--", at: lt) { return find(terminator: "-->", from: lt + 4) }
            if hasPrefix("<![CDATA[", at: lt) { return find(terminator: "]]>", from: lt + 9) }
            if end - lt < 9 && !sourceEnded { return nil }
            // DOCTYPE and other declarations: up to the ">" outside brackets and quotes.
            var depth = 0
            var quote: UInt8 = 0
            var i = lt + 2
            while i < end {
                let c = b[i]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x5B {
                    depth += 1
                } else if c == 0x5D {
                    depth -= 1
                } else if c == 0x3E && depth <= 0 {
                    return i
                }
                i += 1
            }
            return nil
        default:
            return try tokenizeElement(lt)
        }
    }

    /// Finds the name and attributes of the element tag at `lt`, and returns the index of its `>`;
    /// nil when the buffer does not hold all of the tag yet.
    private mutating func tokenizeElement(_ lt: Int) throws(OSMError) -> Int? {
        attributes.removeAll(keepingCapacity: true)
        var i = lt + 1
        if i < end && b[i] == 0x2F {  // an end tag
            guard let gt = memchr(b + i, 0x3E, end - i) else { return nil }
            let index = gt.assumingMemoryBound(to: UInt8.self) - b
            var nameEnd = i + 1
            while nameEnd < index && !isSpace(b[nameEnd]) { nameEnd += 1 }
            tagNameEnd = nameEnd
            return index
        }
        while i < end && !isSpace(b[i]) && b[i] != 0x2F && b[i] != 0x3E { i += 1 }
        tagNameEnd = i
        while true {
            while i < end && isSpace(b[i]) { i += 1 }
            guard i < end else { return nil }
            let c = b[i]
            if c == 0x3E {
                selfClosing = false
                return i
            }
            if c == 0x2F {
                guard i + 1 < end else { return nil }
                guard b[i + 1] == 0x3E else { throw error(.malformed, at: i, "a \"/\" inside a tag") }
                selfClosing = true
                return i + 1
            }
            if c == 0x3C { throw error(.malformed, at: i, "a \"<\" inside a tag") }
            let nameStart = i
            while i < end && !isSpace(b[i]) && b[i] != 0x3D && b[i] != 0x3E && b[i] != 0x2F { i += 1 }
            let nameEnd = i
            while i < end && isSpace(b[i]) { i += 1 }
            guard i < end else { return nil }
            guard b[i] == 0x3D else { throw error(.malformed, at: nameStart, "an attribute without a value") }
            i += 1
            while i < end && isSpace(b[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = b[i]
            guard quote == 0x22 || quote == 0x27 else {
                throw error(.malformed, at: nameStart, "an attribute value without quotes")
            }
            i += 1
            guard let closing = memchr(b + i, Int32(quote), end - i) else { return nil }
            let valueEnd = closing.assumingMemoryBound(to: UInt8.self) - b
            attributes.append((nameStart, nameEnd, i, valueEnd))
            i = valueEnd + 1
        }
    }

    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard end - index >= n else { return false }
        return memcmp(b + index, literal.utf8Start, n) == 0
    }

    /// The index of the last byte of `terminator` at or after `from`, or nil.
    private func find(terminator: StaticString, from: Int) -> Int? {
        let n = terminator.utf8CodeUnitCount
        var i = from
        while i + n <= end {
            if memcmp(b + i, terminator.utf8Start, n) == 0 { return i + n - 1 }
            i += 1
        }
        return nil
    }

    private mutating func handleMarkup<V: OSMElementVisitor>(
        _ lt: Int, _ options: OSMReadOptions, _ visitor: inout V, headerOnly: Bool
    ) throws {
        let first = b[lt + 1]
        if first == 0x3F || first == 0x21 { return }  // processing instruction, comment, CDATA, DOCTYPE
        if first == 0x2F {  // "</name>"
            try handleEndTag(lt + 2, tagNameEnd, visitor: &visitor)
            return
        }
        guard tagNameEnd > lt + 1 else { throw error(.malformed, at: lt, "a tag without a name") }
        try handleStartTag(lt + 1, tagNameEnd, options, &visitor, headerOnly: headerOnly)
    }

    @inline(__always)
    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    @inline(__always)
    private func equals(_ s: Int, _ e: Int, _ literal: StaticString) -> Bool {
        e - s == literal.utf8CodeUnitCount && memcmp(b + s, literal.utf8Start, e - s) == 0
    }

    private func name(of context: Context) -> String {
        switch context {
        case .osm: "osm"
        case .node: "node"
        case .way: "way"
        case .relation: "relation"
        case .other(let name): name
        }
    }

    private func text(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: b + s, count: e - s), as: UTF8.self)
    }

    // MARK: - Elements

    private mutating func handleStartTag<V: OSMElementVisitor>(
        _ nameStart: Int, _ nameEnd: Int, _ options: OSMReadOptions, _ visitor: inout V, headerOnly: Bool
    ) throws {
        guard let top = stack.last else {
            if sawRoot { throw error(.malformed, at: nameStart, "a second root element <\(text(nameStart, nameEnd))>") }
            if equals(nameStart, nameEnd, "osm") {
                sawRoot = true
                for a in attributes where equals(a.nameStart, a.nameEnd, "generator") {
                    header.generator = try string(a.valueStart, a.valueEnd)
                }
                if !selfClosing { stack.append(.osm) }
                return
            }
            if equals(nameStart, nameEnd, "osmChange") {
                throw OSMError(
                    .unsupported, file: path,
                    "is an osmChange file (edits, not a map extract), which this reader does not support")
            }
            throw OSMError(
                .notOSM, file: path, at: .line(line(at: nameStart)),
                "is not OSM XML: its root element is <\(text(nameStart, nameEnd))>, not <osm>")
        }
        switch top {
        case .osm:
            if equals(nameStart, nameEnd, "node") {
                if headerOnly { stopRequested = true; return }
                try beginElement(nameStart, options.nodes, isNode: true)
                if selfClosing { try endNode(&visitor) } else { stack.append(.node) }
            } else if equals(nameStart, nameEnd, "way") {
                if headerOnly { stopRequested = true; return }
                try beginElement(nameStart, options.ways, isNode: false)
                if selfClosing { try endWay(&visitor) } else { stack.append(.way) }
            } else if equals(nameStart, nameEnd, "relation") {
                if headerOnly { stopRequested = true; return }
                try beginElement(nameStart, options.relations, isNode: false)
                if selfClosing { try endRelation(&visitor) } else { stack.append(.relation) }
            } else {
                if equals(nameStart, nameEnd, "bounds") { readBounds() }
                if !selfClosing { stack.append(.other(text(nameStart, nameEnd))) }
            }
        case .node, .way, .relation:
            if delivering {
                if wantsTags && equals(nameStart, nameEnd, "tag") {
                    try readTag(nameStart)
                } else if case .way = top, equals(nameStart, nameEnd, "nd") {
                    try readNodeReference(nameStart)
                } else if case .relation = top, equals(nameStart, nameEnd, "member") {
                    try readMember(nameStart)
                }
            }
            if !selfClosing { stack.append(.other(text(nameStart, nameEnd))) }
        case .other:
            if !selfClosing { stack.append(.other(text(nameStart, nameEnd))) }
        }
    }

    private mutating func handleEndTag<V: OSMElementVisitor>(
        _ nameStart: Int, _ nameEnd: Int, visitor: inout V
    ) throws {
        guard let top = stack.popLast() else {
            throw error(.malformed, at: nameStart, "</\(text(nameStart, nameEnd))> closes nothing")
        }
        let matches: Bool
        switch top {
        case .osm: matches = equals(nameStart, nameEnd, "osm")
        case .node: matches = equals(nameStart, nameEnd, "node")
        case .way: matches = equals(nameStart, nameEnd, "way")
        case .relation: matches = equals(nameStart, nameEnd, "relation")
        case .other(let name): matches = text(nameStart, nameEnd) == name
        }
        guard matches else {
            throw error(.malformed, at: nameStart, "</\(text(nameStart, nameEnd))> closes <\(name(of: top))>")
        }
        switch top {
        case .node: try endNode(&visitor)
        case .way: try endWay(&visitor)
        case .relation: try endRelation(&visitor)
        case .osm, .other: break
        }
    }

    /// Reads the id (and a node's coordinates) of a node, way or relation about to be read.
    private mutating func beginElement(
        _ at: Int, _ selection: OSMReadOptions.Selection, isNode: Bool
    ) throws(OSMError) {
        currentSelection = selection
        delivering = selection.delivers
        wantsTags = selection.wantsTags
        tags = OSMTags()
        guard delivering else { return }
        var id: Int64?
        var lat: Double?
        var lon: Double?
        for a in attributes {
            let (ns, ne, vs, ve) = a
            if equals(ns, ne, "id") {
                id = try integer(vs, ve)
            } else if isNode && equals(ns, ne, "lat") {
                lat = try degrees(vs, ve)
            } else if isNode && equals(ns, ne, "lon") {
                lon = try degrees(vs, ve)
            } else if equals(ns, ne, "visible") && equals(vs, ve, "false") {
                delivering = false  // a deleted element, in a history file
            } else if equals(ns, ne, "action") && equals(vs, ve, "delete") {
                delivering = false  // deleted in an editor's (JOSM) file
            }
        }
        guard let id else { throw error(.malformed, at: at, "an element without an id") }
        elementID = id
        if isNode && delivering {
            guard let lat, let lon else {
                throw error(.malformed, at: at, "node \(id) has no lat or lon")
            }
            coordinate = Coordinate(lon: lon, lat: lat)
        }
    }

    private mutating func endNode<V: OSMElementVisitor>(_ visitor: inout V) throws {
        defer {
            delivering = false
            tags = OSMTags()
        }
        guard delivering, currentSelection != .taggedOnly || !tags.isEmpty else { return }
        try visitor.visit(node: OSMNode(id: OSMNodeID(elementID), coordinate: coordinate, tags: tags))
    }

    private mutating func endWay<V: OSMElementVisitor>(_ visitor: inout V) throws {
        defer {
            delivering = false
            tags = OSMTags()
            refs = []
        }
        guard delivering, currentSelection != .taggedOnly || !tags.isEmpty else { return }
        try visitor.visit(way: OSMWay(id: OSMWayID(elementID), nodeIDs: refs, tags: tags))
    }

    private mutating func endRelation<V: OSMElementVisitor>(_ visitor: inout V) throws {
        defer {
            delivering = false
            tags = OSMTags()
            members = []
        }
        guard delivering, currentSelection != .taggedOnly || !tags.isEmpty else { return }
        try visitor.visit(relation: OSMRelation(id: OSMRelationID(elementID), members: members, tags: tags))
    }

    private mutating func readTag(_ at: Int) throws(OSMError) {
        var key: String?
        var value: String?
        for a in attributes {
            if equals(a.nameStart, a.nameEnd, "k") {
                key = try string(a.valueStart, a.valueEnd)
            } else if equals(a.nameStart, a.nameEnd, "v") {
                value = try string(a.valueStart, a.valueEnd)
            }
        }
        guard let key, let value else { throw error(.malformed, at: at, "a <tag> without k or v") }
        tags.append(key: key, value: value)
    }

    private mutating func readNodeReference(_ at: Int) throws(OSMError) {
        for a in attributes where equals(a.nameStart, a.nameEnd, "ref") {
            refs.append(OSMNodeID(try integer(a.valueStart, a.valueEnd)))
            return
        }
        throw error(.malformed, at: at, "an <nd> without ref")
    }

    private mutating func readMember(_ at: Int) throws(OSMError) {
        var kind: OSMElementKind?
        var ref: Int64?
        var role = ""
        for a in attributes {
            let (ns, ne, vs, ve) = a
            if equals(ns, ne, "type") {
                if equals(vs, ve, "node") {
                    kind = .node
                } else if equals(vs, ve, "way") {
                    kind = .way
                } else if equals(vs, ve, "relation") {
                    kind = .relation
                } else {
                    throw error(.malformed, at: vs, "a <member> of unknown type \"\(text(vs, ve))\"")
                }
            } else if equals(ns, ne, "ref") {
                ref = try integer(vs, ve)
            } else if equals(ns, ne, "role") {
                role = try string(vs, ve)
            }
        }
        guard let kind, let ref else { throw error(.malformed, at: at, "a <member> without type or ref") }
        members.append(.init(element: OSMElementID(kind: kind, id: ref), role: role))
    }

    private mutating func readBounds() {
        var values: [String: Double] = [:]
        for a in attributes {
            values[text(a.nameStart, a.nameEnd)] = try? degrees(a.valueStart, a.valueEnd)
        }
        if let w = values["minlon"], let s = values["minlat"], let e = values["maxlon"], let n = values["maxlat"] {
            header.boundingBox = try? BoundingBox(minX: w, minY: s, maxX: e, maxY: n)
        }
    }

    // MARK: - Values

    /// A decimal integer such as an id or a ref.
    private func integer(_ s: Int, _ e: Int) throws(OSMError) -> Int64 {
        var i = s
        var negative = false
        if i < e && (b[i] == 0x2D || b[i] == 0x2B) {
            negative = b[i] == 0x2D
            i += 1
        }
        guard i < e else { throw error(.malformed, at: s, "\"\(text(s, e))\" is not an integer") }
        var value: Int64 = 0
        while i < e {
            let digit = b[i] &- 0x30
            guard digit < 10 else { throw error(.malformed, at: s, "\"\(text(s, e))\" is not an integer") }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw error(.malformed, at: s, "\"\(text(s, e))\" is too large for an id") }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// A decimal number of degrees, rounded correctly: short decimals (all of OSM's) exactly as
    /// mantissa / 10^k, anything else through the standard library.
    private func degrees(_ s: Int, _ e: Int) throws(OSMError) -> Double {
        var i = s
        var negative = false
        if i < e && (b[i] == 0x2D || b[i] == 0x2B) {
            negative = b[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var fast = i < e
        while i < e {
            let c = b[i]
            if c == 0x2E && !seenPoint {
                seenPoint = true
            } else if c &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else {
                fast = false
                break
            }
            i += 1
        }
        if fast && digits > 0 && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        guard let value = Double(text(s, e)), value.isFinite else {
            throw error(.malformed, at: s, "\"\(text(s, e))\" is not a number of degrees")
        }
        return value
    }

    /// An attribute value as text: entities and character references replaced, and white space
    /// normalised as XML requires of attribute values.
    private func string(_ s: Int, _ e: Int) throws(OSMError) -> String {
        var i = s
        while i < e {
            let c = b[i]
            if c == 0x26 || c == 0x0A || c == 0x0D || c == 0x09 { break }
            i += 1
        }
        if i == e { return text(s, e) }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        out.append(contentsOf: UnsafeBufferPointer(start: b + s, count: i - s))
        while i < e {
            let c = b[i]
            switch c {
            case 0x0D:
                out.append(0x20)
                if i + 1 < e && b[i + 1] == 0x0A { i += 1 }
            case 0x0A, 0x09:
                out.append(0x20)
            case 0x26:
                var semicolon = i + 1
                while semicolon < e && b[semicolon] != 0x3B && semicolon - i < 12 { semicolon += 1 }
                guard semicolon < e, b[semicolon] == 0x3B else {
                    throw error(.malformed, at: i, "an \"&\" that starts no entity in \"\(text(s, e))\"")
                }
                let name = text(i + 1, semicolon)
                let scalar: Unicode.Scalar?
                switch name {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if name.hasPrefix("#") {
                        scalar = UInt32(name.dropFirst(1), radix: 10).flatMap(Unicode.Scalar.init)
                    } else {
                        scalar = nil
                    }
                }
                guard let scalar else { throw error(.malformed, at: i, "unknown entity &\(name);") }
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = semicolon
            default:
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

