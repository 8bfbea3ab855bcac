import Fluent

/// Shipped migrations, in order. Never edit one that has shipped; add a new folder instead.
enum Migrations001 {
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
    }
}
