import GRDB
import GeoCore

/// The SQL functions the R-tree triggers call (GeoPackage 1.3 Annex F.3): `ST_IsEmpty`, `ST_MinX`,
/// `ST_MaxX`, `ST_MinY`, `ST_MaxY`, reading the blob header's envelope (or the WKB when it has none).
/// Each returns NULL for NULL and fails for a blob that is not a GeoPackage geometry.
enum SpatialFunctions {
    static func register(in db: Database) {
        db.add(
            function: DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { values in
                try extent(values[0], function: "ST_IsEmpty").map { $0.isEmpty }
            })
        let bounds: [(String, @Sendable (BoundingBox) -> Double)] = [
            ("ST_MinX", { $0.minX }), ("ST_MaxX", { $0.maxX }), ("ST_MinY", { $0.minY }), ("ST_MaxY", { $0.maxY }),
        ]
        for (name, side) in bounds {
            db.add(
                function: DatabaseFunction(name, argumentCount: 1, pure: true) { values in
                    try extent(values[0], function: name)?.box.map(side)
                })
        }
    }

    private static func extent(_ value: DatabaseValue, function: String) throws -> (isEmpty: Bool, box: BoundingBox?)? {
        switch value.storage {
        case .null:
            return nil
        case .blob(let data):
            do {
                return try GeometryBlob.extent(of: [UInt8](data))
            } catch {
                throw DatabaseError(message: "\(function): \(error.reason)")
            }
        default:
            throw DatabaseError(message: "\(function): the argument is not a geometry blob")
        }
    }
}
