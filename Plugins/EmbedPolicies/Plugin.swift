import Foundation
import PackagePlugin

/// Embeds the files of the package's `policies/` folder in the target as generated Swift
/// source, so that a built `evaluate` carries the shipped policies inside the one file.
/// The folder is read again at every build, so a file added or edited is picked up.
@main
struct EmbedPolicies: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appendingPathComponent("policies")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedPolicies.swift")
        let inputs = Self.files(under: folder)
        return [.buildCommand(
            displayName: "Embedding the \(inputs.count) files of \(folder.lastPathComponent)/",
            executable: try context.tool(named: "PolicyEmbedder").url,
            arguments: [folder.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }

    /// Every file under `folder` but hidden ones and Swift sources, sorted.
    static func files(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, url.pathExtension != "swift" else { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
