import Foundation
import Testing
@testable import DesignationRules

@Suite struct SourceTextDumpTests {
    @Test func dump() throws {
        guard let name = ProcessInfo.processInfo.environment["DUMP_SOURCE"] else { return }
        let url = URL(fileURLWithPath: "policies/sources/\(name).txt")
        let hints = SourceTextHints.load(beside: url, path: "sources/\(name).txt", diagnostics: DiagnosticCollector())
        let text = SourceTextReader(document: name, hints: hints).read(try String(contentsOf: url, encoding: .utf8))
        var out = ""
        for (index, unit) in text.units.enumerated() {
            var depth = 0, p = unit.parent
            while let q = p { depth += 1; p = text.units[q].parent }
            out += String(repeating: "  ", count: depth) + "\(index) \(unit.kind.rawValue) \(unit.number) [\(unit.citation?.text ?? "-")] L\(unit.lines.lowerBound + 1)-\(unit.lines.upperBound) \(unit.firstWords)\n"
        }
        try out.write(toFile: "/tmp/cite/\(name).units", atomically: true, encoding: .utf8)
    }
}
