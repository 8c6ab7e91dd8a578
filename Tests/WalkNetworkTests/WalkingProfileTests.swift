import Foundation
import Testing
import WalkNetwork

@Suite struct WalkingProfileTests {
    let walk: WalkingProfile
    let stroller: WalkingProfile

    init() throws {
        walk = try WalkingProfile.load(named: "walk", in: TestNetworks.profiles)
        stroller = try WalkingProfile.load(named: "stroller", in: TestNetworks.profiles)
    }

    @Test func shippedProfilesLoadAndList() throws {
        #expect(try WalkingProfile.availableNames(in: TestNetworks.profiles) == ["stroller", "walk"])
        let all = try WalkingProfile.all(in: TestNetworks.profiles)
        #expect(all.map(\.id) == ["stroller", "walk"])
        #expect(walk.label == "walk@1.1.0")
        #expect(walk.stepsAllowed)
        #expect(!stroller.stepsAllowed)
        // YAML 1.1 would read these as booleans; they must stay tag values.
        #expect(walk.footAllow.contains("yes"))
        #expect(walk.footDeny.contains("no"))
    }

    @Test func steps() {
        let steps = ["highway": "steps"]
        #expect(walk.isWalkable(steps))
        #expect(!stroller.isWalkable(steps))
        #expect(stroller.evaluate(steps).reason == .steps)
        // foot=yes does not carry a pram up steps...
        #expect(!stroller.isWalkable(["highway": "steps", "foot": "yes"]))
        // ...a stroller ramp does.
        #expect(stroller.isWalkable(["highway": "steps", "ramp:stroller": "yes"]))
        #expect(!stroller.isWalkable(["highway": "steps", "ramp:stroller": "no"]))
    }

    @Test func footAndAccess() {
        #expect(walk.isWalkable(["highway": "residential"]))
        #expect(!walk.isWalkable(["highway": "residential", "foot": "no"]))
        #expect(walk.evaluate(["highway": "residential", "foot": "no"]).reason == .footDenied("no"))
        #expect(!walk.isWalkable(["highway": "footway", "foot": "private"]))
        #expect(!walk.isWalkable(["highway": "service", "access": "private"]))
        #expect(walk.evaluate(["highway": "service", "access": "private"]).reason == .accessDenied("private"))
        // foot=yes overrides access=private.
        #expect(walk.isWalkable(["highway": "service", "access": "private", "foot": "yes"]))
        #expect(walk.evaluate(["highway": "service", "access": "no", "foot": "yes"]).reason == .footAllowed("yes"))
        #expect(walk.isWalkable(["highway": "service", "access": "destination"]))
        // The first entry of a list value counts.
        #expect(!walk.isWalkable(["highway": "residential", "foot": "no;yes"]))
    }

    @Test func motorwaysCyclewaysAndSidewalks() {
        #expect(!walk.isWalkable(["highway": "motorway"]))
        #expect(walk.evaluate(["highway": "motorway"]).reason == .unlistedHighway("motorway"))
        #expect(!walk.isWalkable(["highway": "motorway_link"]))
        #expect(walk.isWalkable(["highway": "motorway_link", "foot": "yes"]))
        #expect(!walk.isWalkable(["highway": "cycleway"]))
        #expect(walk.isWalkable(["highway": "cycleway", "foot": "designated"]))
        // Trunk roads are China's urban arterials and are walked (profiles 1.1.0); urban expressways
        // (motorroad=yes) and motorways are not.
        #expect(walk.isWalkable(["highway": "trunk"]))
        #expect(walk.isWalkable(["highway": "trunk_link"]))
        #expect(stroller.isWalkable(["highway": "trunk"]))
        #expect(!walk.isWalkable(["highway": "trunk", "motorroad": "yes"]))
        #expect(!stroller.isWalkable(["highway": "trunk", "motorroad": "yes"]))
        #expect(!walk.isWalkable(["highway": "trunk", "foot": "no"]))
    }

    @Test func areasFeaturesAndExclusions() {
        #expect(!walk.isWalkable(["highway": "pedestrian", "area": "yes"]))
        #expect(walk.evaluate(["highway": "pedestrian", "area": "yes"]).reason == .area)
        #expect(walk.isWalkable(["highway": "pedestrian"]))
        #expect(!walk.isWalkable(["highway": "construction", "foot": "yes"]))
        #expect(walk.isWalkable(["railway": "platform"]))
        #expect(!walk.isWalkable(["railway": "rail"]))
        #expect(walk.evaluate(["building": "yes"]).reason == .noHighway)
        #expect(!walk.isWalkable(["highway": "path", "sac_scale": "alpine_hiking"]))
        #expect(walk.isWalkable(["highway": "path", "sac_scale": "mountain_hiking"]))
        #expect(!stroller.isWalkable(["highway": "path", "sac_scale": "mountain_hiking"]))
        #expect(!stroller.isWalkable(["highway": "track", "smoothness": "very_bad"]))
        #expect(walk.isWalkable(["highway": "track", "smoothness": "very_bad"]))
    }

    @Test func missingProfileListsTheAvailableOnes() {
        #expect {
            try WalkingProfile.load(named: "wheelchair", in: TestNetworks.profiles)
        } throws: { error in
            let text = "\(error)"
            return text.contains("wheelchair") && text.contains("stroller, walk")
        }
    }

    private static let valid = """
        format: 1
        id: test
        version: 1.0.0
        highways: [footway]
        steps: true
        """

    @Test func validMinimalProfile() throws {
        let profile = try WalkingProfile(yaml: Self.valid, file: "test.yaml")
        #expect(profile.isWalkable(["highway": "footway"]))
        #expect(profile.isWalkable(["highway": "steps"]))
        #expect(!profile.isWalkable(["highway": "residential"]))
    }

    @Test(arguments: [
        (Self.valid + "\nspeed: 5", "test.yaml:6: field 'speed': unknown key 'speed'; expected one of: access,"),
        (
            Self.valid.replacingOccurrences(of: "format: 1", with: "format: 2"),
            "test.yaml:1: field 'format': this lifecircle reads walking profile format 1"
        ),
        (
            Self.valid.replacingOccurrences(of: "id: test", with: "id: Test Profile"),
            "test.yaml:2: field 'id': 'Test Profile' is not a valid id"
        ),
        (
            Self.valid.replacingOccurrences(of: "version: 1.0.0", with: "version: one"),
            "test.yaml:3: field 'version': 'one' is not a version"
        ),
        (
            Self.valid.replacingOccurrences(of: "[footway]", with: "[footway, steps]"),
            "test.yaml:4: field 'highways': do not list steps here"
        ),
        (
            Self.valid.replacingOccurrences(of: "steps: true", with: "steps: maybe"),
            "test.yaml:5: field 'steps': expected true or false, got 'maybe'"
        ),
        (Self.valid.replacingOccurrences(of: "steps: true", with: ""), "field 'steps': is required"),
        (Self.valid + "\nfoot: {allow: [yes], deny: [yes]}", "field 'foot.deny': 'yes' is both allowed and denied"),
        (Self.valid + "\nfoot: {allow: [yes, yes]}", "test.yaml:6: field 'foot.allow[1]': 'yes' is listed twice"),
        (Self.valid + "\nhighways: [", "test.yaml:7: is not valid YAML"),
    ])
    func badProfilesAreNamedByFileLineAndField(text: String, message: String) {
        #expect {
            try WalkingProfile(yaml: text, file: "test.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func fileMustBeNamedAfterItsID() throws {
        let folder = try TestNetworks.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.valid.write(to: folder.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try WalkingProfile.load(named: "other", in: folder)
        } throws: { error in
            "\(error)".contains("has id 'test'")
        }
    }
}
