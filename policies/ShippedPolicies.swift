import Foundation

/// The policy files shipped with the package, so an installed `evaluate` works from any folder.
public enum ShippedPolicies {
    /// The folder holding `vocabulary.json5`, the region files and `sources/`.
    public static var directory: URL? { Bundle.module.resourceURL }
}
