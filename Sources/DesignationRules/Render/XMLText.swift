/// Text made safe inside XML (and XHTML) elements and attributes: the five markup
/// characters as entities, control characters other than line breaks and tabs as spaces.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.append(text) { scalar in
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&apos;"
        case "\n", "\t": return nil
        case let control where control.value < 0x20: return " "
        default: return nil
        }
    }
    return out
}
