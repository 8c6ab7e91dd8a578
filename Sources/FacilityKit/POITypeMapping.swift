/// How the POI exports of Chinese web maps type a kind: AMap (高德) typecodes and Baidu tags, mapped to the
/// kind and to attribute values the way ``OSMTagMapping`` maps OpenStreetMap tags.
public struct POITypeMapping: Hashable, Sendable {
    /// One way the maps type the kind, and the attribute values that type implies (AMap 090100 综合医院 is a
    /// public venue whose `venue_type` is `medical`).
    public struct TypeCondition: Hashable, Sendable {
        /// AMap typecodes, six digits (`141204` 幼儿园). A shorter code stands for every code it begins:
        /// `0901` is 综合医院 and its subtypes (090100, 090101, 090102).
        public var amapTypecodes: [String]
        /// Baidu tags as the Place API writes them, first and second level joined by `;` (`教育培训;幼儿园`).
        /// A first-level tag alone (`医疗`) stands for all its second-level tags.
        public var baiduTags: [String]
        /// Field name → value, written as a list cell would hold it (an enum value, `yes`, `3`).
        public var impliedAttributes: [String: String]

        public init(amap: [String] = [], baidu: [String] = [], implies impliedAttributes: [String: String] = [:]) {
            amapTypecodes = amap
            baiduTags = baidu
            self.impliedAttributes = impliedAttributes
        }

        /// Whether one of a POI's AMap typecodes is among this condition's.
        public func matches(amapTypecode code: String) -> Bool {
            amapTypecodes.contains { code.hasPrefix($0) }
        }

        /// Whether a POI's Baidu tag is one of this condition's, or below one of them.
        public func matches(baiduTag tag: String) -> Bool {
            baiduTags.contains { tag == $0 || tag.hasPrefix($0 + ";") }
        }
    }

    /// In order: where several match, the first one applies, so more specific conditions come first.
    public var conditions: [TypeCondition]

    public init(_ conditions: [TypeCondition]) {
        self.conditions = conditions
    }

    /// The first condition one of these AMap typecodes meets (a POI may carry several, `|`-separated).
    public func firstMatch(amapTypecodes codes: [String]) -> TypeCondition? {
        for condition in conditions where codes.contains(where: condition.matches(amapTypecode:)) {
            return condition
        }
        return nil
    }

    /// The first condition a Baidu tag meets.
    public func firstMatch(baiduTag tag: String) -> TypeCondition? {
        conditions.first { $0.matches(baiduTag: tag) }
    }
}
