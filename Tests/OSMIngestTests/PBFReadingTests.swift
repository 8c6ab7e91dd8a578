import Foundation
import GeoCore
import OSMIngest
import Testing

@Suite("Reading PBF")
struct PBFReadingTests {
    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var nodes: Int
        var ways: Int
        var relations: Int
        var description: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static let files = [
        Expected(path: SampleFiles.saoPaulo, nodes: 24_648, ways: 6_223, relations: 0),
        Expected(path: SampleFiles.helsinki, nodes: 24_260, ways: 5_130, relations: 620),
        Expected(path: SampleFiles.andorra, nodes: 69_644, ways: 2_725, relations: 74),
    ]

    @Test("element counts agree with the data's README and with osmium fileinfo", arguments: files)
    func counts(_ expected: Expected) throws {
        var counter = ElementCounter()
        let file = try OSMFile(path: expected.path)
        #expect(file.format == .pbf)
        try file.read(into: &counter)
        #expect(counter.nodes == expected.nodes)
        #expect(counter.ways == expected.ways)
        #expect(counter.relations == expected.relations)

        let info = try Osmium.run(["fileinfo", "-e", expected.path])
        func osmiumCount(_ label: String) -> Int? {
            info.split(separator: "\n").first { $0.contains("Number of \(label):") }
                .flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }
        }
        #expect(osmiumCount("nodes") == counter.nodes)
        #expect(osmiumCount("ways") == counter.ways)
        #expect(osmiumCount("relations") == counter.relations)
    }

    @Test("every node, way and relation equals osmium's reading of it", arguments: files)
    func everyElementMatchesOsmium(_ expected: Expected) throws {
        let ours = try ElementCollector.read(expected.path)
        expectSameElements(ours, try Osmium.elements(of: expected.path))
    }

    @Test("a few elements by hand: São Paulo's first node, a residential street of Helsinki")
    func handPicked() throws {
        let saoPaulo = try ElementCollector.read(SampleFiles.saoPaulo)
        let first = try #require(saoPaulo.nodes.first)
        #expect(first.id == OSMNodeID(582_438))  // osmium: smallest node id 582438
        let helsinki = try ElementCollector.read(SampleFiles.helsinki)
        let node = try #require(helsinki.nodes.first { $0.id == OSMNodeID(25_291_537) })
        #expect(abs(node.coordinate.lon - 24.9370245) < 1e-7 && abs(node.coordinate.lat - 60.1643249) < 1e-7)
        #expect(node.tags.isEmpty)
        let street = try #require(helsinki.ways.first { $0.id == OSMWayID(4_236_349) })
        #expect(street.nodeIDs.map(\.rawValue) == [1_372_477_605, 292_727_220, 2_394_117_042])
        #expect(street.tags["highway"] == "unclassified")
        #expect(street.tags["name:sv"] == "Skillnadsgatan")
        #expect(street.tags.count == 11)
    }

    @Test("the header: generator, box, features and sorting")
    func header() throws {
        let saoPaulo = try OSMFile(path: SampleFiles.saoPaulo).readHeader()
        #expect(saoPaulo.format == .pbf)
        #expect(saoPaulo.generator == "osmconvert 0.8.7")
        #expect(saoPaulo.requiredFeatures == ["OsmSchema-V0.6", "DenseNodes"])
        #expect(saoPaulo.isSortedByTypeThenID)
        #expect(saoPaulo.boundingBox == nil)

        let helsinki = try OSMFile(path: SampleFiles.helsinki).readHeader()
        let box = try #require(helsinki.boundingBox)
        // osmium prints the box cut to 1e-7°; the header stores nanodegrees.
        #expect(abs(box.minX - 24.9351762) < 1e-7 && abs(box.minY - 60.164155) < 1e-7)
        #expect(abs(box.maxX - 24.9534145) < 1e-7 && abs(box.maxY - 60.179113) < 1e-7)
        #expect(!helsinki.isSortedByTypeThenID)
    }

    @Test("zlib blobs, plain Node messages, no metadata, locations on ways: the same elements")
    func encodings() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let original = try ElementCollector.read(SampleFiles.andorra)
        let variants: [(String, [String])] = [
            ("zlib.osm.pbf", ["cat", SampleFiles.andorra]),
            ("sparse.osm.pbf", ["cat", SampleFiles.andorra, "-f", "pbf,pbf_dense_nodes=false"]),
            ("bare.osm.pbf", ["cat", SampleFiles.andorra, "-f", "pbf,add_metadata=false"]),
            ("locations.osm.pbf", ["add-locations-to-ways", SampleFiles.andorra]),
        ]
        for (name, arguments) in variants {
            let path = scratch.path(name)
            try Osmium.run(arguments + ["-o", path, "-O"])
            let variant = try ElementCollector.read(path)
            if name == "locations.osm.pbf" {
                // add-locations-to-ways keeps only the nodes that ways use or that have tags.
                #expect(variant.ways == original.ways)
                let byID = Dictionary(uniqueKeysWithValues: original.nodes.map { ($0.id, $0) })
                #expect(variant.nodes.allSatisfy { byID[$0.id] == $0 })
                #expect(try OSMFile(path: path).readHeader().optionalFeatures.contains("LocationsOnWays"))
            } else {
                expectSameElements(variant, original)
            }
        }
    }

    @Test("what a read asks for is what it gets")
    func readOptions() throws {
        let reference = try Osmium.elements(of: SampleFiles.helsinki)
        let ways = try ElementCollector.read(SampleFiles.helsinki, options: .waysOnly)
        #expect(ways.nodes.isEmpty && ways.relations.isEmpty && ways.ways.count == 5_130)

        let tagged = try ElementCollector.read(
            SampleFiles.helsinki, options: OSMReadOptions(nodes: .taggedOnly, ways: .skip, relations: .skip))
        #expect(tagged.nodes.count == reference.nodes.filter { !$0.tags.isEmpty }.count)
        #expect(tagged.nodes.allSatisfy { !$0.tags.isEmpty })

        let untagged = try ElementCollector.read(SampleFiles.helsinki, options: .nodeCoordinates)
        #expect(untagged.nodes.count == 24_260 && untagged.nodes.allSatisfy(\.tags.isEmpty))
        #expect(untagged.ways.isEmpty)

        let waysWithoutTags = try ElementCollector.read(
            SampleFiles.helsinki, options: OSMReadOptions(nodes: .skip, ways: .withoutTags, relations: .all))
        #expect(waysWithoutTags.ways.count == 5_130 && waysWithoutTags.ways.allSatisfy(\.tags.isEmpty))
        #expect(waysWithoutTags.relations.count == 620)
    }

    @Test("progress: rising, per pass, once per percent at most, ending at the file's size")
    func progress() throws {
        let file = try OSMFile(path: SampleFiles.andorra)
        var reports: [OSMProgress] = []
        var counter = ElementCounter()
        try file.read(into: &counter) { reports.append($0) }
        #expect(!reports.isEmpty && reports.count <= 102)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead })
        #expect(reports.last?.bytesRead == file.byteCount && reports.last?.fraction == 1)
        #expect(reports.allSatisfy { $0.totalBytes == file.byteCount && $0.pass == 1 && $0.passCount == 1 })
    }

    @Test("a node-only read of a file sorted by type stops at the first way")
    func stopsAfterNodes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("sorted.osm.pbf")
        try Osmium.run(["sort", SampleFiles.andorra, "-o", path])  // declares Sort.Type_then_ID
        let file = try OSMFile(path: path)
        #expect(try file.readHeader().isSortedByTypeThenID)
        var last: OSMProgress?
        var counter = ElementCounter()
        try file.read(into: &counter, options: .nodeCoordinates) { last = $0 }
        #expect(counter.nodes == 69_644)
        #expect(try #require(last).bytesRead < file.byteCount)  // the relations block is never read
    }
}

@Suite("Reading crafted PBF")
struct CraftedPBFTests {
    /// A data block with one DenseNodes group of three nodes, and one way.
    static func denseBlock(granularity: Int64? = nil, latOffset: Int64? = nil, lonOffset: Int64? = nil) -> [UInt8] {
        var block = ProtoWriter()
        block.message(1) { table in
            for s in ["", "amenity", "toilets", "highway", "footway", "名字", "公厕"] { table.string(1, s) }
        }
        block.message(2) { group in
            group.message(2) { dense in
                dense.packedDeltas(1, [10, 11, 15])
                dense.packedDeltas(8, [425_000_000, 425_000_100, 425_000_099])
                dense.packedDeltas(9, [15_000_000, 15_000_050, 15_000_057])
                dense.packed(10, [0, 1, 2, 5, 6, 0, 0])  // none; amenity=toilets, 名字=公厕; none
            }
        }
        block.message(2) { group in
            group.message(3) { way in
                way.uint(1, 99)
                way.packed(2, [3])
                way.packed(3, [4])
                way.packedDeltas(8, [10, 11, 15, 10])
            }
        }
        if let granularity { block.uint(17, UInt64(granularity)) }
        if let latOffset { block.int(19, latOffset) }
        if let lonOffset { block.int(20, lonOffset) }
        return block.bytes
    }

    @Test("dense nodes with tags, the default granularity, and a way")
    func denseNodes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(PBFBuilder.file(dataBlocks: [Self.denseBlock()]), to: "dense.osm.pbf")
        let read = try ElementCollector.read(path)
        #expect(read.nodes.map(\.id.rawValue) == [10, 11, 15])
        #expect(read.nodes[0].coordinate == Coordinate(lon: 1.5, lat: 42.5))
        #expect(read.nodes[1].coordinate == Coordinate(lon: 1.500005, lat: 42.50001))
        #expect(read.nodes[2].coordinate == Coordinate(lon: 1.5000057, lat: 42.5000099))
        #expect(read.nodes[0].tags.isEmpty && read.nodes[2].tags.isEmpty)
        #expect(read.nodes[1].tags == ["amenity": "toilets", "名字": "公厕"])
        #expect(read.ways == [OSMWay(id: OSMWayID(99), nodeIDs: [10, 11, 15, 10].map { OSMNodeID($0) }, tags: ["highway": "footway"])])
        #expect(read.ways[0].isClosed)
    }

    @Test("granularity and offsets are applied: lat = 1e-9 × (offset + granularity × value)")
    func granularity() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let block = Self.denseBlock(granularity: 1000, latOffset: 1_000_000_000, lonOffset: -2_000_000_000)
        let path = try scratch.write(PBFBuilder.file(dataBlocks: [block]), to: "granularity.osm.pbf")
        let nodes = try ElementCollector.read(path).nodes
        // 1e-9 × (1e9 + 1000 × 425_000_100) = 1 + 425.0001; the box has no say in it.
        #expect(nodes[0].coordinate == Coordinate(lon: -2 + 15.0, lat: 1 + 425.0))
        #expect(abs(nodes[1].coordinate.lat - 426.0001) < 1e-9)
        #expect(abs(nodes[1].coordinate.lon - 13.00005) < 1e-9)
    }

    @Test("plain nodes and unpacked repeated fields, which proto2 allows, read like packed ones")
    func unpackedFields() throws {
        var block = ProtoWriter()
        block.message(1) { table in
            for s in ["", "k", "v"] { table.string(1, s) }
        }
        block.message(2) { group in
            group.message(1) { node in
                node.sint(1, -7)
                node.uint(2, 1)  // unpacked key
                node.uint(3, 2)  // unpacked value
                node.sint(8, 100)
                node.sint(9, -200)
            }
        }
        block.message(2) { group in
            group.message(3) { way in
                way.uint(1, 5)
                for delta in [3, -1, 4] { way.sint(8, Int64(delta)) }  // refs 3, 2, 6, unpacked
            }
            group.message(4) { relation in
                relation.uint(1, 8)
                relation.packed(8, [1, 0])
                relation.packedDeltas(9, [5, -7])
                relation.packed(10, [1, 0])
            }
        }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(PBFBuilder.file(dataBlocks: [block.bytes]), to: "unpacked.osm.pbf")
        let read = try ElementCollector.read(path)
        #expect(read.nodes == [OSMNode(id: OSMNodeID(-7), coordinate: Coordinate(lon: -0.00002, lat: 0.00001), tags: ["k": "v"])])
        #expect(read.ways.first?.nodeIDs.map(\.rawValue) == [3, 2, 6])
        #expect(
            read.relations.first?.members == [
                .init(element: OSMElementID(kind: .way, id: 5), role: "k"),
                .init(element: OSMElementID(kind: .node, id: -7), role: ""),
            ])
    }

    @Test("unknown block types are skipped, as the format asks")
    func unknownBlockType() throws {
        var builder = PBFBuilder()
        builder.block("OSMHeader", raw: PBFBuilder.headerBlock())
        builder.block("OSMIndex", raw: [1, 2, 3, 4])
        builder.block("OSMData", raw: Self.denseBlock())
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let read = try ElementCollector.read(try scratch.write(builder.bytes, to: "index.osm.pbf"))
        #expect(read.nodes.count == 3 && read.ways.count == 1)
    }

    @Test("required features this reader lacks are refused by name", arguments: [
        ("HistoricalInformation", "history file"), ("Has_Metadata_V2", "\"Has_Metadata_V2\""),
    ])
    func requiredFeatures(_ feature: String, _ mention: String) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let bytes = PBFBuilder.file(required: ["OsmSchema-V0.6", feature], dataBlocks: [Self.denseBlock()])
        let path = try scratch.write(bytes, to: "feature.osm.pbf")
        let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
        #expect(error.kind == .unsupported)
        #expect(error.location == .block(index: 0, byteOffset: 0))
        #expect(error.description.contains(mention) && error.description.contains(feature))
        #expect(error.description.hasPrefix(path))
        #expect(throws: OSMError.self) { try OSMFile(path: path).readHeader() }
    }

    @Test("a history file written by osmium is refused for its HistoricalInformation feature")
    func historyFile() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("andorra.osh.pbf")
        try Osmium.run(["cat", SampleFiles.andorra, "-o", path])
        let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
        #expect(error.kind == .unsupported && error.reason.contains("HistoricalInformation"))
    }

    @Test("zstd and lz4 blobs are refused with advice")
    func otherCompressions() throws {
        var blob = ProtoWriter()
        blob.uint(2, 10)
        blob.bytes(7, [0x28, 0xB5, 0x2F, 0xFD, 0, 0, 0])
        var builder = PBFBuilder()
        builder.block("OSMHeader", raw: PBFBuilder.headerBlock())
        builder.block("OSMData", blob: blob.bytes)
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(builder.bytes, to: "zstd.osm.pbf")
        let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
        #expect(error.kind == .unsupported && error.reason.contains("zstd"))
        if case .block(let index, let offset)? = error.location {
            #expect(index == 1 && offset > 0)
        } else {
            Issue.record("expected a block location, got \(String(describing: error.location))")
        }

        let lz4 = scratch.path("lz4.osm.pbf")
        try Osmium.run(["cat", SampleFiles.andorra, "-o", lz4, "-f", "pbf,pbf_compression=lz4"])
        let lz4Error = try #require(throws: OSMError.self) { try ElementCollector.read(lz4) }
        #expect(lz4Error.kind == .unsupported && lz4Error.reason.contains("lz4"))
    }

    @Test("a raw_size that lies, and zlib data that is not zlib, are bad compression")
    func badZlib() throws {
        // zlib.compress(b"hello world")
        let helloWorld: [UInt8] = [
            0x78, 0x9C, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x57, 0x28, 0xCF, 0x2F, 0xCA, 0x49, 0x01, 0x00, 0x1A, 0x0B, 0x04,
            0x5D,
        ]
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for (rawSize, data, why) in [
            (5, helloWorld, "more than"), (20, helloWorld, "not the declared"),
            (11, Array(helloWorld.prefix(10)), "ends early"), (11, [0x78, 0x9C, 0xFF, 0xFF, 0xFF], "bad zlib"),
        ] {
            var blob = ProtoWriter()
            blob.uint(2, UInt64(rawSize))
            blob.bytes(3, data)
            var builder = PBFBuilder()
            builder.block("OSMHeader", raw: PBFBuilder.headerBlock())
            builder.block("OSMData", blob: blob.bytes)
            let path = try scratch.write(builder.bytes, to: "zlib.osm.pbf")
            let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
            #expect(error.kind == .badCompression, "\(why): \(error)")
            #expect(error.description.contains(why), "\(error)")
        }
    }

    @Test("malformed blocks name the block and what is wrong")
    func malformed() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var badIndex = ProtoWriter()
        badIndex.message(1) { $0.string(1, "") }
        badIndex.message(2) { group in
            group.message(3) { way in
                way.uint(1, 1)
                way.packed(2, [7])  // no string 7
                way.packed(3, [7])
            }
        }
        var shortCoordinates = ProtoWriter()
        shortCoordinates.message(2) { group in
            group.message(2) { dense in
                dense.packedDeltas(1, [1, 2])
                dense.packedDeltas(8, [1])
                dense.packedDeltas(9, [1, 2])
            }
        }
        var missingID = ProtoWriter()
        missingID.message(2) { group in group.message(3) { $0.packedDeltas(8, [1, 2]) } }
        let cases: [([UInt8], String)] = [
            (badIndex.bytes, "string index 7"), (shortCoordinates.bytes, "fewer coordinates than ids"),
            (missingID.bytes, "lacks its id"), ([0x12, 0x7F, 0x00], "runs past the end"),
        ]
        for (block, reason) in cases {
            let path = try scratch.write(PBFBuilder.file(dataBlocks: [Self.denseBlock(), block]), to: "bad.osm.pbf")
            let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
            #expect(error.kind == .malformed)
            #expect(error.reason.contains(reason), "\(error)")
            guard case .block(let index, _)? = error.location else {
                Issue.record("no block in \(error)")
                continue
            }
            #expect(index == 2)
        }
    }
}
