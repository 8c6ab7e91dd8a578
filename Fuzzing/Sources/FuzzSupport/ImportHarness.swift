public import FacilityKit
import FacilityRegistry
public import Foundation
public import Interchange
public import Projection

/// What `import KIND FILE` does before it writes: read the file into a table (`InputTable.read`, which
/// also inflates gzip) and turn its rows into records of a kind, parsing every value and coordinate.
public enum ImportHarness {
    public static func read(_ url: URL, encoding: TextEncoding, crs: CRS?, plugin: any FacilityPlugin) {
        expectingErrors {
            let table = try InputTable.read(contentsOf: url, encoding: encoding)
            let batch = try FacilityImporter(plugin: plugin).read(table, crs: crs)
            for reject in batch.rejects {
                for problem in reject.problems { _ = String(describing: problem) }
            }
        }
    }
}
