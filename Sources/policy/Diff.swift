import DesignationRules

/// `policy diff REGION [--against ID]`.
enum Diff {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: ["--against"])
        guard options.positional.count == 1 else { throw UsageError(message: "diff takes one region, e.g. `policy diff shanghai`") }
        let policies = options.loadPolicies()
        let id = options.positional[0]
        guard let region = policies.policies[id] else {
            throw UsageError(message: "unknown region `\(id)`; regions: \(policies.regionIDs.joined(separator: ", "))")
        }
        guard let baseID = options.values["--against"] ?? region.parent, let base = policies.policies[baseID] else {
            throw UsageError(message: "`\(id)` extends no policy; name one with --against")
        }
        output(PolicyDiff(region: region, against: base).render(vocabulary: policies.vocabulary, language: options.language), terminator: "")
        return .ok
    }
}
