// swift-tools-version: 6.1
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
        // The shipped policy files, embedded in the binary at build time by the plugin below
        // (an installed `evaluate` is then one file that works from any folder). The
        // target's folder *is* `policies/`: the plugin reads every file there; they are
        // excluded here only so that SwiftPM does not take them for unhandled resources.
        .target(
            name: "ShippedPolicies",
            path: "policies",
            exclude: ["vocabulary", "calendar", "notices", "sources",
                      "national.json5", "shanghai.json5", "liaocheng.json5", "tianjin.json5", "beijing.json5"],
            sources: ["ShippedPolicies.swift"],
            plugins: ["EmbedPolicies"]
        ),
        .plugin(name: "EmbedPolicies", capability: .buildTool(), dependencies: ["PolicyEmbedder"]),
        .executableTarget(name: "PolicyEmbedder"),
        // Static linking is for installing (README "Install": `swift build -c release
        // --static-swift-stdlib`), not a setting here, where it would keep the package from
        // being used as a dependency.
        .executableTarget(name: "evaluate", dependencies: ["DesignationRules", "ShippedPolicies"]),
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
