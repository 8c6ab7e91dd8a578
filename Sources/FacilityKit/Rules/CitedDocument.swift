/// The titles of the plans and standards that plugin rules cite, written once so that every
/// citation names a document the same way (`../shared/standards/STANDARDS.md` holds the facts).
public enum CitedDocument {
    public static let lechangWomenPlan = "乐昌市妇女发展规划（2021-2030年）"
    public static let lechangChildrenPlan = "乐昌市儿童发展规划（2021-2030年）"
    public static let huaduWomenPlan = "广州市花都区妇女发展规划（2021—2030年）"
    public static let huaduChildrenPlan = "广州市花都区儿童发展规划（2021—2030年）"
    /// 国卫指导发〔2016〕63号.
    public static let maternityFacilitiesGuidance = "关于加快推进母婴设施建设的指导意见（国卫指导发〔2016〕63号）"
    public static let residentialAreaPlanning = "GB 50180-2018 城市居住区规划设计标准"
    public static let publicToiletDesign = "CJJ 14-2016 城市公共厕所设计标准"
    public static let sanitationFacilityPlanning = "GB/T 50337-2018 城市环境卫生设施规划标准"
    /// The national 14th five-year plan, whose main indicators include 托位 per 1,000 residents.
    public static let fourteenthFiveYearPlan = "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"
}
