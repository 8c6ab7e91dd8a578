import GeoCore
import OSMIngest
import Testing

@Suite("Extracting features")
struct OSMFeatureExtractorTests {
    @Test("Helsinki: 18 toilets (17 nodes, 1 way) and 5 playgrounds (ways), as the data's README counts them")
    func helsinki() throws {
        let extractor = try OSMFeatureExtractor(filters: [
            OSMTagFilter(["amenity": "toilets"]), OSMTagFilter(["leisure": "playground"]),
        ])
        let result = try extractor.extract(from: OSMFile(path: SampleFiles.helsinki))
        let toilets = result.features.filter { $0.matchedFilters == [0] }
        let playgrounds = result.features.filter { $0.matchedFilters == [1] }
        #expect(toilets.count == 18 && playgrounds.count == 5 && result.features.count == 23)
        #expect(toilets.filter { $0.element.kind == .node }.count == 17)
        #expect(playgrounds.allSatisfy { $0.element.kind == .way })
        #expect(result.waysWithoutCoordinates.isEmpty && result.outsideClip == 0)

        // Ways sit at the mean of their distinct nodes, computed here from osmium's reading.
        let reference = try Osmium.elements(of: SampleFiles.helsinki)
        let nodes = reference.nodesByID
        for feature in result.features {
            switch feature.element.kind {
            case .node:
                let node = try #require(nodes[feature.element.id])
                #expect(feature.coordinate == node.coordinate && feature.tags.dictionary == node.tags)
            case .way:
                let way = try #require(reference.ways.first { $0.id == feature.element.id })
                var refs = way.refs
                if refs.count > 2 && refs.first == refs.last { refs.removeLast() }
                var seen = Set<Int64>()
                let points = refs.filter { seen.insert($0).inserted }.compactMap { nodes[$0]?.coordinate }  // the extract lacks some
                let mean = Coordinate(
                    lon: points.map(\.lon).reduce(0, +) / Double(points.count),
                    lat: points.map(\.lat).reduce(0, +) / Double(points.count))
                #expect(abs(feature.coordinate.lon - mean.lon) < 1e-12 && abs(feature.coordinate.lat - mean.lat) < 1e-12)
                #expect(feature.tags.dictionary == way.tags)
            case .relation:
                Issue.record("no relation should be extracted")
            }
        }
        // Nodes first, in file order, then ways.
        #expect(result.features.map(\.element) == result.features.map(\.element).sorted())
    }

    @Test("Monaco's XML: 7 toilet nodes and 1 toilet way")
    func monaco() throws {
        let result = try OSMFeatureExtractor(matching: ["amenity": "toilets"]).extract(from: OSMFile(path: SampleFiles.monaco))
        #expect(result.features.filter { $0.element.kind == .node }.count == 7)
        #expect(result.features.filter { $0.element.kind == .way }.count == 1)
        #expect(result.features.allSatisfy { BoundingBox(covering: [$0.coordinate]).map { _ in true } ?? false })
        let nodesOnly = try OSMFeatureExtractor(filters: [OSMTagFilter(["amenity": "toilets"])], kinds: [.node])
        #expect(try nodesOnly.extract(from: OSMFile(path: SampleFiles.monaco)).features.count == 7)
    }

    @Test("`*` matches any value; all conditions of a filter must hold; any filter may match")
    func wildcardsAndConditions() throws {
        let file = try OSMFile(path: SampleFiles.helsinki)
        let reference = try Osmium.elements(of: file.path)
        let withAmenity = reference.nodes.filter { $0.tags["amenity"] != nil }.count
            + reference.ways.filter { $0.tags["amenity"] != nil }.count
        let any = try OSMFeatureExtractor(matching: ["amenity": "*"]).extract(from: file)
        #expect(any.features.count == withAmenity && withAmenity > 18)

        let both = try OSMFeatureExtractor(matching: ["amenity": "toilets", "wheelchair": "yes"]).extract(from: file)
        let expected = reference.nodes.filter { $0.tags["amenity"] == "toilets" && $0.tags["wheelchair"] == "yes" }.count
            + reference.ways.filter { $0.tags["amenity"] == "toilets" && $0.tags["wheelchair"] == "yes" }.count
        #expect(both.features.count == expected && expected < 18)

        let overlapping = try OSMFeatureExtractor(filters: [
            OSMTagFilter(["amenity": "toilets"]), OSMTagFilter(["amenity": "*"]),
        ]).extract(from: file)
        #expect(overlapping.features.filter { $0.matchedFilters == [0, 1] }.count == 18)
        #expect(overlapping.features.count == withAmenity)
    }

    @Test("a clip leaves features out and counts them")
    func clip() throws {
        let file = try OSMFile(path: SampleFiles.helsinki)
        let all = try OSMFeatureExtractor(matching: ["amenity": "toilets"]).extract(from: file)
        let north = try OSMFeatureExtractor(filters: [OSMTagFilter(["amenity": "toilets"])], clip: { $0.lat > 60.17 })
            .extract(from: file)
        #expect(north.features.count + north.outsideClip == all.features.count)
        #expect(north.features.count == all.features.filter { $0.coordinate.lat > 60.17 }.count)
        #expect(north.outsideClip > 0 && !north.features.isEmpty)
    }

    @Test("filters that would match everything, or nothing sensible, are refused")
    func invalidFilters() {
        #expect(throws: OSMError.self) { try OSMTagFilter([:]) }
        #expect(throws: OSMError.self) { try OSMTagFilter(["": "toilets"]) }
        #expect(throws: OSMError.self) { try OSMFeatureExtractor(filters: []) }
        #expect(throws: OSMError.self) {
            try OSMFeatureExtractor(filters: [OSMTagFilter(["type": "multipolygon"])], kinds: [.relation])
        }
        let error = try? OSMTagFilter([:])
        #expect(error == nil)
    }
}
