/// Names close to a misspelt one, for "did you mean …?" hints: those at the smallest edit distance,
/// when it is within a third of the name's length (at least 2), or one name starting with the other; at most three.
enum NearNames {
    static func closest<Names: Sequence<String>>(to name: String, among candidates: Names) -> [String] {
        let limit = max(2, name.count / 3)
        let near =
            candidates
            .map { ($0, distance(name, $0)) }
            .filter { candidate, distance in
                distance <= limit || (candidate.hasPrefix(name) && !name.isEmpty)
                    || (name.hasPrefix(candidate) && candidate.count >= 3)
            }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = near.first?.1 else { return [] }
        return near.filter { $0.1 == best }.prefix(3).map(\.0)
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
