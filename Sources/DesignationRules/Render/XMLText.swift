/// Text made safe inside XML (and XHTML) elements and attributes: the five markup
/// characters as entities, control characters other than line breaks and tabs as spaces.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\t": out.unicodeScalars.append(scalar)
        case let control where control.value < 0x20: out += " "
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
