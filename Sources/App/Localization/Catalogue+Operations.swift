/// Messages of the operational commands (backup, restore, migrate-data), shown in a terminal.
extension Catalogue {
    static let operations: [String: Entry] = [
        "error.ops.postgres_backup": .init(
            zh: "当前数据库是 PostgreSQL（已设置 DATABASE_URL），请用 pg_dump 备份，见 docs/operations.md。",
            en: "The database is PostgreSQL (DATABASE_URL is set); back it up with pg_dump, see docs/operations.md."),
        "error.ops.postgres_restore": .init(
            zh: "当前数据库是 PostgreSQL（已设置 DATABASE_URL），请用 pg_restore 恢复，见 docs/operations.md。",
            en: "The database is PostgreSQL (DATABASE_URL is set); restore it with pg_restore, see docs/operations.md."),
        "error.ops.target_exists": .init(
            zh: "{0} 已存在；为免覆盖，请指定一个新的备份位置。",
            en: "{0} already exists; name a new place for the backup so nothing is overwritten."),
        "error.ops.no_database": .init(
            zh: "{0} 处没有数据库文件。",
            en: "There is no database file at {0}."),
        "error.ops.not_safegrid": .init(
            zh: "{0} 不是平安网格的数据库。",
            en: "{0} is not a SafeGrid database."),
        "error.ops.integrity": .init(
            zh: "数据库 {0} 完整性检查未通过：{1}",
            en: "The integrity check of {0} failed: {1}"),
        "error.ops.in_use": .init(
            zh: "数据目录 {0} 正被运行中的服务使用；请先停止服务再恢复，未做任何更改。",
            en: "The data folder {0} is in use by a running server; stop it before restoring. Nothing was changed."),
        "error.ops.wal_not_folded": .init(
            zh: "无法把 {0} 的预写日志（-wal）并入数据库，未做任何更改。",
            en: "Could not fold the write-ahead log (-wal) into {0}; nothing was changed."),
        "error.ops.source_spec": .init(
            zh: "来源应写作 sqlite:路径（数据库文件或数据目录），而不是 {0}。",
            en: "The source is written sqlite:PATH (a database file or a data folder), not {0}."),
        "error.ops.target_spec": .init(
            zh: "目标应是 postgres:// 开头的数据库地址。",
            en: "The target must be a database URL starting with postgres://."),
        "error.ops.target_not_empty": .init(
            zh: "目标数据库已有数据（{0}）；只能迁移到空数据库，未做任何更改。",
            en: "The target database already holds data ({0}); data is only moved into an empty database. Nothing was changed."),
        "error.ops.schema_mismatch": .init(
            zh: "源数据库与目标数据库结构不一致（{0}）；请先用本版本对源数据库执行 safegrid migrate。",
            en: "The source and target schemas differ ({0}); run `safegrid migrate` on the source with this version first."),
        "error.ops.count_mismatch": .init(
            zh: "复制后行数不一致（{0}），已全部撤销。",
            en: "Row counts differ after copying ({0}); everything was rolled back."),
    ]
}
