import DesignationRules
import Foundation

/// `evaluate --verify REPORT.json PROFILE.json`: makes the filed decision again, under the
/// region, procedure and as-of date the report records, from the policy files in use now,
/// and says whether the decision and the files that made it are the same.
func runVerify(report path: String, options: Options, directory: URL) -> ExitCode {
    guard let profilePath = options.profile else {
        fail("evaluate: --verify REPORT.json needs the profile the report decided: evaluate --verify REPORT.json PROFILE.json", .usage)
    }
    let zh = options.resolvedLanguage(environment: ProcessInfo.processInfo.environment) == .zh
    let descriptor = openInput(path, expecting: "a JSON report")
    let read: [UInt8]?
    do { read = try Descriptor.readAll(descriptor, limit: 64 << 20) } catch {
        fail("evaluate: cannot read \(path.escapingControls): \(error.reason)", .ioError)
    }
    if descriptor != STDIN_FILENO { close(descriptor) }
    guard let bytes = read else { fail("evaluate: \(path.escapingControls) is larger than 64 MiB; it is no report of evaluate", .badInput) }
    let filed: FiledDecision
    do { filed = try FiledDecision(report: bytes, file: path) } catch { fail("evaluate: cannot verify: \(error)", .badInput) }

    let policies: PolicySet
    do { policies = try PolicySet(directory: directory, onlyRegion: filed.region) } catch {
        fail("evaluate: the policy files have errors:\n\(error)", .badPolicy)
    }
    guard let policy = policies.policies[filed.region] else {
        fail("evaluate: the report was made under region \(filed.region.escapingControls), which the policies in use today lack", .decisionDiffers)
    }
    guard let evaluator = Evaluator(policy: policy, calendar: policies.calendar, procedure: filed.provenance.procedure) else {
        fail("evaluate: the report decided procedure \(filed.provenance.procedure.escapingControls), which \(filed.region) no longer lays down", .decisionDiffers)
    }
    let (profile, profileBytes) = readProfileAndBytes(profilePath, vocabulary: policies.vocabulary, asOf: filed.asOf)
    guard SHA256.hex(profileBytes) == filed.provenance.profileSHA256 else {
        fail("evaluate: \(profilePath.escapingControls) is not the profile \(path.escapingControls) decided (their SHA-256 differ)", .badInput)
    }
    let evaluation = evaluator.evaluate(profile, asOf: filed.asOf)
    let document = Provenance(policies: policies, evaluation: evaluation, profile: profileBytes)
        .stamped(JSONReport(vocabulary: policies.vocabulary, language: .en).document(evaluation))
    let today: FiledDecision
    do { today = try FiledDecision(report: Array(document.serialized().utf8), file: "today's report") } catch {
        fail("evaluate: internal error: today's report cannot be read back: \(error)", .badInput)
    }
    let (decision, files) = filed.differences(from: today)
    let headline: String
    let code: ExitCode
    if !decision.isEmpty {
        headline = zh ? "判定不同：今日按同一申请材料、同一日期（\(filed.asOf)）作出的判定与报告不一致" : "The decision differs: decided again today on the same profile and date (\(filed.asOf)), it is not the one the report records"
        code = .decisionDiffers
    } else if !files.isEmpty {
        headline = zh ? "判定相同（\(filed.verdict)），但据以判定的文件或工具版本已变更" : "The same decision (\(filed.verdict)), but made from changed files or another tool version"
        code = .filesDiffer
    } else {
        headline = zh ? "判定相同（\(filed.verdict)），据以判定的文件逐字节相同（SHA-256）" : "The same decision (\(filed.verdict)), from the same files byte for byte (SHA-256)"
        code = .eligible
    }
    Streams.out(([headline] + (decision + files).map { "  " + words($0, zh: zh) }).joined(separator: "\n") + "\n")
    return code
}

/// A difference in words. Ids (of rules, stages, outcomes, statuses) are printed as the
/// JSON report records them, so that they can be found there.
private func words(_ difference: FiledDecision.Difference, zh: Bool) -> String {
    func absent(_ text: String?) -> String { text ?? (zh ? "无" : "absent") }
    switch difference {
    case .verdict(let then, let today):
        return zh ? "结论：报告为 \(then)，今日为 \(today)" : "verdict: \(then) then, \(today) today"
    case .stage(let id, let then, let today):
        return zh ? "阶段 \(id)：报告为 \(absent(then))，今日为 \(absent(today))" : "stage \(id): \(absent(then)) then, \(absent(today)) today"
    case .rule(let id, let then, let today):
        return zh ? "规则 \(id)：报告为 \(absent(then))，今日为 \(absent(today))" : "rule \(id): \(absent(then)) then, \(absent(today)) today"
    case .version(let then, let today):
        return zh ? "工具版本：报告为 \(then)，今日为 \(today)" : "tool: version \(then) then, \(today) today"
    case .file(let path, let then?, let today?) where then.sha256 != today.sha256:
        return zh ? "\(path)：内容已变更（SHA-256 报告为 \(then.sha256.prefix(12))…，今日为 \(today.sha256.prefix(12))…）"
                  : "\(path): changed (sha256 \(then.sha256.prefix(12))… then, \(today.sha256.prefix(12))… today)"
    case .file(let path, let then?, let today?):
        return zh ? "\(path)：文号报告为 \(absent(then.document))，今日为 \(absent(today.document))"
                  : "\(path): document \(absent(then.document)) then, \(absent(today.document)) today"
    case .file(let path, nil, _):
        return zh ? "\(path)：今日新增" : "\(path): new today"
    case .file(let path, _, nil):
        return zh ? "\(path)：今日已无此文件" : "\(path): gone today"
    }
}
