import FacilityKit

extension LifeCircleServicePlugin {
    /// Each category from its usual OSM tags, the more specific conditions first.
    ///
    /// - `amenity=school` is a primary or a middle school only by `isced:level` (1 or 2); a school
    ///   without it (or with `1;2`) is matched with no category, which the user fills in.
    /// - Sports grounds are left out: their tier depends on their size, which OSM does not tag.
    /// - 社区服务站, 文化活动站/中心, 老年人活动场地, 社区卫生服务中心 and 街道办事处 have no OSM tag
    ///   that tells them from their neighbours (`amenity=community_centre`, `amenity=townhall`,
    ///   `amenity=clinic` of any size), so they come from lists.
    static let tagMapping = OSMTagMapping(conditions: [
        condition(["amenity": "kindergarten"], .kindergarten),
        condition(["amenity": "childcare"], .nursery),
        condition(["amenity": "school", "isced:level": "1"], .primary_school),
        condition(["amenity": "school", "isced:level": "2"], .middle_school),
        OSMTagMapping.TagCondition(["amenity": "school"]),
        condition(["leisure": "playground"], .children_play),
        condition(["leisure": "fitness_station"], .outdoor_fitness),
        condition(["amenity": "toilets"], .public_toilet),
        condition(["amenity": "marketplace"], .fresh_market),
        condition(["shop": "supermarket"], .fresh_market),
        condition(["shop": "greengrocer"], .fresh_market),
        condition(["shop": "convenience"], .community_shop),
        condition(["amenity": "clinic"], .clinic),
        condition(["amenity": "nursing_home"], .elderly_home),
        condition(["amenity": "social_facility", "social_facility": "nursing_home"], .elderly_home),
    ])

    private static func condition(_ tags: [String: String], _ category: Category) -> OSMTagMapping.TagCondition {
        OSMTagMapping.TagCondition(tags, implies: ["category": category.rawValue])
    }
}
