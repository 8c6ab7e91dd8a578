public import FacilityKit
import GeoCore
import Projection

/// Likely doubles among one kind's facilities: the same room entered twice, from two lists or by two
/// clerks. A pair is listed when the two are within a walking distance of each other (geodesic on WGS 84)
/// and their names are alike: the Sørensen–Dice coefficient of their character bigrams, after the names
/// are normalised (full-width forms made ASCII, case folded, spaces and punctuation removed). Bigrams of
/// characters suit Chinese names, which have no spaces: 花都广场母婴室 and 花都广场一楼母婴室 score 0.71,
/// 花都广场母婴室 and 新华街道母婴室 0.33. A name of one character is its own bigram.
public struct DuplicateSearch: Sendable {
    /// The farthest apart two records of a pair may be, in metres.
    public var within: Double
    /// The least name similarity of a pair, 0…1.
    public var minimumSimilarity: Double

    public init(within: Double = 30, minimumSimilarity: Double = 0.5) {
        self.within = within
        self.minimumSimilarity = minimumSimilarity
    }

    public struct Pair: Hashable, Sendable {
        public var first: FacilityRecord
        public var second: FacilityRecord
        public var distanceMeters: Double
        /// The names' bigram similarity, 0…1.
        public var similarity: Double
    }

    /// The pairs among the records that are not closed, nearest first (then most alike, then by ids). Each pair
    /// once, the smaller id first.
    public func pairs(in records: [FacilityRecord]) -> [Pair] {
        let open = records.filter { $0.closed == nil }.sorted { ($0.location.lat, $0.id) < ($1.location.lat, $1.id) }
        let grams = open.map { Self.bigrams($0.name) }
        // A degree of latitude is at least 110.5 km anywhere: a window of latitude that wide holds every
        // neighbour, and the geodesic decides.
        let latitudeWindow = within / 110_500
        var found: [Pair] = []
        for i in open.indices {
            var j = i + 1
            while j < open.count, open[j].location.lat - open[i].location.lat <= latitudeWindow {
                defer { j += 1 }
                let distance = Geodesic.distance(open[i].location, open[j].location)
                guard distance <= within else { continue }
                let similarity = Self.dice(grams[i], grams[j])
                guard similarity >= minimumSimilarity else { continue }
                let (a, b) = open[i].id < open[j].id ? (open[i], open[j]) : (open[j], open[i])
                found.append(Pair(first: a, second: b, distanceMeters: distance, similarity: similarity))
            }
        }
        return found.sorted {
            ($0.distanceMeters, -$0.similarity, $0.first.id, $0.second.id)
                < ($1.distanceMeters, -$1.similarity, $1.first.id, $1.second.id)
        }
    }

    /// The Sørensen–Dice coefficient of two names' character bigrams: 2·|shared| / (|a| + |b|), counting
    /// repeated bigrams as often as they occur.
    public static func similarity(_ a: String, _ b: String) -> Double {
        dice(bigrams(a), bigrams(b))
    }

    static func dice(_ a: [String: Int], _ b: [String: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let shared = a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) }
        return 2 * Double(shared) / Double(total)
    }

    static func bigrams(_ name: String) -> [String: Int] {
        // Full-width ASCII forms (U+FF01…U+FF5E, typed with a Chinese input method) are their ASCII letters.
        let folded = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
        }))
        let characters = Array(folded.lowercased().filter { $0.isLetter || $0.isNumber })
        guard characters.count > 1 else { return characters.isEmpty ? [:] : [String(characters): 1] }
        var counts: [String: Int] = [:]
        for i in 0..<(characters.count - 1) { counts[String(characters[i...i + 1]), default: 0] += 1 }
        return counts
    }
}

/// Two records of the same facility made one: the kept record's empty fields (attributes it lacks, an
/// unknown opening day) are filled from the dropped one; what the kept record has, it keeps.
public enum FacilityMerge {
    public static func merged(
        keep: FacilityRecord, drop: FacilityRecord
    ) throws(UpkeepError) -> (record: FacilityRecord, filled: [String]) {
        guard keep.id != drop.id else { throw .mergeWithItself(kind: keep.kind, id: keep.id) }
        var merged = keep
        for (name, value) in drop.attributes where merged.attributes[name] == nil {
            merged.attributes[name] = value
        }
        if merged.opened == nil { merged.opened = drop.opened }
        return (merged, RecordFields.changed(from: keep, to: merged))
    }
}
