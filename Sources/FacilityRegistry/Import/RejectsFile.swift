public import Foundation
import Interchange

/// The rows `--skip-invalid` left out, as a CSV a person fixes and imports again: the row's number,
/// its original cells, the field at fault and the reason.
public enum RejectsFile {
    public static func write(_ rejects: [FacilityImporter.Reject], of table: InputTable, to url: URL) throws {
        let header = [table.rowLabel] + table.header + ["field", "reason"]
        let rows = rejects.map { reject in
            [String(reject.row.number)] + table.header.map { reject.row.cells[$0] ?? "" }
                + [reject.problems.map(\.field).joined(separator: "; "),
                   reject.problems.map(\.reason).joined(separator: "; ")]
        }
        try CSVWriter().write(header: header, rows: rows, to: url)
    }
}
