// swift-tools-version:6.0
import PackageDescription

/// Every target of ours compiles under the same strict settings (Swift 6 language mode, so
/// complete concurrency checking, plus): an existential must say `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "SafeGrid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "safegrid", targets: ["safegrid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // `safegrid tls init`: a private CA and server certificate for the intranet.
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
    ],
    targets: [
        // Pure rules: Foundation only, so they can be tested in milliseconds and reused.
        .target(name: "SafeGridDomain", swiftSettings: strict),
        // Output built in Swift: HTML pages (compile-checked, escaped on write), SVG charts and
        // maps, XML text, GeoJSON boundaries.
        .target(name: "SafeGridRendering", dependencies: ["SafeGridDomain"], swiftSettings: strict),
        .target(
            name: "App",
            dependencies: [
                "SafeGridDomain",
                "SafeGridRendering",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "safegrid",
            dependencies: [
                "App",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SafeGridDomainTests", dependencies: ["SafeGridDomain"], swiftSettings: strict),
        .testTarget(name: "SafeGridRenderingTests", dependencies: ["SafeGridRendering", "SafeGridDomain"], swiftSettings: strict),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
                // Hostile spreadsheets are built byte by byte in the tests.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
    ]
)
