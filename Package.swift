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
        // Plain data and tiny pure helpers; depends on nothing but the embedded schemas.
        // The CloudFormation resource schemas (scripts/schemas.py), embedded bytes.
        .target(name: "CFormworkSchemas", exclude: ["schemas.data"],
                cSettings: [.unsafeFlags(["-std=c23", "-gdwarf-4"])]),
        .target(name: "FormworkFacts", dependencies: ["CFormworkSchemas"]),
        // Phases, in the order data flows through them.
        .target(name: "FormworkDiagnostics"),
        .target(name: "FormworkYAML", dependencies: ["CYAML", "FormworkDiagnostics"]),
        .target(name: "FormworkSpec", dependencies: ["FormworkFacts", "FormworkYAML", "FormworkDiagnostics"]),
        .target(name: "FormworkCFN", dependencies: ["FormworkFacts", "FormworkDiagnostics"]),
        // Pure expansion of a checked spec into a template; reports nothing.
        .target(name: "FormworkLowering", dependencies: ["FormworkFacts", "FormworkSpec", "FormworkCFN", "FormworkDiagnostics"]),
        // Every check, one rule a file: Rules/Spec read the typed spec, Rules/Template the template model.
        .target(name: "FormworkRules", dependencies: [
            "FormworkFacts", "FormworkSpec", "FormworkCFN", "FormworkLowering", "FormworkDiagnostics",
        ]),
        .target(name: "FormworkKit", dependencies: [
            "FormworkFacts", "FormworkDiagnostics", "FormworkYAML", "FormworkSpec", "FormworkRules", "FormworkLowering", "FormworkCFN",
        ]),
        // Counts the executable's heap allocations for --time-passes (wraps malloc; the executable only).
        // DWARF 4, as the Swift targets write it: valgrind 3.19 (Debian 12) cannot read clang's DWARF 5.
        .target(name: "CAllocationCount", cSettings: [
            .unsafeFlags(["-gdwarf-4"]), .define("FORMWORK_WRAP_MALLOC", .when(configuration: .release)),
        ]),
        // The command line: argument parsing and exit codes only. Release builds are one static
        // executable (start-up: no shared library to load, no symbol to look up or relocate).
        .executableTarget(
            name: "formwork",
            dependencies: [
                "FormworkKit", "CAllocationCount",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                .unsafeFlags(["-static-executable"] + ["malloc", "calloc", "realloc"].flatMap { ["-Xlinker", "--wrap=\($0)"] },
                             .when(configuration: .release)),
                // What swift-argument-parser's FoundationEssentials needs once static, which its
                // dynamic module does not name (swift build --static-swift-stdlib would).
                .linkedLibrary("_FoundationCShims", .when(configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(configuration: .release)),
                .linkedLibrary("swiftSynchronization", .when(configuration: .release)),
            ]
        ),
        .target(name: "FormworkTestSupport", dependencies: [
            "FormworkKit", "FormworkDiagnostics", "FormworkYAML", "FormworkSpec", "FormworkRules", "FormworkLowering",
            "FormworkCFN",
        ]),

        .testTarget(name: "FormworkFactsTests", dependencies: ["FormworkFacts"]),
        .testTarget(name: "FormworkDiagnosticsTests", dependencies: ["FormworkDiagnostics", "FormworkTestSupport"]),
        .testTarget(name: "FormworkYAMLTests", dependencies: ["FormworkYAML", "FormworkTestSupport"]),
        .testTarget(name: "FormworkSpecTests", dependencies: ["FormworkSpec", "FormworkYAML", "FormworkFacts", "FormworkTestSupport"]),
        .testTarget(name: "FormworkCFNTests", dependencies: ["FormworkCFN", "FormworkTestSupport"]),
        .testTarget(name: "FormworkLoweringTests", dependencies: [
            "FormworkLowering", "FormworkSpec", "FormworkCFN", "FormworkFacts", "FormworkTestSupport",
        ]),
        .testTarget(name: "FormworkRulesTests", dependencies: [
            "FormworkRules", "FormworkLowering", "FormworkSpec", "FormworkCFN", "FormworkFacts", "FormworkTestSupport",
        ]),
        .testTarget(name: "FormworkKitTests", dependencies: ["FormworkKit", "FormworkTestSupport"]),
        // The command line's own code (QuickArguments against swift-argument-parser).
        .testTarget(name: "FormworkCommandTests", dependencies: [
            "formwork", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)

// Release builds reach a generic type's metadata through a direct accessor,
// not by demangling its name at run time (docs/performance.md, 2026-12-04).
for target in package.targets where target.type != .system && !target.name.hasPrefix("C") && target.type != .test {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
    ]
}

// The fuzz targets (Tests/Fuzz, `make fuzz`, docs/reliability.md). libFuzzer
// provides their `main`, so they exist only in a build that links it:
// FORMWORK_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address.
if Context.environment["FORMWORK_FUZZ"] == "1" {
    for name in ["FuzzPipeline", "FuzzExpressions"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["FormworkTestSupport"], path: "Tests/Fuzz/Sources/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
