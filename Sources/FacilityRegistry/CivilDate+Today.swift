public import FacilityKit
import Foundation

extension CivilDate {
    /// Today's date in the local time zone: the as-of date when none is given.
    public static var today: CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
