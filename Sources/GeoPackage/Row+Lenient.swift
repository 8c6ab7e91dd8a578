import Foundation
import GRDB

/// Reading values of files written by other tools without trapping on an unexpected storage class
/// (GRDB's typed subscripts stop the program when a conversion fails).
extension Row {
    func int64(_ column: String) -> Int64? {
        switch (self[column] as DatabaseValue).storage {
        case .int64(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: Int64(d)
        case .string(let s): Int64(s)
        default: nil
        }
    }

    func int32(_ column: String) -> Int32? {
        int64(column).flatMap { Int32(exactly: $0) }
    }

    func double(_ column: String) -> Double? {
        switch (self[column] as DatabaseValue).storage {
        case .int64(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    func string(_ column: String) -> String? {
        switch (self[column] as DatabaseValue).storage {
        case .string(let s): s
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .blob(let b): String(data: b, encoding: .utf8)
        case .null: nil
        }
    }
}
