extension String {
    /// Appends `text`, writing each scalar for which `escape` gives a replacement as that
    /// replacement (the escapes of JSON strings and of XML text each name theirs).
    mutating func append(_ text: String, escaping escape: (Unicode.Scalar) -> String?) {
        for scalar in text.unicodeScalars {
            if let replacement = escape(scalar) { self += replacement } else { unicodeScalars.append(scalar) }
        }
    }
}
