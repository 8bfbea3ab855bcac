import SafeGridDomain
import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    let api = app.grouped("api", "v1")
    try api.register(collection: AuthAPIController())
    api.get("openapi.json", use: OpenAPIDocument.serve)

    let signedIn = api.grouped(BearerTokenAuthenticator(), SessionUserAuthenticator(readOnly: true), RequireUser(), IdempotencyMiddleware())
    AuthAPIController().bootProtected(routes: signedIn)
    try signedIn.register(collection: GridAPIController())
    try signedIn.register(collection: PlaceAPIController())
    try signedIn.register(collection: UserAPIController())
    try signedIn.register(collection: HazardAPIController())
    try signedIn.register(collection: AttachmentAPIController())
    try signedIn.register(collection: RiskAPIController())
    try signedIn.register(collection: MapAPIController())
    try signedIn.register(collection: CampaignAPIController())
    try signedIn.register(collection: SourceLedgerAPIController())
    try signedIn.register(collection: RegisterAPIController())
    try signedIn.register(collection: ReportAPIController())
    try signedIn.register(collection: ChecklistTemplateAPIController())
    try signedIn.register(collection: InspectionAPIController())
    try signedIn.register(collection: PatrolAPIController())
    try signedIn.register(collection: CalendarAPIController())
    try signedIn.register(collection: MessageAPIController())

    try WebRoutes.register(on: app)
}

/// 401 for routes that need a signed-in user.
struct RequireUser: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.auth.has(CurrentUser.self) else { return req.eventLoop.makeFailedFuture(SafeGridError.unauthenticated) }
        return next.respond(to: req)
    }
}
