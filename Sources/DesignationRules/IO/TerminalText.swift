extension String {
    /// The text with its control characters written as escapes (`\n`, `\t`, `\u{1B}`), for
    /// what is read by people on a terminal. A key or value of a profile, or a file name,
    /// that holds a line break or an escape sequence would otherwise forge a line of output
    /// (`file:1:1: error: …`), move the cursor or clear the screen. Escaped: the C0 and C1
    /// controls and DEL, the line and paragraph separators, and the bidirectional
    /// embeddings, overrides and isolates (which reorder the text shown after them).
    public var escapingControls: String {
        // Most texts have none: returned as they are, without a copy.
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where Self.needsEscape(scalar): escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F, 0x2028, 0x2029, 0x202A ... 0x202E, 0x2066 ... 0x2069: true
        default: false
        }
    }
}
