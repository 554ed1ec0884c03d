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
        // The shipped policy files (every file of `policies/`), embedded in the binary at
        // build time by the plugin below: an installed `evaluate` is then one file that works
        // from any folder, and a new policy file ships without an edit here.
        .target(name: "ShippedPolicies", plugins: ["EmbedPolicies"]),
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
