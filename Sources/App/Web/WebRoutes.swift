import Vapor

/// The server-rendered pages. Every page but login needs a session; every POST needs the CSRF token and
/// may carry an idempotency key (every form does).
enum WebRoutes {
    static func register(on app: Application) throws {
        let web = app.grouped(SessionUserAuthenticator(), CSRFMiddleware())
        try app.register(collection: OfflinePageController())
        try web.register(collection: SessionWebController())
        try web.register(collection: CampaignPublicController())
        let signedIn = web.grouped(RequireUser(), IdempotencyMiddleware(), UnreadMessagesMiddleware())
        try signedIn.register(collection: MeWebController())
        try signedIn.register(collection: MessageWebController())
        try signedIn.register(collection: DashboardWebController())
        try signedIn.register(collection: LedgerWebController())
        try signedIn.register(collection: SourceLedgerWebController())
        try signedIn.register(collection: NewHazardWebController())
        try signedIn.register(collection: HazardWebController())
        try signedIn.register(collection: GridWebController())
        try signedIn.register(collection: PlaceWebController())
        try signedIn.register(collection: RiskWebController())
        try signedIn.register(collection: InspectionWebController())
        try signedIn.register(collection: PatrolWebController())
        try signedIn.register(collection: ChecklistWebController())
        try signedIn.register(collection: UserWebController())
        try signedIn.register(collection: ReportWebController())
        try signedIn.register(collection: CampaignWebController())
        try signedIn.register(collection: CalendarWebController())
        try signedIn.register(collection: ImportWebController())
    }
}
