import Foundation

/// `policy check`'s findings for machines: JSON of our own (`designation-check/1`), and
/// SARIF 2.1.0, the format code-scanning services read to annotate a pull request.
public struct DiagnosticFormats: Sendable {
    public static let schema = "designation-check/1"

    public let diagnostics: [Diagnostic]
    /// The folder checked, as the text output names it.
    public let folder: URL
    public let toolVersion: String

    public init(_ diagnostics: [Diagnostic], folder: URL, toolVersion: String) {
        self.diagnostics = DiagnosticList(diagnostics).diagnostics
        self.folder = folder
        self.toolVersion = toolVersion
    }

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// `{"schema", "folder", "errors", "warnings", "diagnostics": [{severity, code, message,
    /// file, line, column, follows_from?}]}`; files relative to the folder checked.
    public func json() -> String {
        let items = diagnostics.map { diagnostic -> JSONOutput in
            var members: [(String, JSONOutput)] = [("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code)),
                                                    ("message", .string(diagnostic.message))]
            if let location = diagnostic.location { members += position(location) }
            if let cause = diagnostic.causedBy { members.append(("follows_from", .object(position(cause)))) }
            return .object(members)
        }
        return JSONOutput.object([
            ("schema", .string(Self.schema)), ("folder", .string(folder.standardizedFileURL.path)),
            ("errors", .int(errorCount)), ("warnings", .int(diagnostics.count - errorCount)), ("diagnostics", .array(items)),
        ]).serialized() + "\n"
    }

    private func position(_ location: SourceLocation) -> [(String, JSONOutput)] {
        [("file", .string(relative(location.file))), ("line", .int(location.line)), ("column", .int(location.column))]
    }

    /// A SARIF 2.1.0 log (OASIS SARIF v2.1.0, §3.13 sarifLog, §3.14 run, §3.27 result): one
    /// run of `policy check`, one result per diagnostic with its code as `ruleId`, the
    /// file relative to the `POLICIES` base (`originalUriBaseIds`), and a consequence's
    /// root cause as a related location.
    public func sarif() -> String {
        let codes = Array(Set(diagnostics.map(\.code))).sorted()
        let results = diagnostics.map { diagnostic -> JSONOutput in
            var members: [(String, JSONOutput)] = [
                ("ruleId", .string(diagnostic.code)), ("ruleIndex", .int(codes.firstIndex(of: diagnostic.code)!)),
                ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(diagnostic.message + (diagnostic.causedBy == nil ? "" : " (follows from another error)")))])),
            ]
            if let location = diagnostic.location { members.append(("locations", .array([sarifLocation(location)]))) }
            if let cause = diagnostic.causedBy {
                members.append(("relatedLocations", .array([sarifLocation(cause, id: 0, message: "the error this one follows from")])))
            }
            return .object(members)
        }
        let driver: JSONOutput = .object([
            ("name", .string("policy check")), ("version", .string(toolVersion)),
            ("rules", .array(codes.map { .object([("id", .string($0))]) })),
        ])
        let run: JSONOutput = .object([
            ("tool", .object([("driver", driver)])),
            ("originalUriBaseIds", .object([("POLICIES", .object([("uri", .string(baseURI))]))])),
            ("results", .array(results)),
        ])
        return JSONOutput.object([
            ("$schema", .string("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")),
            ("version", .string("2.1.0")), ("runs", .array([run])),
        ]).serialized() + "\n"
    }

    /// The folder as an absolute URI ending in `/`, as a base a relative reference resolves against.
    var baseURI: String {
        let uri = folder.standardizedFileURL.absoluteString
        return uri.hasSuffix("/") ? uri : uri + "/"
    }

    private func sarifLocation(_ location: SourceLocation, id: Int? = nil, message: String? = nil) -> JSONOutput {
        let physical: JSONOutput = .object([
            ("artifactLocation", .object([("uri", .string(uriReference(relative(location.file)))), ("uriBaseId", .string("POLICIES"))])),
            ("region", .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
        ])
        var members: [(String, JSONOutput)] = []
        if let id { members.append(("id", .int(id))) }
        members.append(("physicalLocation", physical))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }

    /// A file as a path under the folder checked, when it is one.
    func relative(_ file: String) -> String {
        let base = folder.standardizedFileURL.path + "/"
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// A relative path as a URI reference: each segment percent-encoded.
    func uriReference(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0) }
            .joined(separator: "/")
    }
}
