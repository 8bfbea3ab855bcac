/// What inspectors visit (监管对象).
public enum PlaceCategory: String, Codable, CaseIterable, Sendable {
    case industrialEnterprise   // 工贸企业
    case shop                   // 商铺门店
    case threeInOneShop         // 三合一门店
    case market                 // 集贸市场
    case rentalHousing          // 出租房
    case oldResidential         // 老旧小区
    case constructionSite       // 在建工程
    case selfBuiltHouse         // 自建房
    case warehouse              // 仓储物流
    case tourismSite            // 文旅项目
    case school                 // 学校
    case hospital               // 医院
    case crowdedPlace           // 人员密集场所
    case gas                    // 燃气
    case geologicalHazardPoint  // 地质灾害隐患点
    case other                  // 其他
}
