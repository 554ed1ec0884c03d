/// Fixture results as JUnit XML, which CI servers read: one suite per region, one
/// case per fixture, a failure element listing the differences.
public enum JUnitReport {
    public static func xml(_ results: [FixtureRunner.Result]) -> String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let failures = results.filter { !$0.mismatches.isEmpty }.count
        lines.append(#"<testsuites name="policy test" tests="\#(results.count)" failures="\#(failures)">"#)
        for region in Set(results.map(\.fixture.region)).sorted() {
            let ofRegion = results.filter { $0.fixture.region == region }
            let failed = ofRegion.filter { !$0.mismatches.isEmpty }.count
            lines.append(#"  <testsuite name="\#(escape(region))" tests="\#(ofRegion.count)" failures="\#(failed)">"#)
            for result in ofRegion {
                let name = escape(result.fixture.name)
                if result.mismatches.isEmpty {
                    lines.append(#"    <testcase classname="\#(escape(region))" name="\#(name)"/>"#)
                } else {
                    lines.append(#"    <testcase classname="\#(escape(region))" name="\#(name)">"#)
                    let message = escape(result.mismatches.first!)
                    lines.append(#"      <failure message="\#(message)">\#(escape(result.mismatches.joined(separator: "\n")))</failure>"#)
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String { xmlEscaped(text) }
}
