import ChildcarePlugin
import ChildrenHomePlugin
public import FacilityKit
import LifeCircleServicePlugin
import MaternityRoomPlugin
import ParkPlugin
import PlaygroundPlugin
import PublicToiletPlugin
import PublicVenuePlugin

/// The Swift plugins compiled into lifecircle: the one place they are listed. A new Swift plugin
/// is a target under `Plugins/`, a dependency of LifeCircleCLI in Package.swift, and a line here.
public enum BundledPlugins {
    public static let all: [any FacilityPlugin] = [
        ChildcarePlugin(),
        ChildrenHomePlugin(),
        LifeCircleServicePlugin(),
        MaternityRoomPlugin(),
        ParkPlugin(),
        PlaygroundPlugin(),
        PublicToiletPlugin(),
        PublicVenuePlugin(),
    ]
}
