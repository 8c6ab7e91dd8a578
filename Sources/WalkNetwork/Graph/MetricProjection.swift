public import GeoCore
public import Projection
import Synchronization

/// The transformations between longitude/latitude (EPSG:4326) and a graph's local metric CRS, made once
/// per graph and shared by everything that measures on it (snapping, isochrones, gap grids).
///
/// PROJ takes 30–50 ms to set up a transformation to a CGCS2000 zone, far more than most batches take to
/// transform, so the transformers are made on first use and kept. A PROJ transformer is not thread-safe:
/// calls are serialised by a lock (each call is one batch, so tasks wait little).
public final class MetricProjection: Sendable {
    /// The graph's metric CRS.
    public let crs: CRS
    private let transformers: Mutex<Transformers>

    private struct Transformers {
        var toMetric: CoordinateTransformer?
        var toGeographic: CoordinateTransformer?
    }

    /// `toMetric`, when given, is a transformer from EPSG:4326 to `crs` already made (the builder's).
    init(crs: CRS, toMetric: sending CoordinateTransformer? = nil) {
        self.crs = crs
        transformers = Mutex(Transformers(toMetric: toMetric, toGeographic: nil))
    }

    /// Longitude/latitude to metres in ``crs``, in one batch.
    public func toMetric(_ coordinates: [Coordinate]) throws(ProjectionError) -> [Coordinate] {
        try transformers.withLock { (t) throws(ProjectionError) -> [Coordinate] in
            try Self.made(&t.toMetric, from: .wgs84, to: crs).transform(coordinates)
        }
    }

    /// Metres in ``crs`` to longitude/latitude, in one batch.
    public func toGeographic(_ coordinates: [Coordinate]) throws(ProjectionError) -> [Coordinate] {
        try transformers.withLock { (t) throws(ProjectionError) -> [Coordinate] in
            try Self.made(&t.toGeographic, from: crs, to: .wgs84).transform(coordinates)
        }
    }

    /// A geometry from longitude/latitude to ``crs``, keeping its structure.
    public func toMetric(_ geometry: Geometry) throws(ProjectionError) -> Geometry {
        try transformers.withLock { (t) throws(ProjectionError) -> Geometry in
            try Self.made(&t.toMetric, from: .wgs84, to: crs).transform(geometry)
        }
    }

    /// A geometry from ``crs`` to longitude/latitude, keeping its structure.
    public func toGeographic(_ geometry: Geometry) throws(ProjectionError) -> Geometry {
        try transformers.withLock { (t) throws(ProjectionError) -> Geometry in
            try Self.made(&t.toGeographic, from: crs, to: .wgs84).transform(geometry)
        }
    }

    /// The transformer in `slot`, made first if it is not yet.
    private static func made(_ slot: inout CoordinateTransformer?, from source: CRS, to target: CRS)
        throws(ProjectionError) -> CoordinateTransformer
    {
        if let made = slot { return made }
        let made = try CoordinateTransformer(from: source, to: target)
        slot = made
        return made
    }
}
