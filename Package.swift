// swift-tools-version:6.0
// Rampart: the customer's side of the AWS shared responsibility model.
//
// Targets follow the pipeline (see docs/architecture.md):
//   sources  -> RampartSnapshot (and later the live collector)
//   model    -> RampartInventory (typed resources, built from AWS CLI-shaped call results)
//   analyses -> RampartChecks (and later IAM, resilience, responsibilities)
//   outputs  -> RampartOutputs (terminal, JSON, OCSF)
// RampartFindings is the seam between analyses and outputs; RampartJSON is the shared reader/writer.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Rampart",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rampart", targets: ["rampart"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Shared: UTC calendar arithmetic for AWS timestamps.
        .target(name: "RampartTime", swiftSettings: strict),
        // Shared: a fast, path-aware JSON reader and an order-preserving writer.
        .target(name: "RampartJSON", swiftSettings: strict),
        // The one model every source fills and every analysis reads.
        .target(name: "RampartInventory", dependencies: ["RampartJSON", "RampartTime"], swiftSettings: strict),
        // Source: an offline snapshot directory in the AWS CLI's shapes.
        .target(name: "RampartSnapshot", dependencies: ["RampartJSON", "RampartInventory"], swiftSettings: strict),
        // Source: infrastructure code (CloudFormation templates) rendered into AWS CLI answers (issue 20).
        .target(
            name: "RampartTemplates", dependencies: ["RampartJSON", "RampartInventory", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Live source, in layers: signing; credentials as the AWS CLI resolves them; the wire
        // protocols turned into the JSON the AWS CLI prints; the HTTP client with retries, rate
        // limit and the read-only allow-list; and the collector that walks the plan.
        .target(
            name: "RampartSigning", dependencies: ["RampartTime", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(
            name: "RampartCredentials",
            dependencies: ["RampartSigning", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strict),
        .target(name: "RampartAWSProtocols", dependencies: ["RampartJSON", "RampartTime"], swiftSettings: strict),
        .target(
            name: "RampartAWSClient",
            dependencies: [
                "RampartSigning", "RampartCredentials", "RampartAWSProtocols", "RampartJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .target(
            name: "RampartCollector",
            dependencies: ["RampartAWSClient", "RampartCredentials", "RampartJSON", "RampartInventory", "RampartSnapshot"],
            swiftSettings: strict),
        // Analysis: IAM policies evaluated as AWS documents (the action catalogue, the parser, the evaluator).
        .target(
            name: "RampartIAM", dependencies: ["RampartJSON", "RampartInventory", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Analysis: external access through resource policies (issue 19), decided by the IAM evaluator with a witness.
        .target(name: "RampartAccess", dependencies: ["RampartIAM", "RampartInventory", "RampartJSON"], swiftSettings: strict),
        // The seam between analyses and outputs.
        .target(name: "RampartFindings", dependencies: ["RampartJSON", "RampartInventory"], swiftSettings: strict),
        // Suppressions: the --mutelist rules (YAML, glob patterns) and the --baseline findings file.
        .target(
            name: "RampartSuppressions",
            dependencies: ["RampartJSON", "RampartTime", "RampartInventory", "RampartFindings", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Analysis: workloads, topology and failure simulation (issue 8); the resiliency policy is YAML.
        .target(
            name: "RampartResilience", dependencies: ["RampartInventory", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Analysis: per-service checks, each metadata plus one pure function.
        .target(
            name: "RampartChecks", dependencies: ["RampartJSON", "RampartInventory", "RampartFindings", "RampartResilience", "RampartIAM", "RampartAccess"],
            swiftSettings: strict),
        // Analysis: the shared responsibility matrix, from the reviewed catalogue in Data/responsibilities.json.
        .target(name: "RampartResponsibilities", dependencies: ["RampartJSON", "RampartInventory", "RampartFindings"], swiftSettings: strict),
        // Analysis: compliance frameworks as data (Data/frameworks) and their evaluation over a scan's findings.
        .target(
            name: "RampartCompliance", dependencies: ["RampartJSON", "RampartInventory", "RampartFindings", "RampartResponsibilities"],
            swiftSettings: strict),
        // Outputs: read findings (and the inventory summary) and analysis results only.
        .target(
            name: "RampartOutputs",
            dependencies: [
                "RampartJSON", "RampartInventory", "RampartFindings", "RampartResponsibilities", "RampartIAM", "RampartResilience",
                "RampartCompliance", "RampartAccess", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // Output: the findings store (scans, resources, findings) on SQLite or PostgreSQL through SQLKit.
        .target(
            name: "RampartStore",
            dependencies: [
                "RampartJSON", "RampartInventory", "RampartFindings",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: strict),
        // Output: `rampart serve`, a read-only JSON API, OpenAPI document and HTML pages over the store (Hummingbird).
        .target(
            name: "RampartServe",
            dependencies: [
                "RampartStore", "RampartFindings", "RampartJSON", "RampartOutputs", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "HummingbirdTLS", package: "hummingbird"),
            ],
            swiftSettings: strict),
        // The command line: wires sources, analyses and outputs together.
        .target(
            name: "RampartCLI",
            dependencies: [
                "RampartJSON", "RampartInventory", "RampartSnapshot", "RampartFindings", "RampartChecks", "RampartOutputs",
                "RampartCollector", "RampartCredentials", "RampartResponsibilities", "RampartIAM", "RampartResilience",
                "RampartCompliance",
                "RampartStore", "RampartServe", "RampartTemplates",
                "RampartSuppressions", "RampartAccess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "rampart", dependencies: ["RampartCLI"], swiftSettings: strict),

        .testTarget(
            name: "RampartIAMTests", dependencies: ["RampartIAM", "RampartJSON", "RampartInventory"], exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(name: "RampartAccessTests", dependencies: ["RampartAccess", "RampartIAM", "RampartInventory", "RampartJSON"], swiftSettings: strict),
        .testTarget(name: "RampartTimeTests", dependencies: ["RampartTime"], swiftSettings: strict),
        .testTarget(name: "RampartJSONTests", dependencies: ["RampartJSON"], swiftSettings: strict),
        .testTarget(name: "RampartInventoryTests", dependencies: ["RampartInventory", "RampartJSON"], swiftSettings: strict),
        .testTarget(name: "RampartSnapshotTests", dependencies: ["RampartSnapshot", "RampartInventory", "RampartJSON"], swiftSettings: strict),
        .testTarget(
            name: "RampartChecksTests",
            dependencies: ["RampartChecks", "RampartInventory", "RampartFindings", "RampartJSON", "RampartSnapshot"],
            swiftSettings: strict
        ),
        // Test support shared by the suites that need real servers (moto, local HTTP stand-ins).
        .target(
            name: "RampartTestSupport",
            dependencies: ["RampartSigning", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Tests/RampartTestSupport",
            swiftSettings: strict),
        .testTarget(name: "RampartSigningTests", dependencies: ["RampartSigning"], swiftSettings: strict),
        .testTarget(
            name: "RampartCredentialsTests",
            dependencies: [
                "RampartCredentials", "RampartSigning", "RampartTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartAWSProtocolsTests", dependencies: ["RampartAWSProtocols", "RampartJSON", "RampartTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "RampartAWSClientTests",
            dependencies: [
                "RampartAWSClient", "RampartAWSProtocols", "RampartCredentials", "RampartJSON", "RampartSigning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartCollectorTests",
            dependencies: [
                "RampartCollector", "RampartAWSClient", "RampartCredentials", "RampartSnapshot", "RampartInventory", "RampartJSON",
                "RampartChecks", "RampartFindings", "RampartTestSupport", "RampartIAM", "RampartAWSProtocols", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartOutputsTests",
            dependencies: ["RampartOutputs", "RampartFindings", "RampartInventory", "RampartJSON", "RampartResponsibilities", "RampartCompliance"],
            swiftSettings: strict),
        .testTarget(
            name: "RampartResponsibilitiesTests",
            dependencies: [
                "RampartResponsibilities", "RampartChecks", "RampartSnapshot", "RampartInventory", "RampartFindings", "RampartJSON",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartResilienceTests",
            dependencies: ["RampartResilience", "RampartInventory", "RampartJSON", "RampartOutputs"],
            swiftSettings: strict),
        .testTarget(
            name: "RampartComplianceTests",
            dependencies: [
                "RampartCompliance", "RampartChecks", "RampartSnapshot", "RampartInventory", "RampartFindings", "RampartJSON",
                "RampartOutputs", "RampartResponsibilities",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartStoreTests", dependencies: ["RampartStore", "RampartFindings", "RampartInventory", "RampartJSON"],
            swiftSettings: strict),
        .testTarget(
            name: "RampartServeTests",
            dependencies: [
                "RampartServe", "RampartStore", "RampartFindings", "RampartInventory", "RampartJSON",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                "RampartOutputs", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "RampartSuppressionsTests", dependencies: ["RampartSuppressions", "RampartFindings", "RampartInventory", "RampartJSON"],
            swiftSettings: strict),
        // Runs the built `rampart` executable end to end.
        .testTarget(
            name: "RampartTemplatesTests", dependencies: ["RampartTemplates", "RampartInventory", "RampartJSON", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(name: "RampartCLITests", dependencies: ["rampart", "RampartJSON", "RampartTestSupport"], swiftSettings: strict),
    ]
)
