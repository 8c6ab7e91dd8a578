import FacilityKit

extension RuleEvaluator {
    /// The share of venues meeting the filter that host a facility of the required kind: one whose
    /// `venue` field names the venue, or one within the distance (as the crow flies).
    func mandate(venues venueFilter: FacilityFilter, host hostFilter: FacilityFilter, withinMeters: Double)
        throws(NotEvaluable) -> Measurement
    {
        let venues = try selectNonEmpty(venueFilter, inArea: true)
        let hosts = try select(hostFilter, inArea: false)
        let venueKind = label(venueFilter.kind)
        let hostKind = label(hostFilter.kind)
        guard !venues.matched.isEmpty else {
            throw NotEvaluable(
                Reasons.noneMatch(
                    venueKind, total: venues.all.count, condition: venueFilter.condition,
                    undecided: venues.undecided.count),
                failing: undecidedFeatures(venues))
        }
        let hostedNames = Set(
            hosts.matched.compactMap { host -> String? in
                guard case .text(let name)? = evidence.attributes(of: host)["venue"] else { return nil }
                return Self.normalized(name)
            })
        var hosted: Set<FacilityID> = []
        var failing: [FailingFeature] = []
        for venue in venues.matched {
            let named = hostedNames.contains(Self.normalized(venue.name))
            let near =
                withinMeters > 0
                && hosts.matched.contains {
                    evidence.straightLineMeters(from: venue.location, to: $0.location) <= withinMeters
                }
            if named || near {
                hosted.insert(venue.id)
            } else {
                failing.append(feature(venue, reason: .lacksRequiredFacility(kind: hostFilter.kind)))
            }
        }
        let total = venues.matched.count
        let share = Double(hosted.count) / Double(total)
        let nearText =
            withinMeters > 0
            ? LocalizedText(
                zh: "（场所内或 \(Wording.metres(withinMeters)) 米内）",
                en: " (inside or within \(Wording.metres(withinMeters)) m)")
            : LocalizedText(zh: "", en: "")
        var detail = LocalizedText(
            zh:
                "\(total) 个须设\(hostKind.zh)的\(venueKind.zh)中 \(hosted.count) 个已设\(nearText.zh)（\(Wording.percent(share).zh)）",
            en: "\(hosted.count) of \(total) \(venueKind.en) that must host a \(hostKind.en) do\(nearText.en) "
                + "(\(Wording.percent(share).en))")
        if hosts.all.isEmpty {
            detail =
                detail
                + LocalizedText(
                    zh: "；登记库中没有\(hostKind.zh)", en: "; the registry holds no \(hostKind.en)")
        }
        if !venues.undecided.isEmpty {
            let fields = Wording.fields(Wording.missingFields(undecidedFeatures(venues)))
            detail =
                detail
                + LocalizedText(
                    zh: "；另有 \(venues.undecided.count) 个\(venueKind.zh)缺少 \(fields.zh)，无法判断是否须设",
                    en:
                        "; \(venues.undecided.count) more \(venueKind.en) lack \(fields.en), so whether they must is not known"
                )
        }
        let figures = figuresPerUnit(venues.matched, units: evidence.units) { facilities in
            facilities.isEmpty
                ? nil : Double(facilities.filter { hosted.contains($0.id) }.count) / Double(facilities.count)
        }
        return Measurement(
            measured: share, detail: detail, units: figures, failing: failing + undecidedFeatures(venues))
    }

    /// Venue names compared without surrounding or inner spaces.
    static func normalized(_ name: String) -> String {
        String(name.filter { !$0.isWhitespace })
    }
}
