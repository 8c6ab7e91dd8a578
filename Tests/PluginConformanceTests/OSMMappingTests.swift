import ChildcarePlugin
import FacilityKit
import LifeCircleServicePlugin
import MaternityRoomPlugin
import PlaygroundPlugin
import PublicToiletPlugin
import PublicVenuePlugin
import Testing

/// What the plugins read from sample OSM tag sets, as mappers tag them.
@Suite("OSM mappings")
struct OSMMappingTests {
    /// Which category a life-circle service gets from its tags, or nil when the tags match but do
    /// not say (a school without `isced:level`).
    @Test(arguments: [
        (["amenity": "kindergarten", "name": "花都区第一幼儿园"], "kindergarten"),
        (["amenity": "childcare"], "nursery"),
        (["amenity": "school", "isced:level": "1"], "primary_school"),
        (["amenity": "school", "isced:level": "2", "name": "秀全中学"], "middle_school"),
        (["amenity": "school"], nil),
        (["amenity": "school", "isced:level": "1;2"], nil),
        (["leisure": "playground"], "children_play"),
        (["leisure": "fitness_station"], "outdoor_fitness"),
        (["amenity": "toilets", "fee": "no"], "public_toilet"),
        (["amenity": "marketplace"], "fresh_market"),
        (["shop": "supermarket"], "fresh_market"),
        (["shop": "convenience"], "community_shop"),
        (["amenity": "clinic"], "clinic"),
        (["amenity": "social_facility", "social_facility": "nursing_home"], "elderly_home"),
    ] as [([String: String], String?)])
    func lifeCircleCategoryFromTags(tags: [String: String], category: String?) throws {
        let plugin = LifeCircleServicePlugin()
        let mapping = try #require(plugin.osmMapping)
        #expect(mapping.matches(tags))
        let reading = mapping.attributes(from: tags, schema: plugin.schema)
        #expect(reading.problems.isEmpty)
        #expect(reading.attributes["category"] == category.map(AttributeValue.text))
        let tier = plugin.derivedAttributes(from: reading.attributes)["tier"]
        #expect((tier == nil) == (category == nil))
    }

    @Test func tagsOfOtherKindsAreNotLifeCircleServices() throws {
        let mapping = try #require(LifeCircleServicePlugin().osmMapping)
        for tags in [["amenity": "cafe"], ["leisure": "pitch", "sport": "basketball"], ["isced:level": "1"], [:]] {
            #expect(!mapping.matches(tags), "\(tags)")
            #expect(mapping.attributes(from: tags, schema: LifeCircleServicePlugin().schema).attributes.isEmpty)
        }
    }

    @Test(arguments: [
        (["shop": "mall", "name": "融创茂"], "commercial"),
        (["amenity": "hospital"], "medical"),
        (["railway": "station", "public_transport": "station"], "transport_hub"),
        (["public_transport": "station"], "transport_hub"),
        (["amenity": "bus_station"], "transport_hub"),
        (["tourism": "museum"], "culture_sports"),
        (["leisure": "stadium"], "culture_sports"),
        (["amenity": "theatre"], "culture_sports"),
        (["tourism": "attraction"], "tourism"),
        (["tourism": "theme_park"], "tourism"),
        (["tourism": "zoo"], "tourism"),
        (["amenity": "townhall"], "public_service"),
        (["highway": "services"], "service_area"),
    ])
    func publicVenueTypeFromTags(tags: [String: String], venueType: String) throws {
        let plugin = PublicVenuePlugin()
        let reading = try #require(plugin.osmMapping).attributes(from: tags, schema: plugin.schema)
        #expect(reading.attributes == ["venue_type": .text(venueType)])
        #expect(reading.problems.isEmpty)
    }

    /// OSM's `female`, `male`, `unisex` and `wheelchair` are yes/no, not stall counts: only the
    /// changing table is read.
    @Test func toiletTagsFillOnlyFieldsOfTheSameMeaning() throws {
        let plugin = PublicToiletPlugin()
        let mapping = try #require(plugin.osmMapping)
        let tags = [
            "amenity": "toilets", "female": "yes", "male": "yes", "unisex": "no", "wheelchair": "yes",
            "changing_table": "yes", "fee": "no",
        ]
        let reading = mapping.attributes(from: tags, schema: plugin.schema)
        #expect(reading.attributes == ["changing_table": .boolean(true)])
        #expect(reading.problems.isEmpty)
    }

    @Test func aTagValueThatDoesNotFitIsAProblemNamingTheTag() throws {
        let plugin = PublicToiletPlugin()
        let reading = try #require(plugin.osmMapping).attributes(
            from: ["amenity": "toilets", "changing_table": "limited"], schema: plugin.schema)
        #expect(reading.attributes.isEmpty)
        #expect(reading.problems.count == 1)
        #expect(reading.problems.first?.field == "changing_table")
        #expect(reading.problems.first?.reason.contains("OSM tag changing_table=limited") == true)
    }

    @Test func playgroundAgesAndEquipment() throws {
        let plugin = PlaygroundPlugin()
        let reading = try #require(plugin.osmMapping).attributes(
            from: ["leisure": "playground", "min_age": "3", "max_age": "12", "playground": "swing;slide"],
            schema: plugin.schema)
        #expect(reading.attributes == [
            "min_age": .integer(3), "max_age": .integer(12), "devices": .text("swing;slide"),
        ])
        // Ages out of the field's bounds are refused, not stored.
        let old = try #require(plugin.osmMapping).attributes(
            from: ["leisure": "playground", "max_age": "99"], schema: plugin.schema)
        #expect(old.attributes.isEmpty && old.problems.map(\.field) == ["max_age"])
    }

    @Test func childcarePlacesFromCapacityAndKindergartensOnlyWithNursery() throws {
        let plugin = ChildcarePlugin()
        let mapping = try #require(plugin.osmMapping)
        let reading = mapping.attributes(
            from: ["amenity": "kindergarten", "nursery": "yes", "capacity": "40"], schema: plugin.schema)
        #expect(reading.attributes == ["places": .integer(40)])
        #expect(!mapping.matches(["amenity": "kindergarten"]))
        #expect(mapping.matches(["amenity": "childcare"]))
    }

    @Test func maternityRoomFromBabyFeeding() throws {
        let plugin = MaternityRoomPlugin()
        let reading = try #require(plugin.osmMapping).attributes(
            from: ["shop": "mall", "baby_feeding": "room", "changing_table": "no", "opening_hours": "Mo-Su 10:00-22:00"],
            schema: plugin.schema)
        #expect(reading.attributes == [
            "changing_table": .boolean(false), "opening_hours": .text("Mo-Su 10:00-22:00"),
        ])
    }

    /// The first matching condition decides what is implied; a later, wider one adds nothing.
    @Test func theFirstMatchingConditionImplies() {
        let schema = LifeCircleServicePlugin().schema
        let mapping = OSMTagMapping(conditions: [
            OSMTagMapping.TagCondition(["amenity": "school", "isced:level": "2"], implies: ["category": "middle_school"]),
            OSMTagMapping.TagCondition(["amenity": "school"], implies: ["category": "primary_school"]),
        ])
        let tags = ["amenity": "school", "isced:level": "2"]
        #expect(mapping.firstMatch(tags)?.tags == ["amenity": "school", "isced:level": "2"])
        #expect(mapping.attributes(from: tags, schema: schema).attributes == ["category": .text("middle_school")])
    }

    /// The manifest form (tag sets only) reads as before.
    @Test func tagSetsWithoutImpliedValuesStillMatch() {
        let mapping = OSMTagMapping(match: [["amenity": "toilets"], ["toilets": "*", "building": "yes"]])
        #expect(mapping.match == [["amenity": "toilets"], ["toilets": "*", "building": "yes"]])
        #expect(mapping.matches(["toilets": "yes", "building": "yes"]))
        #expect(!mapping.matches(["toilets": "yes"]))
        #expect(mapping.conditions.allSatisfy { $0.impliedAttributes.isEmpty })
    }
}
