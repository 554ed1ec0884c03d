import DesignationRules

/// Deterministic, realistic national profiles: mostly complete applicants, with the
/// mix of failures, missing facts and past terminations a real intake has.
struct ProfileGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast and the same on every machine.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
    private mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    private mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    static let types = ["general-hospital", "tcm-hospital", "specialty-hospital", "community-health-center",
                        "township-health-center", "outpatient-department", "clinic", "village-clinic", "nursing-home"]
    static let materials = ["application-form", "practice-licence-copy", "management-and-financial-rules",
                            "information-system-materials", "fund-use-forecast"]

    /// One profile as a line of JSON, about 600–900 bytes.
    mutating func line(_ index: Int) -> String {
        let type = pick(Self.types)
        let hospital = type.hasSuffix("hospital")
        let beds = hospital ? number(40...600) : number(0...30)
        let opened = "20\(number(18...26))-\(pad(number(1...12)))-\(pad(number(1...28)))"
        var materials = Self.materials
        if chance(15) { materials.remove(at: number(0...4)) }
        var fields = [
            "\"institution_name\":\"机构\(index)\"",
            "\"address\":\"某市某区某路\(number(1...999))号\"",
            "\"institution_type\":\"\(type)\"",
            "\"licence\":\"\(chance(97) ? "practice-licence" : "none")\"",
            "\"operation_start_date\":\"\(opened)\"",
            "\"bed_count\":\(beds)",
            "\"physicians\":[{\"name\":\"医师甲\",\"certificate\":\"physician-practice\",\"first_registered_here\":\(chance(92))},{\"name\":\"医师乙\",\"certificate\":\"\(pick(["physician-practice", "other"]))\",\"first_registered_here\":\(chance(50))}]",
            "\"head_responsible_for_insurance\":\(chance(95))",
            "\"insurance_staff_count\":\(number(0...4))",
            "\"insurance_department\":\(beds >= 100 ? chance(90) : false)",
            "\"insurance_department_fulltime_staff\":\(beds >= 100 ? number(0...3) : 0)",
            "\"management_rules\":[\"insurance-management\",\"financial\",\"statistics-information\"\(chance(90) ? ",\"quality-safety-core\"" : "")]",
            "\"his_interface_compliant\":\(chance(95))", "\"transmits_all_visit_data\":true", "\"direct_settlement_ready\":\(chance(95))",
            "\"insurance_databases_established\":true", "\"uses_national_insurance_codes\":\(chance(97))",
            "\"facilities_match_services\":\(chance(96))", "\"meets_provincial_conditions\":true",
            "\"materials_submitted\":[" + materials.map { "\"\($0)\"" }.joined(separator: ",") + "]",
            "\"provincial_materials_required\":false",
            "\"main_scope_non_basic\":\(chance(3))", "\"follows_price_policy\":\(chance(98))",
            "\"administrative_penalty_unfulfilled\":\(chance(2))", "\"fraudulent_application_found\":false",
            "\"past_terminations\":" + (chance(5) ? "[{\"cause\":\"serious-breach\",\"date\":\"2025-0\(number(1...9))-15\",\"liability_fulfilled\":true}]" : "[]"),
            "\"key_persons\":[{\"role\":\"legal-representative\",\"name\":\"法人\",\"caused_termination\":false,\"on_dishonest_list\":\(chance(1))}]",
            "\"other_statutory_refusal_ground\":false",
            "\"application_date\":\"2026-\(pad(number(1...10)))-\(pad(number(1...28)))\"",
            "\"previous_evaluation\":\"none\"",
        ]
        // Some intakes are incomplete: a fact or two left out (unknown, asked back).
        if chance(8) { fields.remove(at: number(3...fields.count - 1)) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
