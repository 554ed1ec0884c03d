/// A position in a source file. Lines and columns are 1-based; columns count Unicode scalars.
///
/// Every value and object key read by ``JSON5`` carries one, so that any later
/// diagnostic can name `file:line:column`.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file name as given to the reader (used only for messages).
    public var file: String
    /// 1-based line number. CRLF and a lone CR each count as one line break.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (not bytes, not grapheme clusters).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals recognise.
    public var description: String { "\(file):\(line):\(column)" }

    /// The location `scalars` Unicode scalars further along the same line.
    public func advanced(by scalars: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + scalars)
    }

    /// Orders by file name, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
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
    public var description: String { "\(location): error: \(message)" }
}
