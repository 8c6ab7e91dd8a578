import GeoCore

/// Decodes the `PrimitiveBlock`s of a PBF file (osmformat.proto) straight from the inflated bytes
/// and hands each wanted element to a visitor. One decoder serves a whole read: its arrays keep
/// their capacity from block to block.
///
/// Strings of the block's string table are decoded on first use only, so a pass that wants no tags
/// never builds a `String`.
struct PrimitiveBlockDecoder {
    /// Which kinds of element a block held, wanted or not (for stopping early in sorted files).
    struct Contents {
        var nodes = false
        var ways = false
        var relations = false
    }

    private var stringStarts: [UnsafePointer<UInt8>] = []
    private var stringLengths: [Int] = []
    private var stringCache: [String?] = []
    private var groups: [WireReader] = []
    /// Tags gathered here, then copied once into an array of the right size.
    private var scratchTags: [OSMTags.Tag] = []
    private var granularity: Int64 = 100
    private var latOffset: Int64 = 0
    private var lonOffset: Int64 = 0

    /// Decodes one block. Throws `WireError` for bad bytes and whatever the visitor throws.
    mutating func decode<V: OSMElementVisitor>(
        _ block: UnsafeRawBufferPointer, options: OSMReadOptions, visitor: inout V
    ) throws -> Contents {
        var reader = WireReader(block)
        var stringTable: WireReader?
        groups.removeAll(keepingCapacity: true)
        granularity = 100
        latOffset = 0
        lonOffset = 0
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .lengthDelimited): stringTable = try reader.lengthDelimited()
            case (2, .lengthDelimited): groups.append(try reader.lengthDelimited())
            case (17, .varint):
                granularity = Int64(try reader.int32())
                guard granularity > 0 else {
                    throw WireError.malformed(reader.offset, "granularity \(granularity) is not positive")
                }
            case (19, .varint): latOffset = try reader.int64()
            case (20, .varint): lonOffset = try reader.int64()
            default: try reader.skip(type)
            }
        }
        let needsStrings = options.nodes.wantsTags || options.ways.wantsTags || options.relations.delivers
        try loadStringTable(needsStrings ? stringTable : nil)

        var contents = Contents()
        for var group in groups {
            while let (number, type) = try group.field() {
                guard type == .lengthDelimited else {
                    try group.skip(type)
                    continue
                }
                var element = try group.lengthDelimited()
                switch number {
                case 1:
                    contents.nodes = true
                    if options.nodes.delivers { try decodeNode(&element, options.nodes, &visitor) }
                case 2:
                    contents.nodes = true
                    if options.nodes.delivers { try decodeDenseNodes(&element, options.nodes, &visitor) }
                case 3:
                    contents.ways = true
                    if options.ways.delivers { try decodeWay(&element, options.ways, &visitor) }
                case 4:
                    contents.relations = true
                    if options.relations.delivers { try decodeRelation(&element, options.relations, &visitor) }
                default:
                    break  // change sets, and anything newer
                }
            }
        }
        return contents
    }

    // MARK: - Strings

    private mutating func loadStringTable(_ table: WireReader?) throws(WireError) {
        stringStarts.removeAll(keepingCapacity: true)
        stringLengths.removeAll(keepingCapacity: true)
        stringCache.removeAll(keepingCapacity: true)
        guard var table else { return }
        while let (number, type) = try table.field() {
            if number == 1, type == .lengthDelimited {
                let bytes = try table.lengthDelimited()
                stringStarts.append(bytes.position)
                stringLengths.append(bytes.remaining)
            } else {
                try table.skip(type)
            }
        }
        stringCache.append(contentsOf: repeatElement(nil, count: stringStarts.count))
    }

    @inline(__always)
    private mutating func string(_ index: UInt64, _ offset: Int) throws(WireError) -> String {
        guard index < UInt64(stringStarts.count) else {
            throw .malformed(offset, "string index \(index) is outside the block's string table of \(stringStarts.count)")
        }
        let i = Int(index)
        if let cached = stringCache[i] { return cached }
        let text = String(
            decoding: UnsafeBufferPointer(start: stringStarts[i], count: stringLengths[i]), as: UTF8.self)
        stringCache[i] = text
        return text
    }

    private mutating func tags(
        keys: RepeatedVarints, values: RepeatedVarints, _ offset: Int
    ) throws(WireError) -> OSMTags {
        if keys.isEmpty && values.isEmpty { return OSMTags() }
        scratchTags.removeAll(keepingCapacity: true)
        var k = keys.makeCursor()
        var v = values.makeCursor()
        while let key = try k.next() {
            guard let value = try v.next() else {
                throw .malformed(offset, "an element has more tag keys than values")
            }
            scratchTags.append(OSMTags.Tag(key: try string(key, offset), value: try string(value, offset)))
        }
        guard try v.next() == nil else { throw .malformed(offset, "an element has more tag values than keys") }
        return OSMTags(scratchTags)
    }

    @inline(__always)
    private func coordinate(lat: Int64, lon: Int64) -> Coordinate {
        // Dividing (not multiplying by 1e-9) gives the double nearest to the stored value, the same
        // double an XML reader gets from the decimal text.
        Coordinate(
            lon: Double(lonOffset &+ granularity &* lon) / 1e9,
            lat: Double(latOffset &+ granularity &* lat) / 1e9)
    }

    // MARK: - Elements

    private mutating func decodeNode<V: OSMElementVisitor>(
        _ reader: inout WireReader, _ selection: OSMReadOptions.Selection, _ visitor: inout V
    ) throws {
        let start = reader.offset
        var id: Int64?
        var lat: Int64?
        var lon: Int64?
        var keys = RepeatedVarints()
        var values = RepeatedVarints()
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .varint): id = try reader.zigzag()
            case (2, _): try keys.add(type, from: &reader)
            case (3, _): try values.add(type, from: &reader)
            case (8, .varint): lat = try reader.zigzag()
            case (9, .varint): lon = try reader.zigzag()
            default: try reader.skip(type)
            }
        }
        guard let id, let lat, let lon else { throw WireError.malformed(start, "a node lacks its id, lat or lon") }
        let nodeTags = selection.wantsTags ? try tags(keys: keys, values: values, start) : OSMTags()
        if selection == .taggedOnly && nodeTags.isEmpty { return }
        try visitor.visit(node: OSMNode(id: OSMNodeID(id), coordinate: coordinate(lat: lat, lon: lon), tags: nodeTags))
    }

    private mutating func decodeDenseNodes<V: OSMElementVisitor>(
        _ reader: inout WireReader, _ selection: OSMReadOptions.Selection, _ visitor: inout V
    ) throws {
        let start = reader.offset
        var ids = RepeatedVarints()
        var lats = RepeatedVarints()
        var lons = RepeatedVarints()
        var keysValues = RepeatedVarints()
        while let (number, type) = try reader.field() {
            switch number {
            case 1: try ids.add(type, from: &reader)
            case 8: try lats.add(type, from: &reader)
            case 9: try lons.add(type, from: &reader)
            case 10: try keysValues.add(type, from: &reader)
            default: try reader.skip(type)  // 5: DenseInfo, not needed
            }
        }
        let wantsTags = selection.wantsTags
        let taggedOnly = selection == .taggedOnly
        if taggedOnly && keysValues.isEmpty { return }
        var idCursor = ids.makeCursor()
        var latCursor = lats.makeCursor()
        var lonCursor = lons.makeCursor()
        var kvCursor = keysValues.makeCursor()
        var id: Int64 = 0
        var lat: Int64 = 0
        var lon: Int64 = 0
        while let rawID = try idCursor.next() {
            guard let rawLat = try latCursor.next(), let rawLon = try lonCursor.next() else {
                throw WireError.malformed(start, "dense nodes have fewer coordinates than ids")
            }
            id &+= zigzagDecode(rawID)
            lat &+= zigzagDecode(rawLat)
            lon &+= zigzagDecode(rawLon)
            var nodeTags = OSMTags()
            if wantsTags {
                scratchTags.removeAll(keepingCapacity: true)
                while let key = try kvCursor.next(), key != 0 {
                    guard let value = try kvCursor.next() else {
                        throw WireError.malformed(start, "dense nodes' keys_vals end between a key and its value")
                    }
                    scratchTags.append(OSMTags.Tag(key: try string(key, start), value: try string(value, start)))
                }
                if !scratchTags.isEmpty {
                    nodeTags = OSMTags(scratchTags)
                } else if taggedOnly {
                    continue
                }
            }
            try visitor.visit(node: OSMNode(id: OSMNodeID(id), coordinate: coordinate(lat: lat, lon: lon), tags: nodeTags))
        }
        guard try latCursor.next() == nil, try lonCursor.next() == nil else {
            throw WireError.malformed(start, "dense nodes have more coordinates than ids")
        }
    }

    private mutating func decodeWay<V: OSMElementVisitor>(
        _ reader: inout WireReader, _ selection: OSMReadOptions.Selection, _ visitor: inout V
    ) throws {
        let start = reader.offset
        var id: Int64?
        var keys = RepeatedVarints()
        var values = RepeatedVarints()
        var refs = RepeatedVarints()
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .varint): id = try reader.int64()
            case (2, _): try keys.add(type, from: &reader)
            case (3, _): try values.add(type, from: &reader)
            case (8, _): try refs.add(type, from: &reader)
            default: try reader.skip(type)  // 4: Info; 9, 10: LocationsOnWays
            }
        }
        guard let id else { throw WireError.malformed(start, "a way lacks its id") }
        let wayTags = selection.wantsTags ? try tags(keys: keys, values: values, start) : OSMTags()
        if selection == .taggedOnly && wayTags.isEmpty { return }
        var nodeIDs: [OSMNodeID] = []
        nodeIDs.reserveCapacity(refs.countEstimate)
        var cursor = refs.makeCursor()
        var ref: Int64 = 0
        while let delta = try cursor.next() {
            ref &+= zigzagDecode(delta)
            nodeIDs.append(OSMNodeID(ref))
        }
        try visitor.visit(way: OSMWay(id: OSMWayID(id), nodeIDs: nodeIDs, tags: wayTags))
    }

    private mutating func decodeRelation<V: OSMElementVisitor>(
        _ reader: inout WireReader, _ selection: OSMReadOptions.Selection, _ visitor: inout V
    ) throws {
        let start = reader.offset
        var id: Int64?
        var keys = RepeatedVarints()
        var values = RepeatedVarints()
        var roles = RepeatedVarints()
        var memberIDs = RepeatedVarints()
        var types = RepeatedVarints()
        while let (number, type) = try reader.field() {
            switch (number, type) {
            case (1, .varint): id = try reader.int64()
            case (2, _): try keys.add(type, from: &reader)
            case (3, _): try values.add(type, from: &reader)
            case (8, _): try roles.add(type, from: &reader)
            case (9, _): try memberIDs.add(type, from: &reader)
            case (10, _): try types.add(type, from: &reader)
            default: try reader.skip(type)
            }
        }
        guard let id else { throw WireError.malformed(start, "a relation lacks its id") }
        let relationTags = selection.wantsTags ? try tags(keys: keys, values: values, start) : OSMTags()
        if selection == .taggedOnly && relationTags.isEmpty { return }
        var members: [OSMRelation.Member] = []
        members.reserveCapacity(memberIDs.countEstimate)
        var roleCursor = roles.makeCursor()
        var idCursor = memberIDs.makeCursor()
        var typeCursor = types.makeCursor()
        var memberID: Int64 = 0
        while let delta = try idCursor.next() {
            guard let role = try roleCursor.next(), let type = try typeCursor.next() else {
                throw WireError.malformed(start, "a relation has fewer roles or types than members")
            }
            memberID &+= zigzagDecode(delta)
            let kind: OSMElementKind
            switch type {
            case 0: kind = .node
            case 1: kind = .way
            case 2: kind = .relation
            default: throw WireError.malformed(start, "a relation member has unknown type \(type)")
            }
            members.append(.init(element: OSMElementID(kind: kind, id: memberID), role: try string(role, start)))
        }
        guard try roleCursor.next() == nil, try typeCursor.next() == nil else {
            throw WireError.malformed(start, "a relation has more roles or types than members")
        }
        try visitor.visit(relation: OSMRelation(id: OSMRelationID(id), members: members, tags: relationTags))
    }
}

@inline(__always)
func zigzagDecode(_ raw: UInt64) -> Int64 {
    Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
}
