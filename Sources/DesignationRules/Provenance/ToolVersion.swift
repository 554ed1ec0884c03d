/// The version of the tools (`evaluate --version`, `policy --version`), which every JSON
/// report records: the one place it is written.
public enum ToolVersion {
    public static let current = "0.2.0"
}
