// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Formwork",
    products: [
        .executable(name: "formwork", targets: ["formwork"]),
        .library(name: "FormworkKit", targets: ["FormworkKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml, from Debian's libyaml-dev. Imported `internal`ly by FormworkYAML only.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // What AWS and CloudFormation accept, one file per service, each fact with its source.
        // Plain data and tiny pure helpers; depends on nothing.
        .target(name: "FormworkFacts"),
        // Phases, in the order data flows through them.
        .target(name: "FormworkDiagnostics"),
        .target(name: "FormworkYAML", dependencies: ["CYAML", "FormworkDiagnostics"]),
        .target(name: "FormworkSpec", dependencies: ["FormworkFacts", "FormworkYAML", "FormworkDiagnostics"]),
        .target(name: "FormworkCFN", dependencies: ["FormworkFacts", "FormworkDiagnostics"]),
        .target(name: "FormworkSema", dependencies: ["FormworkFacts", "FormworkSpec", "FormworkCFN", "FormworkDiagnostics"]),
        .target(name: "FormworkKit", dependencies: [
            "FormworkDiagnostics", "FormworkYAML", "FormworkSpec", "FormworkSema", "FormworkCFN",
        ]),
        // The command line: argument parsing and exit codes only.
        .executableTarget(name: "formwork", dependencies: [
            "FormworkKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "FormworkTestSupport", dependencies: [
            "FormworkKit", "FormworkDiagnostics", "FormworkYAML", "FormworkSpec", "FormworkSema", "FormworkCFN",
        ]),

        .testTarget(name: "FormworkFactsTests", dependencies: ["FormworkFacts"]),
        .testTarget(name: "FormworkDiagnosticsTests", dependencies: ["FormworkDiagnostics", "FormworkTestSupport"]),
        .testTarget(name: "FormworkYAMLTests", dependencies: ["FormworkYAML", "FormworkTestSupport"]),
        .testTarget(name: "FormworkSpecTests", dependencies: ["FormworkSpec", "FormworkYAML", "FormworkTestSupport"]),
        .testTarget(name: "FormworkCFNTests", dependencies: ["FormworkCFN", "FormworkTestSupport"]),
        .testTarget(name: "FormworkSemaTests", dependencies: [
            "FormworkSema", "FormworkSpec", "FormworkCFN", "FormworkFacts", "FormworkTestSupport",
        ]),
        .testTarget(name: "FormworkKitTests", dependencies: ["FormworkKit", "FormworkTestSupport"]),
    ]
)
