import Fluent
import Foundation
import SafeGridDomain
import Vapor

/// Loads `DemoData` into an empty database through the same services the server uses, so
/// every demo hazard has a real number and event history.
public enum DemoLoader {
    /// Loads the demo once; returns false when the database already holds grids.
    @discardableResult
    public static func loadIfEmpty(_ app: Application) async throws -> Bool {
        guard try await GridRecord.query(on: app.db).count() == 0 else { return false }
        try await load(app)
        return true
    }

    static func load(_ app: Application) async throws {
        let directory = DirectoryService(db: app.db, passwords: app.password.async)
        var gridIds: [String: Int] = [:]
        for spec in DemoData.grids {
            let grid = try await directory.createGrid(
                GridCreateRequest(name: spec.name, code: spec.code, level: spec.level.rawValue, kind: spec.kind.rawValue,
                                  independentType: spec.independentType?.rawValue, parentId: spec.parentCode.flatMap { gridIds[$0] }),
                by: nil)
            gridIds[spec.code] = try grid.requireID()
        }

        var placeIds: [Int] = []
        for (i, (name, category, code)) in DemoData.places.enumerated() {
            let place = try await directory.savePlace(PlaceRequest(
                name: name, category: category.rawValue, gridId: gridIds[code], address: "上街区\(name)",
                latitude: 34.80 + Double(i % 10) * 0.004, longitude: 113.28 + Double(i / 10) * 0.006,
                contactName: "负责人\(i + 1)", contactPhone: "1380371\(String(format: "%04d", i + 1))",
                aboveScale: category == .industrialEnterprise && i % 2 == 0, tags: i % 3 == 0 ? ["重点"] : []), existing: nil, by: nil)
            placeIds.append(try place.requireID())
        }

        var users: [String: CurrentUser] = [:]
        for account in DemoData.accounts {
            let record = try await directory.createUser(UserCreateRequest(
                username: account.username, password: DemoData.password, displayName: account.displayName,
                role: account.role.rawValue, gridIds: account.gridCode.flatMap { gridIds[$0] }.map { [$0] } ?? [],
                level: account.role == .gridWorker ? 1 : nil, department: account.department?.rawValue,
                placeIds: account.role == .enterprise ? [placeIds[0]] : [], phone: nil))
            users[account.username] = try await CurrentUser.load(record, on: app.db)
        }
        try await loadHazards(app, users: users, placeIds: placeIds)
        try await loadRisk(app, users: users)
        try await loadCampaigns(app, users: users)
        try await loadInspections(app, users: users, placeIds: placeIds)
        try await loadReports(app, users: users)
    }

    /// Hazards in every state, some overdue, some major, with backdated histories.
    private static func loadHazards(_ app: Application, users: [String: CurrentUser], placeIds: [Int]) async throws {
        let now = app.clock.now()
        let day: TimeInterval = 86_400
        let photo = try await demoPhoto(app, by: users)
        let worker = users["gridworker"]!, worker2 = users["gridworker2"]!
        let officer = users["officer"]!, officer2 = users["officer2"]!, owner = users["enterprise"]!

        func register(_ title: String, _ category: HazardCategory, place: Int, by user: CurrentUser, daysAgo: Double,
                      grade: HazardGrade = .general, source: HazardSource = .grid) async throws -> HazardRow {
            let service = HazardService(app: app, now: now - daysAgo * day)
            let draft = try HazardDraft(HazardCreateRequest(title: title, description: "\(title)，现场检查发现。", category: category.rawValue,
                                                            grade: grade.rawValue, source: source.rawValue, placeId: placeIds[place]))
            return try await service.register(draft, by: user)
        }
        func act(_ hazard: HazardRow, _ action: HazardAction, by user: CurrentUser, daysAgo: Double, _ input: ActionInput) async throws -> HazardRow {
            let service = HazardService(app: app, now: now - daysAgo * day)
            return try await service.act(on: hazard.id, action, version: hazard.version, input: input, at: nil, by: user)
        }
        func evidence(by user: CurrentUser) async throws -> [Int] {
            [try await photo(user)]
        }
        let today = CivilDate(now)
        func assignInput(_ deadlineInDays: Int, from daysAgo: Int, plan: GovernancePlan? = nil) -> ActionInput {
            ActionInput(deadline: today.adding(days: deadlineInDays - daysAgo), responsibleName: "场所负责人",
                        responsiblePhone: "13803710000", requirement: "按要求限期整改并上传整改照片", plan: plan)
        }

        // Registered, waiting to be assigned.
        _ = try await register("灭火器过期未更换", .fire, place: 1, by: worker, daysAgo: 1)
        _ = try await register("出租房电动车楼道充电", .electrical, place: 28, by: worker2, daysAgo: 0.5)
        _ = try await register("仓库消防通道堆放杂物", .fire, place: 41, by: officer2, daysAgo: 2, source: .territorial)
        // Rectifying, on time.
        var h = try await register("三合一门店住人区域未做防火分隔", .fire, place: 9, by: officer, daysAgo: 5)
        h = try await act(h, .assign, by: officer, daysAgo: 5, assignInput(10, from: 5))
        h = try await register("厨房燃气软管老化", .gas, place: 25, by: worker2, daysAgo: 3)
        h = try await act(h, .assign, by: worker2, daysAgo: 3, assignInput(7, from: 3))
        // Rectifying and overdue (deadline passed).
        h = try await register("配电箱私拉乱接电线", .electrical, place: 0, by: worker, daysAgo: 20)
        h = try await act(h, .assign, by: officer, daysAgo: 20, ActionInput(deadline: today.adding(days: -6), responsibleUserId: owner.id,
                                                                          requirement: "规范敷设电线，加装漏电保护"))
        h = try await register("老旧小区楼道堵塞安全出口", .fire, place: 31, by: officer2, daysAgo: 15)
        h = try await act(h, .assign, by: officer2, daysAgo: 15, assignInput(5, from: 15))
        h = try await act(h, .escalate, by: officer2, daysAgo: 2, ActionInput(note: "逾期未整改，督办"))
        // Major hazard with governance plan, rectifying.
        h = try await register("危化品仓库未设置防爆电气", .hazardousChemicals, place: 21, by: officer, daysAgo: 10, grade: .major, source: .territorial)
        h = try await act(h, .assign, by: officer, daysAgo: 10, assignInput(60, from: 10, plan: GovernancePlan(
            goal: "更换防爆电气，消除爆炸风险", measures: "停用非防爆设备，委托有资质单位施工", funding: "企业自筹8万元",
            organisation: "企业主要负责人牵头，安全员具体负责", timeline: "60日内完成，每周报告进度", safetyMeasures: "施工期间停止作业，设置警戒，配备应急物资")))
        h = try await act(h, .transfer, by: officer, daysAgo: 9, ActionInput(note: "涉及危化品，移交消防救援大队联合督办", department: .fire))
        // Reviewing.
        h = try await register("商场疏散指示标志损坏", .fire, place: 30, by: worker2, daysAgo: 8)
        h = try await act(h, .assign, by: officer2, daysAgo: 8, assignInput(10, from: 8))
        h = try await act(h, .submit, by: worker2, daysAgo: 1, ActionInput(note: "已更换疏散指示标志", attachmentIds: try await evidence(by: worker2)))
        h = try await register("物流仓库叉车司机无证驾驶", .specialEquipment, place: 4, by: worker, daysAgo: 6)
        h = try await act(h, .assign, by: officer, daysAgo: 6, assignInput(5, from: 6))
        h = try await act(h, .submit, by: worker, daysAgo: 2, ActionInput(note: "已停用并安排持证司机", attachmentIds: try await evidence(by: worker)))
        // Closed through the full loop with one rework.
        h = try await register("液化气瓶未固定", .gas, place: 5, by: worker, daysAgo: 12)
        h = try await act(h, .assign, by: officer, daysAgo: 12, assignInput(7, from: 12))
        h = try await act(h, .submit, by: worker, daysAgo: 9, ActionInput(note: "已加固", attachmentIds: try await evidence(by: worker)))
        h = try await act(h, .reject, by: officer, daysAgo: 8, ActionInput(note: "仍有两瓶未固定", deadline: today.adding(days: -4)))
        h = try await act(h, .submit, by: worker, daysAgo: 6, ActionInput(note: "全部加固到位", attachmentIds: try await evidence(by: worker)))
        h = try await act(h, .approve, by: officer, daysAgo: 5, ActionInput(note: "复查合格，予以销号"))
        h = try await register("火锅店后厨电线裸露", .electrical, place: 26, by: worker2, daysAgo: 4)
        h = try await act(h, .assign, by: worker2, daysAgo: 4, assignInput(3, from: 4))
        h = try await act(h, .submit, by: worker2, daysAgo: 3, ActionInput(note: "已整改", attachmentIds: try await evidence(by: worker2)))
        h = try await act(h, .approve, by: officer2, daysAgo: 2, ActionInput(note: "复查通过"))
        // Fixed on site.
        h = try await register("农家乐安全出口指示灯不亮", .fire, place: 6, by: worker, daysAgo: 3)
        h = try await act(h, .fixOnSite, by: worker, daysAgo: 3, ActionInput(note: "现场更换灯管", attachmentIds: try await evidence(by: worker)))
        // Voided duplicate.
        h = try await register("灭火器过期（重复登记）", .fire, place: 1, by: worker, daysAgo: 1)
        h = try await act(h, .void, by: officer, daysAgo: 0.5, ActionInput(note: "与已登记隐患重复"))
        // Enterprise self-inspection and expert findings.
        h = try await register("车间粉尘清扫不及时", .other, place: 0, by: owner, daysAgo: 2, source: .enterprise)
        h = try await register("高支模方案未经专家论证", .construction, place: 36, by: users["expert"]!, daysAgo: 3, grade: .major, source: .expert)
    }

    /// A tiny valid PNG used as photo evidence in the demo.
    private static func demoPhoto(_ app: Application, by users: [String: CurrentUser]) async throws -> @Sendable (CurrentUser) async throws -> Int {
        let store = AttachmentStore(app: app)
        let db = app.db
        return { user in
            let record = try await store.save(bytes: DemoData.pngPixel, filename: "现场照片.png", kind: .after, by: user.id, on: db)
            return try record.requireID()
        }
    }
}

extension DemoData {
    /// A 1×1 PNG.
    static let pngPixel: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
