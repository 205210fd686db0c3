import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element as botocore's parsers see one (ElementTree): a tag without its namespace,
/// attributes, child elements, and `text` — the character data before the first child.
final class XMLElement {
    /// The local name (`Code`, not `ns:Code`).
    let tag: String
    /// The name as written, prefix included: S3's error check compares it unstripped.
    let qualifiedName: String
    /// Attributes by their names as written (`xsi:type`), with namespace declarations.
    let attributes: [String: String]
    var children: [XMLElement] = []
    var text = ""

    init(qualifiedName: String, attributes: [String: String]) {
        self.qualifiedName = qualifiedName
        if let colon = qualifiedName.lastIndex(of: ":") {
            tag = String(qualifiedName[qualifiedName.index(after: colon)...])
        } else {
            tag = qualifiedName
        }
        self.attributes = attributes
    }

    /// Whether ElementTree would give this element a `{namespace}` tag.
    var hasNamespace: Bool {
        if qualifiedName.contains(":") { return true }
        return attributes["xmlns"].map { !$0.isEmpty } ?? false
    }
}

/// Why a body is not well-formed XML.
struct XMLSyntaxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Builds an `XMLElement` tree with Foundation's SAX parser, reading from a stream so that
/// documents over 10 MB (libxml2's in-memory limit) parse too.
enum XMLTree {
    static func parse(_ bytes: [UInt8]) throws(XMLSyntaxError) -> XMLElement {
        // AWS sends UTF-8; Foundation's parser traps on element names that are not (found by fuzzing).
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw XMLSyntaxError(message: "invalid XML received (not UTF-8)")
        }
        // Foundation's parser also crashes on a processing instruction without data (`<?x?>`);
        // AWS sends none beyond the leading XML declaration.
        guard !hasProcessingInstruction(bytes) else {
            throw XMLSyntaxError(message: "invalid XML received (unexpected processing instruction)")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        if let error = builder.error { throw error }
        guard ok, let root = builder.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "not well-formed"
            throw XMLSyntaxError(message: "invalid XML received (\(reason))")
        }
        return root
    }

    /// Whether `<?` appears anywhere but in an XML declaration (`<?xml` and a space) at the start.
    static func hasProcessingInstruction(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") {
                let declaration = Array("<?xml".utf8)
                let isDeclaration = index == start && bytes[index...].starts(with: declaration) && index + 5 < bytes.count
                    && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index + 5])
                if !isDeclaration { return true }
            }
            index += 1
        }
        return false
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElement?
    var stack: [XMLElement] = []
    var error: XMLSyntaxError?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let element = XMLElement(qualifiedName: qName ?? elementName, attributes: attributeDict)
        if let parent = stack.last {
            parent.children.append(element)
        } else if root == nil {
            root = element
        }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        append(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        append(String(decoding: CDATABlock, as: UTF8.self))
    }

    private func append(_ string: String) {
        // ElementTree's `text` is what comes before the first child; later text is a child's tail.
        guard let current = stack.last, current.children.isEmpty else { return }
        current.text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil { error = XMLSyntaxError(message: "invalid XML received (\(parseError))") }
    }
}
