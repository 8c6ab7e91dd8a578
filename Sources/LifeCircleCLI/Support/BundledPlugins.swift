import FacilityKit
import MaternityRoomPlugin

/// The Swift plugins compiled into lifecircle: the one place they are listed. A new Swift plugin
/// is a target under `Plugins/`, a dependency of LifeCircleCLI in Package.swift, and a line here.
enum BundledPlugins {
    static let all: [any FacilityPlugin] = [
        MaternityRoomPlugin()
    ]
}
