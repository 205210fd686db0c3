extension String {
    /// Untrusted text (names, tags, messages quoting them) with control characters made visible
    /// as `\u{..}`, so that a resource name cannot move the cursor, recolour or rewrite a terminal.
    public var terminalSafe: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
