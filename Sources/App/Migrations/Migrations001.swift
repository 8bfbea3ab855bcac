import Fluent

/// Shipped migrations, in order. Never edit one that has shipped; add a new folder instead.
enum Migrations001 {
    static func add(to migrations: Migrations) {
        migrations.add(CreateGrids())
        migrations.add(CreateUsers())
        migrations.add(CreatePlaces())
        migrations.add(CreateHazards())
        migrations.add(CreateIndexes())
        migrations.add(SessionRecord.migration)
    }
}
