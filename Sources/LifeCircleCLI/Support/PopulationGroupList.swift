import Foundation
import Planner

/// `group=value` pairs from the command line (`--groups women=女性,age_0_3=婴幼儿`), checked against the
/// population groups the plans use.
enum PopulationGroupList {
    static func parse(_ text: String?, option: String, allowTotal: Bool = false) throws -> [PopulationGroup: String] {
        var pairs: [PopulationGroup: String] = [:]
        for pair in (text ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty, let group = PopulationGroup(rawValue: parts[0]),
                allowTotal || group != .total
            else {
                let groups = PopulationGroup.allCases.filter { allowTotal || $0 != .total }.map(\.rawValue)
                throw CommandFailure(
                    "\(option) '\(pair)': expected group=value with a group among \(groups.joined(separator: ", "))",
                    exitCode: ExitStatus.usage)
            }
            pairs[group] = parts[1]
        }
        return pairs
    }
}
