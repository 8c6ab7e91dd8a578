import Foundation
import GeoCore
import OSMIngest
import Testing

@Suite("Reading OSM XML")
struct XMLReadingTests {
    @Test("Monaco (.osm.gz): the counts of the data's README, and every element as osmium reads it")
    func monaco() throws {
        let file = try OSMFile(path: SampleFiles.monaco)
        #expect(file.format == .gzippedXML)
        let ours = try ElementCollector.read(SampleFiles.monaco)
        #expect(ours.nodes.count == 13_739 && ours.ways.count == 1_944 && ours.relations.count == 77)
        expectSameElements(ours, try Osmium.elements(of: SampleFiles.monaco))
        let header = try file.readHeader()
        #expect(header.generator == "pbf2osm" && header.format == .gzippedXML)
    }

    @Test("plain .osm, and Helsinki written as XML by osmium, read the same as the originals")
    func plainXML() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let monaco = scratch.path("monaco.osm")
        try Osmium.run(["cat", SampleFiles.monaco, "-o", monaco])
        #expect(try OSMFile(path: monaco).format == .xml)
        expectSameElements(try ElementCollector.read(monaco), try ElementCollector.read(SampleFiles.monaco))

        let helsinki = scratch.path("helsinki.osm")
        try Osmium.run(["cat", SampleFiles.helsinki, "-o", helsinki])
        expectSameElements(try ElementCollector.read(helsinki), try ElementCollector.read(SampleFiles.helsinki))
        let box = try #require(try OSMFile(path: helsinki).readHeader().boundingBox)
        #expect(abs(box.minX - 24.9351762) < 1e-7 && abs(box.maxY - 60.179113) < 1e-7)
    }

    static let handWritten = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE osm [ <!ENTITY foo "bar"> ]>
        <!-- a comment with <node id="98" lat="0" lon="0"/> inside -->
        <osm version='0.6' generator="hand &amp; test">
          <bounds minlat="42.4" minlon="1.4" maxlat="42.7" maxlon="1.8"/>
          <node id="-1" lat="42.5" lon='1.5' action="modify">
            <tag k="name" v="A &lt;b&gt; &quot;c&quot; &apos;d&apos; &#20844;&#x5395;"/>
            <tag k="note" v="x > y / z"></tag>
            <tag k = "multi" v="line&#10;break and\ttab"/>
          </node>
          <node id="2" lat="-0.0000001" lon="+179.9999999"/>
          <node id="3" visible="false" version="2"/>
          <node id="4" lat="1" lon="2" action="delete"/>
          <way id="10"><nd ref="-1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
          <way id="11"/>
          <relation id="20"><member type="way" ref="10" role="outer"/><member type='node' ref="2" role=""/></relation>
          <changeset id="5"><tag k="comment" v="not an element"/></changeset>
          <![CDATA[ <node id="99" lat="0" lon="0"/> ]]>
        </osm>

        """

    @Test("hand-written XML: entities, both quotes, comments, CDATA, DOCTYPE, deleted and negative ids")
    func handWritten() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for (name, text) in [
            ("unix.osm", Self.handWritten), ("dos.osm", Self.handWritten.replacingOccurrences(of: "\n", with: "\r\n")),
        ] {
            let read = try ElementCollector.read(try scratch.write(text, to: name))
            #expect(read.nodes.map(\.id.rawValue) == [-1, 2])
            #expect(read.nodes[0].coordinate == Coordinate(lon: 1.5, lat: 42.5))
            #expect(read.nodes[1].coordinate == Coordinate(lon: 179.9999999, lat: -0.0000001))
            #expect(read.nodes[0].tags["name"] == "A <b> \"c\" 'd' 公厕")
            #expect(read.nodes[0].tags["note"] == "x > y / z")
            #expect(read.nodes[0].tags["multi"] == "line\nbreak and tab")
            #expect(read.ways.map(\.id.rawValue) == [10, 11])
            #expect(read.ways[0].nodeIDs.map(\.rawValue) == [-1, 2] && read.ways[0].tags == ["highway": "footway"])
            #expect(read.ways[1].nodeIDs.isEmpty)
            #expect(
                read.relations.first?.members == [
                    .init(element: OSMElementID(kind: .way, id: 10), role: "outer"),
                    .init(element: OSMElementID(kind: .node, id: 2), role: ""),
                ])
            let header = try OSMFile(path: scratch.path(name)).readHeader()
            #expect(header.generator == "hand & test")
            #expect(header.boundingBox == (try BoundingBox(minX: 1.4, minY: 42.4, maxX: 1.8, maxY: 42.7)))
        }
    }

    @Test("gzip made of several members reads as one text, as gunzip does")
    func gzipMembers() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let text = Self.handWritten
        let cut = text.range(of: "  <way id=\"10\">")!.lowerBound
        try scratch.write(String(text[..<cut]), to: "a.osm")
        try scratch.write(String(text[cut...]), to: "b.osm")
        try Osmium.tool("gzip", [scratch.path("a.osm"), scratch.path("b.osm")])
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a.osm.gz")))
        let b = try Data(contentsOf: URL(fileURLWithPath: scratch.path("b.osm.gz")))
        let joined = try scratch.write(Array(a + b), to: "joined.osm.gz")
        let read = try ElementCollector.read(joined)
        #expect(read.nodes.count == 2 && read.ways.count == 2 && read.relations.count == 1)
    }

    @Test(
        "bad XML names the file, the line and the fault",
        arguments: [
            ("<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\">\n<tag k=\"a\" v=\"b\"/>\n</way>\n</osm>", OSMError.Kind.malformed, 4, "</way> closes <node>"),
            ("<osm>\n\n<node id=\"1\" lon=\"2\"/>\n</osm>", .malformed, 3, "node 1 has no lat or lon"),
            ("<osm>\n<node id=\"1\" lat=\"north\" lon=\"2\"/>\n</osm>", .malformed, 2, "\"north\" is not a number"),
            ("<osm>\n<node id=\"x1\" lat=\"1\" lon=\"2\"/>\n</osm>", .malformed, 2, "not an integer"),
            ("<osm>\n<way id=\"1\">\n<nd ref=\"99999999999999999999\"/></way>\n</osm>", .malformed, 3, "too large"),
            ("<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\">\n<tag k=\"a\" v=\"&nbsp;\"/>\n</node>\n</osm>", .malformed, 3, "unknown entity &nbsp;"),
            ("<osm>\n<node id=1 lat=\"1\" lon=\"2\"/>\n</osm>", .malformed, 2, "without quotes"),
            ("<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\"/>\n<way id=\"2\">\n<nd ref=\"1\"/>", .truncated, 4, "no closing </osm>"),
            ("<osm>\n<node id=\"1\" lat=\"1\" lon=\"2\"", .truncated, 2, "inside markup"),
            ("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">\n</gpx>", .notOSM, 2, "root element is <gpx>"),
            ("<osmChange version=\"0.6\">\n</osmChange>", .unsupported, nil, "osmChange"),
            ("<osm>\n</osm>\n</osm>", .malformed, 3, "closes nothing"),
        ] as [(String, OSMError.Kind, Int?, String)])
    func errors(_ text: String, _ kind: OSMError.Kind, _ line: Int?, _ reason: String) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(text, to: "bad.osm")
        let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
        #expect(error.kind == kind, "\(error)")
        #expect(error.location == line.map { .line($0) }, "\(error)")
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.file == path && error.description.hasPrefix(path))
    }

    @Test("the line of an error is right deep into a large file (the buffer is refilled many times)")
    func lineNumbersAcrossRefills() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var text = "<osm>\n"
        for i in 1...40_000 { text += "  <node id=\"\(i)\" lat=\"1.5\" lon=\"2.5\" user=\"someone with a long name\"/>\n" }
        text += "  <node id=\"40001\" lat=\"1.5\"/>\n</osm>\n"  // line 40 002
        let path = try scratch.write(text, to: "long.osm")
        let error = try #require(throws: OSMError.self) { try ElementCollector.read(path) }
        #expect(error.location == .line(40_002), "\(error)")
        try Osmium.tool("gzip", [path])
        let gzError = try #require(throws: OSMError.self) { try ElementCollector.read(path + ".gz") }
        #expect(gzError.location == .line(40_002), "\(gzError)")
    }
}
