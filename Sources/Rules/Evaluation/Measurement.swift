import FacilityKit
import GeoCore

/// What a measure found: the figure compared with the target, what it is made of, and where.
struct Measurement {
    struct UnitFigure {
        var unit: AdminUnit
        var measured: Double?
    }

    var measured: Double
    var detail: LocalizedText
    var units: [UnitFigure] = []
    var failing: [FailingFeature] = []
    var uncovered: [Coordinate] = []
    var meeting: [FacilityRecord] = []
}

/// Why a rule could not be evaluated, and the features that could not be judged, if any.
struct NotEvaluable: Error {
    var reason: LocalizedText
    var failing: [FailingFeature] = []

    init(_ reason: LocalizedText, failing: [FailingFeature] = []) {
        self.reason = reason
        self.failing = failing
    }

    init(_ unavailable: EvidenceUnavailable) {
        reason = unavailable.reason
    }
}
