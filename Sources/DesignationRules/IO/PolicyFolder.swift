import Foundation

/// Where the policy files are: the tools say which folder they read, because staff who
/// edit `policies/` and then check a copy that is not the one they edited are misled.
public enum PolicyFolder {
    /// The folder a folder of policies is known by: its vocabulary lives in it.
    static let marker = PolicySet.vocabularyFolder

    /// The `policies/` folder of the checkout that `start` is in: `start/policies`, or the
    /// same beside any folder above it (so that `cd policies && policy check` and a run
    /// from `fixtures/beijing/` both find the checkout's own). Nil outside a checkout.
    public static func enclosing(_ start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("policies")
            if isPolicyFolder(candidate) { return candidate }
            if isPolicyFolder(folder), folder.lastPathComponent == "policies" { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The checkout's folder from the current directory.
    public static func enclosingCurrentDirectory() -> URL? {
        enclosing(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    static func isPolicyFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether two policy folders hold the same files for an evaluation, byte for byte:
    /// the policy, vocabulary, notices and calendar files (the official texts under
    /// `sources/` are read by `policy check` only, and are the bulk of the folder).
    public static func sameContents(_ a: URL, _ b: URL) -> Bool {
        let files = evaluatedFiles(in: a)
        guard files == evaluatedFiles(in: b) else { return false }
        return files.allSatisfy { name in
            FileManager.default.contents(atPath: a.appendingPathComponent(name).path)
                == FileManager.default.contents(atPath: b.appendingPathComponent(name).path)
        }
    }

    /// The relative paths of the files an evaluation reads, sorted.
    static func evaluatedFiles(in folder: URL) -> [String] {
        var files: [String] = []
        for subfolder in ["", PolicySet.vocabularyFolder + "/", "notices/", "calendar/"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)) ?? []
            files += names.filter { $0.hasSuffix(".json5") || $0.hasSuffix(".json") }.map { subfolder + $0 }
        }
        return files.sorted()
    }

    /// A folder as a message names it: relative to the current directory when inside it.
    public static func display(_ url: URL) -> String {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(here + "/") { return String(path.dropFirst(here.count + 1)) }
        return path
    }
}
