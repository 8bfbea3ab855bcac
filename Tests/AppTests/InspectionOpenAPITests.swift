@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// The inspection, checklist and patrol responses have the shapes `Resources/openapi.json` declares.
@Suite("OpenAPI document: inspections and patrol")
struct InspectionOpenAPITests {
    @Test("responses of inspections, checklists, my tasks and coverage match their schemas")
    func shapes() async throws {
        try await withTestApp { app in
            // setup
            let document = try OpenAPIDocumentFile(try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"))
            let f = try await Fixture.make(app)
            let worker = f.tokens["worker"]!, officer = f.tokens["officer"]!, admin = f.tokens["admin"]!
            func call(_ method: HTTPMethod, _ path: String, _ documented: String, token: String, json: String? = nil,
                      expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> OpenAPIValue {
                let response = try await app.testing().sendRequest(method, path) { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: token)
                    if let json { req.headers.contentType = .json; req.body = ByteBuffer(string: json) }
                }
                return document.check(response, method, documented, expect: status, sourceLocation: sourceLocation)
            }

            // MUT and validate: each call checks the expected status, and status and body against the document.
            let templates = try await call(.GET, "/api/v1/checklist-templates", "/checklist-templates", token: worker, expect: .ok)
            let templateId = templates["items"]?.array?.first?["id"]?.int ?? 0
            _ = try await call(.GET, "/api/v1/checklist-templates/\(templateId)", "/checklist-templates/{templateID}", token: worker, expect: .ok)
            _ = try await call(.POST, "/api/v1/checklist-templates", "/checklist-templates", token: admin,
                               json: #"{"category":"shop","name":"商铺检查表","items":[{"topic":"消防","text":"灭火器有效","requiresPhoto":true,"hazardCategory":"fire"}]}"#,
                               expect: .created)
            _ = try await call(.PUT, "/api/v1/checklist-templates/\(templateId)", "/checklist-templates/{templateID}", token: officer, json: "{}",
                               expect: .forbidden)  // only admins edit templates
            let started = try await call(.POST, "/api/v1/inspections", "/inspections", token: worker, json: #"{"placeId":\#(f.place.id!)}"#,
                                         expect: .created)
            let id = started["id"]?.int ?? 0
            let first = started["items"]?.array?.first
            let item = first?["id"]?.int ?? 0
            // The first item of the shipped 工贸企业 checklist needs no photo, so a failure without one is taken.
            #expect(first?["requiresPhoto"]?.bool == false)
            _ = try await call(.PUT, "/api/v1/inspections/\(id)/items/\(item)", "/inspections/{inspectionID}/items/{itemID}", token: worker,
                               json: #"{"result":"fail","note":"缺失"}"#, expect: .ok)
            _ = try await call(.POST, "/api/v1/inspections/\(id)/finish", "/inspections/{inspectionID}/finish", token: worker, json: "{}",
                               expect: .badRequest)  // items still unanswered
            _ = try await call(.GET, "/api/v1/inspections/\(id)", "/inspections/{inspectionID}", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/inspections?placeId=\(f.place.id!)", "/inspections", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/inspections/\(id)", "/inspections/{inspectionID}", token: f.tokens["officer2"]!,
                               expect: .notFound)  // other township
            _ = try await call(.POST, "/api/v1/inspections/\(id)/items/\(item)/hazard", "/inspections/{inspectionID}/items/{itemID}/hazard",
                               token: worker, json: "{}", expect: .created)
            _ = try await call(.GET, "/api/v1/my-tasks?days=60", "/my-tasks", token: worker, expect: .ok)
            _ = try await call(.GET, "/api/v1/coverage", "/coverage", token: officer, expect: .ok)
            _ = try await call(.GET, "/api/v1/coverage", "/coverage", token: f.tokens["owner"]!, expect: .forbidden)  // enterprises see no coverage
            _ = try await call(.GET, "/api/v1/patrol-frequencies", "/patrol-frequencies", token: worker, expect: .ok)
            let frequencies = #"{"red":{"count":5,"unit":"workdays"},"orange":{"count":10,"unit":"workdays"},"yellow":{"count":1,"unit":"months"},"blue":{"count":3,"unit":"months"},"unassessed":{"count":1,"unit":"months"}}"#
            let saved = try await call(.PUT, "/api/v1/patrol-frequencies", "/patrol-frequencies", token: admin, json: frequencies, expect: .ok)
            #expect(saved["red"]?["count"]?.int == 5)
        }
    }
}
