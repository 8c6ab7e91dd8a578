import GeoCore

/// A sample of every geometry type, with holes, several parts and a nested collection.
let sampleGeometries: [Geometry] = [
    .point(Coordinate(x: 113.26, y: 23.13)),
    .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: -3.5, y: 4.25)]),
    .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 0.5)]),
    .multiLineString([
        [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)], [Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 7)],
    ]),
    .polygon([
        [
            Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 10),
            Coordinate(x: 0, y: 0),
        ],
        [Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 3), Coordinate(x: 3, y: 3), Coordinate(x: 2, y: 2)],
    ]),
    .multiPolygon([
        [[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0)]],
        [[Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 5), Coordinate(x: 6, y: 6), Coordinate(x: 5, y: 5)]],
    ]),
    .geometryCollection([
        .point(Coordinate(x: -1, y: -2)),
        .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 4)]),
        .geometryCollection([.point(Coordinate(x: 9, y: 9))]),
    ]),
]
