import Foundation

/// The policy files shipped inside the binary, so that a copied `evaluate` works from any
/// folder with no other file beside it.
///
/// The EmbedPolicies build plugin puts every file of the package's `policies/` into the binary
/// (`EmbeddedPolicies`). The loader reads a folder, so on first use they are unpacked
/// into the user's cache (`$XDG_CACHE_HOME`, else `~/.cache`, else a folder of the user's
/// in the temporary folder), in a folder named by their fingerprint: a later run of the same build finds it there,
/// a different build unpacks its own beside it. The folder appears whole or not at all
/// (written under another name, then renamed), so runs at the same moment cannot see
/// half of it.
public enum ShippedPolicies {
    /// Why the shipped policies could not be unpacked: every place tried, with its reason.
    public struct UnpackError: Error, CustomStringConvertible {
        public var attempts: [(folder: String, reason: String)]
        public var description: String {
            "cannot unpack the shipped policies: " + attempts.map { "\($0.folder): \($0.reason)" }.joined(separator: "; ")
        }
    }

    /// The folder holding the shipped `vocabulary/`, region files, `notices/` and `sources/`,
    /// unpacked now if this build's files are not there yet.
    public static func folder() throws(UnpackError) -> URL {
        var attempts: [(String, String)] = []
        for base in cacheFolders() {
            let target = base.appendingPathComponent("policies-\(EmbeddedPolicies.digest)")
            var status = stat()
            if stat(target.path, &status) == 0 {
                // Only a folder this user made is trusted: in a shared temporary folder,
                // another user could have put other rules there.
                if status.st_uid == getuid() { return target }
                attempts.append((target.path, "it belongs to another user"))
                continue
            }
            do {
                try unpack(into: target)
                return target
            } catch {
                attempts.append((base.path, error.reason))
            }
        }
        throw UnpackError(attempts: attempts)
    }

    /// The shipped policies' folder, or nil when they cannot be unpacked anywhere.
    public static var directory: URL? { try? folder() }

    /// The files as they are embedded: each path under `policies/` and its bytes.
    public static var files: [(path: String, bytes: Data)] {
        EmbeddedPolicies.files.map { ($0.path, Data(base64Encoded: $0.base64)!) }
    }

    private static func cacheFolders() -> [URL] {
        let environment = ProcessInfo.processInfo.environment
        var folders: [URL] = []
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { folders.append(URL(fileURLWithPath: cache)) }
        if let home = environment["HOME"], home.hasPrefix("/") { folders.append(URL(fileURLWithPath: home).appendingPathComponent(".cache")) }
        return folders.map { $0.appendingPathComponent("designation-rules") }
            + [URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("designation-rules-\(getuid())")]
    }

    /// A failed system call, in the system's words.
    private struct SystemError: Error { var reason: String }

    private static func unpack(into target: URL) throws(SystemError) {
        let parent = target.deletingLastPathComponent().path
        try makeFolders(parent)
        let staging = "\(parent)/.\(target.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        for (path, bytes) in files {
            let file = "\(staging)/\(path)"
            try makeFolders(String(file[..<file.lastIndex(of: "/")!]))
            try write(bytes, to: file)
        }
        // Another run may have finished first: its folder holds the same files.
        if rename(staging, target.path) != 0, !FileManager.default.fileExists(atPath: target.path) { throw failure() }
    }

    private static func makeFolders(_ path: String) throws(SystemError) {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw failure() }
        }
    }

    private static func write(_ bytes: Data, to path: String) throws(SystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw written < 0 ? failure() : SystemError(reason: "short write") }
    }

    private static func failure() -> SystemError { SystemError(reason: String(cString: strerror(errno))) }
}
