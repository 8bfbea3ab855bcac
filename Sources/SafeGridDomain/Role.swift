/// Who a user is in the system; drives what they may see and do.
public enum Role: String, Codable, CaseIterable, Sendable {
    case admin
    case officer      // 乡镇应急办: owns a township's ledger
    case leader       // 领导: read-only dashboards
    case gridWorker   // 网格员
    case department   // 行业部门
    case enterprise   // 企业/场所主体
    case expert       // 专家
}

/// Sector departments that receive transferred hazards (行业部门).
public enum Department: String, Codable, CaseIterable, Sendable {
    case emergencyManagement
    case housing
    case police
    case fire
    case marketRegulation
    case urbanManagement
    case transport
    case other
}

/// Grid workers come in three levels (一/二/三级网格员).
public enum GridWorkerLevel: Int, Codable, CaseIterable, Sendable {
    case one = 1, two = 2, three = 3
}
