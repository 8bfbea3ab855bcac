import Fluent
import SafeGridDomain
import SQLKit

/// Issue 11: the trail proves itself. Hazard events get their place in the chain, the previous
/// hash and their own (existing events are chained in id order here); the editable registers
/// get an event table of their own on a second chain; `trail_heads` holds each chain's newest
/// link and `trail_checks` the verifier's results. Last, the database is told to refuse any
/// UPDATE or DELETE on the two event tables.
struct CreateAuditTrail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("hazard_events").field("chain_seq", .int).update()
        try await database.schema("hazard_events").field("prev_hash", .string).update()
        try await database.schema("hazard_events").field("hash", .string).update()
        try await database.schema("register_events")
            .field("id", .int, .identifier(auto: true))
            .field("chain_seq", .int, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .field("register", .string, .required)
            .field("record_id", .int, .required)
            .field("action", .string, .required)
            .field("actor_id", .int)
            .field("occurred_at", .datetime, .required)
            .field("changes", .string, .required)
            .create()
        try await database.schema("trail_heads")
            .field("chain", .string, .identifier(auto: false))
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("bulletins").field("trail_anchor", .string).update()
        try await database.schema("trail_checks")
            .field("id", .int, .identifier(auto: true))
            .field("checked_at", .datetime, .required)
            .field("ok", .bool, .required)
            .field("events", .int, .required)
            .field("message", .string, .required)
            .create()

        // Existing events, chained in the order they were written.
        var head = (seq: 0, hash: AuditTrail.genesis)
        var after = 0
        while true {
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: HazardEventTrail.selectColumns) FROM hazard_events WHERE id > \(bind: after) ORDER BY id LIMIT 2000
                """).all()
            if rows.isEmpty { break }
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                let seq = head.seq + 1
                let hash = AuditTrail.hash(seq: seq, previous: head.hash, fields: try HazardEventTrail.fields(of: row))
                try await sql.raw("UPDATE hazard_events SET chain_seq = \(bind: seq), prev_hash = \(bind: head.hash), hash = \(bind: hash) WHERE id = \(bind: id)").run()
                head = (seq, hash)
                after = id
            }
        }
        try await sql.raw("INSERT INTO trail_heads (chain, seq, hash) VALUES (\(bind: AuditTrail.Chain.hazardEvents.rawValue), \(bind: head.seq), \(bind: head.hash))").run()
        try await sql.raw("INSERT INTO trail_heads (chain, seq, hash) VALUES (\(bind: AuditTrail.Chain.registerEvents.rawValue), 0, \(bind: AuditTrail.genesis))").run()
        try await sql.raw("CREATE UNIQUE INDEX hazard_events_chain_seq ON hazard_events (chain_seq)").run()
        try await sql.raw("CREATE UNIQUE INDEX register_events_chain_seq ON register_events (chain_seq)").run()
        try await sql.raw("CREATE INDEX register_events_record ON register_events (register, record_id, id)").run()
        try await AppendOnly.install(on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await AppendOnly.remove(on: sql)
        try await database.schema("trail_checks").delete()
        try await database.schema("bulletins").deleteField("trail_anchor").update()
        try await database.schema("trail_heads").delete()
        try await database.schema("register_events").delete()
        try await sql.raw("DROP INDEX IF EXISTS hazard_events_chain_seq").run()
        for column in ["chain_seq", "prev_hash", "hash"] {
            try await database.schema("hazard_events").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}

/// Triggers that make the event tables append-only in the database itself, so that neither a
/// bug nor a hand-typed statement can rewrite the trail without dropping them first (which the
/// chain would then show).
enum AppendOnly {
    static let tables = ["hazard_events", "register_events"]

    static func install(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION safegrid_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME; END $$
                """).run()
            for table in tables {
                try await sql.raw("CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION safegrid_append_only()").run()
                try await sql.raw("CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION safegrid_append_only()").run()
            }
        } else {
            for table in tables {
                for verb in ["UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: verb.lowercased()) BEFORE \(unsafeRaw: verb) ON \(unsafeRaw: table)
                        BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) is append-only: rows are never changed or deleted'); END
                        """).run()
                }
            }
        }
    }

    static func remove(on sql: any SQLDatabase) async throws {
        for table in tables {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_append_only ON \(unsafeRaw: table)").run()
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_truncate ON \(unsafeRaw: table)").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_update").run()
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_delete").run()
            }
        }
    }
}
