public import FacilityKit

/// A venue a mandate applies to (a mall over 10,000 m² must host a 母婴室), and whether it does.
public struct MandatedVenue: Hashable, Sendable {
    public enum Match: Hashable, Sendable {
        /// The facility's `venue` field names the venue.
        case namedInside
        /// The facility lies within the rule's distance of the venue.
        case nearby
    }

    public var venue: FacilityRecord
    /// The facility that meets the mandate; nil when none does.
    public var host: FacilityRecord?
    public var how: Match?
    /// From the venue to the host, as the crow flies.
    public var distanceMeters: Double?
}

/// The venues of one mandate rule.
public struct MandateList: Hashable, Sendable {
    public var rule: Rule
    public var venues: [MandatedVenue]
    /// Venues whose data does not say whether the mandate applies, with the missing fields.
    public var undecided: [FailingFeature]
    /// Why the venues could not be listed (no plugin, no venues), when they could not.
    public var problem: LocalizedText?
}
