public import FacilityKit

extension RuleEvaluator {
    /// The share of venues meeting the filter that host a facility matching one of the host filters: one
    /// whose `venue` field names the venue, or one within the distance (as the crow flies).
    func mandate(venues venueFilter: FacilityFilter, hosts hostFilters: [FacilityFilter], withinMeters: Double)
        throws(NotEvaluable) -> Measurement
    {
        let venues = try selectNonEmpty(venueFilter, inArea: true)
        let hosts = try selectHosts(hostFilters)
        let venueKind = label(venueFilter.kind)
        let hostKind = hosts.kinds.map(label).joined(zh: "或", en: " or ")
        guard !venues.matched.isEmpty else {
            throw NotEvaluable(
                Reasons.noneMatch(
                    venueKind, total: venues.all.count, condition: venueFilter.condition,
                    undecided: venues.undecided.count),
                failing: undecidedFeatures(venues))
        }
        let inference = inferMandates(venues: venues.matched, hosts: hosts.matched, withinMeters: withinMeters)
        let hosted = Set(inference.filter { $0.host != nil }.map(\.venue.id))
        let failing = inference.filter { $0.host == nil }.map {
            feature($0.venue, reason: .lacksRequiredFacility(kind: hosts.kinds[0]))
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
            measured: share, detail: detail, units: figures, failing: failing + undecidedFeatures(venues),
            meeting: venues.matched.filter { hosted.contains($0.id) })
    }

    /// Each venue the mandate applies to, and the facility that meets it: the first whose `venue` field names
    /// the venue, else the nearest within the distance; nil when none does.
    func inferMandates(venues: [FacilityRecord], hosts: [FacilityRecord], withinMeters: Double) -> [MandatedVenue] {
        var byName: [String: FacilityRecord] = [:]
        for host in hosts {
            guard case .text(let name)? = evidence.attributes(of: host)["venue"] else { continue }
            byName[Self.normalized(name)] = byName[Self.normalized(name)] ?? host
        }
        return venues.map { venue in
            if let named = byName[Self.normalized(venue.name)] {
                return MandatedVenue(
                    venue: venue, host: named, how: .namedInside,
                    distanceMeters: evidence.straightLineMeters(from: venue.location, to: named.location))
            }
            guard withinMeters > 0 else { return MandatedVenue(venue: venue, host: nil, how: nil, distanceMeters: nil) }
            let nearest = hosts.map { ($0, evidence.straightLineMeters(from: venue.location, to: $0.location)) }
                .filter { $0.1 <= withinMeters }.min { $0.1 < $1.1 }
            return MandatedVenue(
                venue: venue, host: nearest?.0, how: nearest == nil ? nil : .nearby, distanceMeters: nearest?.1)
        }
    }

    /// The venues a mandate rule applies to, with the facility that meets it where one does, and the venues
    /// whose data is too incomplete to tell (`lifecircle mandates`). Nil for a rule that is not a mandate.
    public func mandates(of rule: Rule) -> MandateList? {
        guard case .mandate(let venueFilter, let hostFilters, let withinMeters) = rule.measure else { return nil }
        do throws(NotEvaluable) {
            let venues = try select(venueFilter, inArea: true)
            let hosts = try selectHosts(hostFilters)
            return MandateList(
                rule: rule, venues: inferMandates(venues: venues.matched, hosts: hosts.matched, withinMeters: withinMeters),
                undecided: undecidedFeatures(venues), problem: nil)
        } catch {
            return MandateList(rule: rule, venues: [], undecided: [], problem: error.reason)
        }
    }

    /// The facilities that can host a mandate, anywhere (a venue at a unit's edge is served from outside it):
    /// those matching any filter whose kind a plugin registers, each once. A kind no plugin registers (a
    /// 第三卫生间 kind the user did not add) is left out; when none is registered the rule is not evaluable.
    func selectHosts(_ filters: [FacilityFilter]) throws(NotEvaluable) -> (kinds: [PluginID], all: [FacilityRecord], matched: [FacilityRecord]) {
        var kinds: [PluginID] = []
        var all: [FacilityRecord] = []
        var matched: [FacilityRecord] = []
        var seen: Set<String> = []
        var firstMissing: NotEvaluable?
        for filter in filters {
            let selection: Selection
            do {
                selection = try select(filter, inArea: false)
            } catch {
                firstMissing = firstMissing ?? error
                continue
            }
            if !kinds.contains(filter.kind) { kinds.append(filter.kind) }
            all += selection.all
            for facility in selection.matched where seen.insert("\(facility.kind)/\(facility.id)").inserted {
                matched.append(facility)
            }
        }
        if kinds.isEmpty, let firstMissing { throw firstMissing }
        return (kinds, all, matched)
    }

    /// Venue names compared without surrounding or inner spaces.
    static func normalized(_ name: String) -> String {
        String(name.filter { !$0.isWhitespace })
    }
}
