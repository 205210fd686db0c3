import Crypto
import Foundation

/// SHA-256 from swift-crypto, in the shapes the outputs need: the HTML report's
/// Content-Security-Policy hashes (base64) and bounded ASFF finding ids (hex).
enum SHA256 {
    static func digest(_ text: String) -> [UInt8] { digest(Array(text.utf8)) }

    static func digest(_ message: [UInt8]) -> [UInt8] { Array(Crypto.SHA256.hash(data: message)) }

    static func hex(_ text: String) -> String {
        digest(text).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Standard base64 with padding, as CSP hash sources are written.
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// SHA-1 from swift-crypto, for OSCAL's name-based (version 5) UUIDs only: no security rests on it.
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] { Array(Insecure.SHA1.hash(data: message)) }
}
