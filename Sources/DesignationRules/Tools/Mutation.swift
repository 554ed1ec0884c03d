/// Mutation testing of a policy: small faulty versions of each rule, of the kind an
/// editing mistake makes, each run against the fixtures. A mutant no fixture notices
/// shows a place where the fixtures would not catch a real mistake.
public struct Mutant: Sendable {
    public var region: String
    /// The rule or parameter changed.
    public var target: String
    /// What was changed, for people: "negated", "100 → 101".
    public var change: String
    public var policy: Policy
}

public enum Mutator {
    /// Every mutant of the rules and parameters a policy file itself sets.
    public static func mutants(of policy: Policy) -> [Mutant] {
        var mutants: [Mutant] = []
        for (index, rule) in policy.rules.enumerated() where rule.citation.document == policy.id {
            func mutant(_ change: String, _ edit: (inout Rule) -> Void) {
                var copy = policy
                edit(&copy.rules[index])
                mutants.append(Mutant(region: policy.id, target: rule.id, change: change, policy: copy))
            }
            mutant("test negated") { $0.polarity = $0.polarity == .requires ? .failsIf : .requires }
            mutant("rule dropped (always passes)") {
                $0.polarity = .requires
                $0.test = Compiled(operation: .constant(.boolean(true)), type: .boolean, text: "true", location: $0.test.location)
            }
            if rule.appliesIf != nil { mutant("applies_if removed") { $0.appliesIf = nil } }
            for (position, value) in rule.test.thresholds.enumerated() {
                for changed in nudged(value) {
                    mutant("threshold \(value) → \(changed)") { $0.test = $0.test.replacingThreshold(position, with: changed) }
                }
            }
            for (position, value) in (rule.appliesIf?.thresholds ?? []).enumerated() {
                for changed in nudged(value) {
                    mutant("applies_if threshold \(value) → \(changed)") { $0.appliesIf = $0.appliesIf?.replacingThreshold(position, with: changed) }
                }
            }
        }
        for (index, parameter) in policy.parameters.enumerated() where parameter.citation.document == policy.id {
            for changed in nudged(parameter.value) {
                var copy = policy
                copy.parameters[index].value = changed
                mutants.append(Mutant(region: policy.id, target: "parameter \(parameter.name)", change: "\(parameter.value) → \(changed)", policy: copy))
            }
        }
        return mutants
    }

    /// A threshold moved by one: 100 → 99 and 101; 3 months → 2 and 4 months.
    static func nudged(_ value: Value) -> [Value] {
        switch value {
        case .integer(let n): return [.integer(n - 1), .integer(n + 1)]
        case .decimal(let x): return [.decimal(x - 1), .decimal(x + 1)]
        case .period(let p): return [p.amount - 1, p.amount + 1].filter { $0 >= 0 }.map { .period(Period($0, p.unit)) }
        default: return []
        }
    }
}

/// The result of running the fixtures against every mutant of every region.
public struct MutationReport: Sendable {
    public struct Region: Sendable {
        public var id: String
        public var total: Int
        public var survivors: [Mutant]
        public var score: Double { total == 0 ? 1 : Double(total - survivors.count) / Double(total) }
    }

    public var regions: [Region]

    /// Runs `fixtures` (already prepared) against each mutant of their regions.
    public static func run(_ runner: FixtureRunner, _ fixtures: [PreparedFixture]) -> MutationReport {
        var regions: [Region] = []
        for id in Set(fixtures.map(\.fixture.region)).sorted() {
            guard let policy = runner.policies.policies[id] else { continue }
            let ofRegion = fixtures.filter { $0.fixture.region == id }
            let mutants = Mutator.mutants(of: policy)
            let survivors = mutants.filter { mutant in
                ofRegion.allSatisfy { runner.run($0, policy: mutant.policy).mismatches.isEmpty }
            }
            regions.append(Region(id: id, total: mutants.count, survivors: survivors))
        }
        return MutationReport(regions: regions)
    }
}
