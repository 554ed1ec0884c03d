import DesignationRules

/// `policy diff REGION [--against ID]`.
enum Diff {
    static let help = """
    Usage: policy diff REGION [--against ID] [--policies DIR] [--lang zh|en]

    What a region replaces, waives and adds, against the policy it extends (or --against ID).
    """

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: [.value("--against", "ID")], languages: true, help: help)
        guard options.positional.count == 1 else { throw UsageError("diff takes one region, e.g. `policy diff shanghai`") }
        let policies = options.loadPolicies()
        let id = options.positional[0]
        guard let region = policies.policies[id] else {
            throw UsageError("unknown region `\(id)`; regions: \(policies.regionIDs.joined(separator: ", "))")
        }
        guard let baseID = options["--against"] ?? region.parent, let base = policies.policies[baseID] else {
            throw UsageError("`\(id)` extends no policy; name one with --against")
        }
        output(PolicyDiff(region: region, against: base).render(vocabulary: policies.vocabulary, language: options.language), terminator: "")
        output("(read from \(options.folderName))")
        return .ok
    }
}
