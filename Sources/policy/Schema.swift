import DesignationRules
import Foundation

/// `policy schema policy | profile REGION | --out DIR`: JSON Schema for editors.
enum Schema {
    static let help = """
    Usage: policy schema policy                 JSON Schema of a policy file (<region>.json5)
           policy schema vocabulary             JSON Schema of a vocabulary file (vocabulary/*.json5)
           policy schema profile REGION         JSON Schema of a region's profiles
           policy schema --out DIR              all of them, every region: DIR/policy.schema.json,
                                                DIR/vocabulary.schema.json, DIR/profile-<region>.schema.json

    For editors: point yours at the schema to complete keys and facts and flag a wrong type
    or value as you type. A profile schema lists every fact with its type, allowed values,
    bounds and labels (the region's own facts first); `evaluate` remains the judge (a date of
    a past event later than the as-of date only it can see).
      --policies DIR    the policy folder (default: the checkout's policies/, else the shipped one)
    """

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: [.value("--out", "DIR")], help: help)
        if let out = options["--out"] {
            guard options.positional.isEmpty else { throw UsageError("schema --out DIR writes every schema; give no other argument") }
            let policies = options.loadPolicies()
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            write(PolicySchema.json(), to: out + "/policy.schema.json")
            write(VocabularySchema.json(), to: out + "/vocabulary.schema.json")
            for region in policies.regionIDs {
                write(ProfileSchema(policies: policies, region: region).json(), to: out + "/profile-\(region).schema.json")
            }
            output("wrote \(policies.regionIDs.count + 2) schema(s) to \(out.escapingControls) (from \(options.folderName))")
            return .ok
        }
        switch options.positional.first {
        case "policy"?:
            guard options.positional.count == 1 else { throw UsageError("schema policy takes nothing more") }
            output(PolicySchema.json(), terminator: "")
        case "vocabulary"?:
            guard options.positional.count == 1 else { throw UsageError("schema vocabulary takes nothing more") }
            output(VocabularySchema.json(), terminator: "")
        case "profile"?:
            guard options.positional.count == 2 else { throw UsageError("schema profile takes one region, e.g. `policy schema profile national`") }
            let policies = options.loadPolicies(), region = options.positional[1]
            guard policies.policies[region] != nil else {
                throw UsageError("unknown region `\(region.escapingControls)`; regions: \(policies.regionIDs.joined(separator: ", "))")
            }
            output(ProfileSchema(policies: policies, region: region).json(), terminator: "")
        default:
            throw UsageError("schema needs `policy`, `vocabulary`, `profile REGION` or --out DIR")
        }
        return .ok
    }
}
