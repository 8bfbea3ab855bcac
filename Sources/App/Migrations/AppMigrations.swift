import Fluent

/// Shipped migrations, in order. Never edit one that has shipped; add a new folder instead.
enum AppMigrations {
    // Later folders append here, in order; see Migrations/002 and on.
    static func add(to migrations: Migrations) {
        migrations.add(CreateGrids())
        migrations.add(CreateUsers())
        migrations.add(CreatePlaces())
        migrations.add(CreateHazards())
        migrations.add(CreateIndexes())
        migrations.add(SessionRecord.migration)
        // 002
        migrations.add(CreateJobRuns())
        migrations.add(UpdatePathsCollation())
        // 003
        migrations.add(CreateHazardTallies())
        // 004
        migrations.add(UpdateHazardsLedgerIndexes())
        // 005
        migrations.add(UpdateHazardsDashboardIndexes())
        // 006 (issue 5: risk level on places)
        migrations.add(UpdatePlacesRiskLevel())
        // 007 (issue 5: checklists, inspections, patrol schedules)
        migrations.add(CreateChecklistTemplates())
        migrations.add(CreateInspections())
        migrations.add(CreatePatrolFrequencies())
        // 008 (issue 5: risk assessments, grid boundaries, maps)
        migrations.add(CreateRiskTables())
        migrations.add(CreateRiskAssessments())
        // 009 (issue 6: campaigns and task lists)
        migrations.add(CreateCampaigns())
        migrations.add(UpdateHazardsCampaign())
        // 010 (issue 6: activities, accidents, assessment, bulletins)
        migrations.add(CreateActivities())
        migrations.add(CreateBulletins())
        // 011 (issue 11: sign-in throttling, session limits)
        migrations.add(CreateLoginThrottles())
        // 012 (issue 11: the trail proves itself)
        migrations.add(CreateAuditTrail())
        // 013 (issue 12: calendar years entered by administrators)
        migrations.add(CreateCalendarYears())
        // 014 (issue 12: retired grids)
        migrations.add(UpdateGridsRetired())
        // 015 (issue 12: activities and accidents voided with a reason)
        migrations.add(UpdateRegistersVoid())
        // 016 (issue 14: idempotency keys)
        migrations.add(CreateIdempotencyKeys())
        // 017 (issue 14: inspections cancelled with a reason)
        migrations.add(UpdateInspectionsCancel())
        // 018 (issue 14: thumbnails and when and where a photo was taken, sent by the phone)
        migrations.add(UpdateAttachmentsPhoneExtras())
        // 019 (issue 14: 消息)
        migrations.add(CreateMessages())
        // 020 (the trail check's breaks in the reader's language)
        migrations.add(UpdateTrailChecksProblems())
    }
}
