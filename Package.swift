// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "DesignationRules",
    products: [
        .library(name: "DesignationRules", targets: ["DesignationRules"]),
        .executable(name: "evaluate", targets: ["evaluate"]),
        .executable(name: "policy", targets: ["policy"]),
    ],
    targets: [
        // The interpreter: general, knows no article, region or fact by name.
        .target(name: "DesignationRules"),
        // The shipped policy files, carried as resources so an installed
        // `evaluate` works from any folder. SwiftPM takes resources only from
        // inside a target's folder, so the target's folder *is* `policies/`.
        .target(
            name: "ShippedPolicies",
            path: "policies",
            sources: ["ShippedPolicies.swift"],
            // Every policy file must be listed here to ship; a test checks none is missing.
            resources: [
                .copy("vocabulary"),
                .copy("calendar"),
                .copy("notices"),
                .copy("national.json5"),
                .copy("shanghai.json5"),
                .copy("liaocheng.json5"),
                .copy("tianjin.json5"),
                .copy("beijing.json5"),
                .copy("sources"),
            ]
        ),
        // Linked with the Swift runtime and Foundation built in: a reviewer's single
        // evaluation then starts about 8 ms sooner (no dynamic loading of the libraries).
        .executableTarget(name: "evaluate", dependencies: ["DesignationRules", "ShippedPolicies"],
                          swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
                          linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]),
        .executableTarget(name: "policy", dependencies: ["DesignationRules", "ShippedPolicies"]),
        // The benchmark of README's "Performance" section (it runs the release-built `evaluate`).
        .executableTarget(name: "benchmark", dependencies: ["DesignationRules"]),
        .testTarget(
            name: "DesignationRulesTests",
            dependencies: ["DesignationRules", "ShippedPolicies"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
