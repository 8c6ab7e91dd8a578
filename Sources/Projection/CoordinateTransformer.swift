internal import CProj
public import GeoCore

/// Transforms coordinates from one CRS to another. Callers always pass and receive x = longitude or
/// easting, y = latitude or northing, whatever axis order the CRS declares.
///
/// The PROJ part is `proj_create_crs_to_crs` normalised for visualisation, applied in one batch per
/// call. gcj02 and bd09 are reached through WGS 84 (EPSG:4326) with ``ChineseMapOffsets``.
///
/// Owns a PROJ context, so it is not thread-safe: make one per task.
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    private let steps: [Step]

    private enum Step {
        /// A consumer-map offset on longitude/latitude; `input` is the CRS it reads, for error messages.
        case offset((Coordinate) -> Coordinate, input: CRS)
        case proj(ProjObject)
    }

    public init(from source: CRS, to target: CRS) throws(ProjectionError) {
        self.source = source
        self.target = target
        switch (source.consumerMapSystem, target.consumerMapSystem) {
        case _ where source == target:
            steps = []
        case (.gcj02, .bd09):
            steps = [.offset(ChineseMapOffsets.gcj02ToBD09, input: source)]
        case (.bd09, .gcj02):
            steps = [.offset(ChineseMapOffsets.bd09ToGCJ02, input: source)]
        case (let from, let to):
            var steps: [Step] = []
            switch from {
            case .gcj02: steps.append(.offset(ChineseMapOffsets.gcj02ToWGS84, input: source))
            case .bd09: steps.append(.offset(ChineseMapOffsets.bd09ToWGS84, input: source))
            case nil: break
            }
            let projSource = from == nil ? source : .wgs84
            let projTarget = to == nil ? target : .wgs84
            if projSource != projTarget {
                steps.append(.proj(try Self.makeOperation(from: projSource, to: projTarget)))
            }
            switch to {
            case .gcj02: steps.append(.offset(ChineseMapOffsets.wgs84ToGCJ02, input: .wgs84))
            case .bd09: steps.append(.offset(ChineseMapOffsets.wgs84ToBD09, input: .wgs84))
            case nil: break
            }
            self.steps = steps
        }
    }

    /// PROJ's operation between two CRSs it knows, in longitude/latitude, easting/northing order.
    private static func makeOperation(from source: CRS, to target: CRS) throws(ProjectionError) -> ProjObject {
        let context = try ProjContext()
        let sourceObject = try source.makeObject(in: context)
        let targetObject = try target.makeObject(in: context)
        context.clearLog()
        guard
            let operation = ProjObject(
                proj_create_crs_to_crs_from_pj(context.pointer, sourceObject.pointer, targetObject.pointer, nil, nil),
                in: context)
        else {
            throw context.error(.noTransformation, "PROJ has no transformation from \(source) to \(target)")
        }
        guard
            let normalized = ProjObject(
                proj_normalize_for_visualization(context.pointer, operation.pointer), in: context)
        else {
            throw context.error(
                .noTransformation, "PROJ cannot put the transformation from \(source) to \(target) in x/y order")
        }
        return normalized
    }

    /// Transforms a batch. Fails on the first coordinate that cannot be transformed, naming its index
    /// (0-based) and value; a non-finite result is such a failure.
    public func transform(_ coordinates: [Coordinate]) throws(ProjectionError) -> [Coordinate] {
        var current = coordinates
        for step in steps {
            switch step {
            case .offset(let offset, let input):
                for (index, c) in current.enumerated() {
                    guard c.isValidGeographic else {
                        let what = c == coordinates[index] ? "it" : "its intermediate value (\(c)) in \(input)"
                        throw ProjectionError(
                            .invalidCoordinate,
                            "cannot transform coordinate #\(index) (\(coordinates[index])) from \(source) to "
                                + "\(target): \(what) is not a valid longitude/latitude")
                    }
                    current[index] = offset(c)
                }
            case .proj(let operation):
                current = try apply(operation, to: current, original: coordinates)
            }
        }
        if let index = current.firstIndex(where: { !$0.isFinite }) {
            throw ProjectionError(
                .transformationFailed,
                "cannot transform coordinate #\(index) (\(coordinates[index])) from \(source) to \(target): "
                    + "the result is not finite")
        }
        return current
    }

    public func transform(_ coordinate: Coordinate) throws(ProjectionError) -> Coordinate {
        try transform([coordinate]).first ?? coordinate
    }

    /// Transforms every coordinate of a geometry in one batch, keeping its structure. Error indexes
    /// count coordinates in the order of `Geometry.coordinates`.
    public func transform(_ geometry: Geometry) throws(ProjectionError) -> Geometry {
        let transformed = try transform(geometry.coordinates)
        var next = transformed.makeIterator()
        return geometry.mapCoordinates { c in next.next() ?? c }
    }

    private func apply(_ operation: ProjObject, to coordinates: [Coordinate], original: [Coordinate])
        throws(ProjectionError) -> [Coordinate]
    {
        var xs = coordinates.map(\.x)
        var ys = coordinates.map(\.y)
        let count = coordinates.count
        let stride = MemoryLayout<Double>.stride
        operation.context.clearLog()
        proj_errno_reset(operation.pointer)
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                _ = proj_trans_generic(
                    operation.pointer, PJ_FWD, x.baseAddress, stride, count, y.baseAddress, stride, count,
                    nil, 0, 0, nil, 0, 0)
            }
        }
        guard let index = (0..<count).first(where: { !xs[$0].isFinite || !ys[$0].isFinite }) else {
            return (0..<count).map { Coordinate(x: xs[$0], y: ys[$0]) }
        }
        // Transform the failed coordinate alone to get PROJ's reason for it.
        operation.context.clearLog()
        proj_errno_reset(operation.pointer)
        _ = proj_trans(operation.pointer, PJ_FWD, proj_coord(coordinates[index].x, coordinates[index].y, 0, 0))
        let code = proj_errno(operation.pointer)
        let reason = code == 0 && operation.context.lastLogMessage == nil ? ": the result is not finite" : ""
        throw operation.context.error(
            .transformationFailed,
            "cannot transform coordinate #\(index) (\(original[index])) from \(source) to \(target)\(reason)",
            code: code)
    }
}

@available(*, unavailable)
extension CoordinateTransformer: Sendable {}
