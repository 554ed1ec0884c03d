import Foundation
import Synchronization

/// A position in a source file. Lines and columns are 1-based; columns count Unicode scalars.
///
/// Every value and object key read by ``JSON5`` carries one, so that any later
/// diagnostic can name `file:line:column`.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file name as given to the reader (used only for messages).
    public var file: String {
        get { fileName.name }
        set { fileName = FileName(newValue) }
    }
    /// The file, kept as a number where it can be: every value read from a file carries a
    /// location, and the trees of values, expressions and rules are copied often; a number
    /// is copied as it is, where a `String` is counted (an atomic increment and decrement).
    private var fileName: FileName
    /// 1-based line number. CRLF and a lone CR each count as one line break.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (not bytes, not grapheme clusters).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.init(file: FileName(file), line: line, column: column)
    }

    /// Creates a location in a file whose name is looked up already (a reader makes one
    /// location for every value, and looks the name up once).
    init(file: FileName, line: Int, column: Int) {
        self.fileName = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals recognise.
    public var description: String { "\(file):\(line):\(column)" }

    /// The location `scalars` Unicode scalars further along the same line.
    public func advanced(by scalars: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: line, column: column + scalars)
    }

    /// Orders by file name, then line, then column. (A name has one form only: two
    /// forms that differ are two files, whose names are looked up to order them.)
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileName != rhs.fileName { return lhs.file < rhs.file }
        return (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A file name as a location keeps it: a number, so that a location holds no reference
/// and copying one costs nothing more than copying its bytes.
///
/// A name is listed, once, in a table that the whole process shares and that never
/// forgets a name, so that a number always means the same file. The only names made
/// without end, those a batch gives each line it reads (`line 17`), are not listed: they
/// are kept as their line number. Every name has one form only (a name of that shape is
/// always kept as a line number), so the synthesised `==` and hash compare files by name.
enum FileName: Sendable, Hashable {
    case listed(UInt32)
    case line(Int)

    init(_ name: String) {
        self = Self.lineNumber(in: name).map(Self.line) ?? .listed(FileNames.shared.number(of: name))
    }

    var name: String {
        switch self {
        case .listed(let number): FileNames.shared.name(number)
        case .line(let number): Self.lineName(number)
        }
    }

    /// The name a batch gives its line `number`.
    static func lineName(_ number: Int) -> String { "line \(number)" }

    /// The number in a name written as `lineName` writes it, if it is one.
    private static func lineNumber(in name: String) -> Int? {
        let prefix = "line "
        guard name.utf8.starts(with: prefix.utf8) else { return nil }
        let digits = name.utf8.dropFirst(prefix.utf8.count)
        // As `lineName` writes it: digits only, no sign and no leading zero.
        return DecimalDigits.value(digits)
    }
}

/// The file names that locations keep by number (`FileName.listed`).
private final class FileNames: Sendable {
    static let shared = FileNames()

    private struct Listed {
        var names: [String] = []
        var numbers: [String: UInt32] = [:]
    }

    private let listed = Mutex(Listed())

    /// The number of `name`, listed now if it is new.
    func number(of name: String) -> UInt32 {
        listed.withLock { listed in
            if let number = listed.numbers[name] { return number }
            let number = UInt32(listed.names.count)
            listed.names.append(name)
            listed.numbers[name] = number
            return number
        }
    }

    func name(_ number: UInt32) -> String {
        listed.withLock { $0.names[Int(number)] }
    }
}

/// The single error a failed read produces: where, and what was expected there.
public struct JSON5Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The position of the offending character (or of the end of the file).
    public var location: SourceLocation
    /// Says what was found and what was expected, e.g.
    /// "expected ',' or '}' after object member, found 'x'".
    public var message: String

    /// Creates an error.
    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, the compiler-style form.
    public var description: String { "\(location.description.escapingControls): error: \(message.escapingControls)" }
}
