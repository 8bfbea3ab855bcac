/// Messages of the operational commands (backup, restore, migrate-data), shown in a terminal.
extension Catalogue {
    static let operations: [String: Entry] = [
        "error.cli.tls_pair": .init(zh: "--tls-cert 与 --tls-key 须同时指定。", en: "--tls-cert and --tls-key go together."),
        "error.cli.redirect_needs_tls": .init(zh: "--redirect-port 须与 --tls-cert、--tls-key 一起使用。", en: "--redirect-port needs --tls-cert and --tls-key."),
        "error.cli.port": .init(zh: "端口须是 0 到 65535 之间的数字。", en: "A port is a number from 0 to 65535."),
        "error.cli.import_kind": .init(zh: "导入类型须是 grids、places、users、tasks 或 boundaries。", en: "The kind must be grids, places, users, tasks or boundaries."),
        "error.cli.tasks_campaign": .init(zh: "导入任务须用 --campaign 指定专项整治的编号。", en: "Tasks need --campaign ID."),
        "error.cli.unreadable": .init(zh: "无法读取文件 {0}。", en: "Cannot read {0}."),
        "error.cli.scale": .init(zh: "规模须是 township、district 或 province。", en: "The scale must be township, district or province."),
        "error.tls.no_hosts": .init(zh: "请至少用 --host 填写一个主机名或 IP 地址。", en: "Name at least one host name or IP address with --host."),
        "error.tls.too_many_hosts": .init(zh: "最多 {0} 个主机名或地址。", en: "At most {0} host names or addresses."),
        "error.tls.bad_host": .init(zh: "“{0}”不是有效的主机名或 IP 地址（不要带 http:// 或 *）。",
                                    en: "'{0}' is neither a host name nor an IP address (no http:// and no *)."),
        "error.tls.exists": .init(zh: "{0} 已存在。加 --force 才会替换根证书，替换后须在每部手机上重新安装 ca.pem。",
                                  en: "{0} exists; add --force to replace the CA, then install the new ca.pem on every phone."),
        "error.tls.write": .init(zh: "无法写入 {0}。", en: "Cannot write {0}."),
        "error.tls.certificate": .init(zh: "无法读取证书文件 {0}：{1}", en: "Cannot read the certificate {0}: {1}"),
        "error.tls.no_certificate": .init(zh: "{0} 中没有证书。", en: "There is no certificate in {0}."),
        "error.tls.key": .init(zh: "无法读取私钥文件 {0}：{1}", en: "Cannot read the private key {0}: {1}"),
        "tls.next_steps": .init(zh: "请在每部手机上安装 ca.pem（见 docs/tls.md），然后执行 safegrid serve --hostname 0.0.0.0 --tls-cert {0} --tls-key {1}",
                                en: "Install ca.pem on each phone (docs/tls.md), then run: safegrid serve --hostname 0.0.0.0 --tls-cert {0} --tls-key {1}"),
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
