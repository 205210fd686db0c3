@testable import RampartIAM
import Testing

/// The internal `*` / `?` matcher ("IAM JSON policy elements: Action" and "Resource": wildcards).
@Suite struct WildcardTests {
    @Test func starMatchesAnyRunIncludingEmpty() {
        #expect(Wildcard("a*b").matches("ab"))
        #expect(Wildcard("a*b").matches("a/x:y/b"))
        #expect(!Wildcard("a*b").matches("a/x:y/bc"))
        #expect(Wildcard("*").matches(""))
    }

    @Test func questionMarkMatchesExactlyOneCharacter() {
        #expect(Wildcard("a?c").matches("abc"))
        #expect(!Wildcard("a?c").matches("ac"))
        #expect(Wildcard("??").matches("é!"))
    }

    @Test func caseInsensitiveForActions() {
        #expect(Wildcard("S3:Get*", caseInsensitive: true).matches("s3:getobject"))
        #expect(!Wildcard("S3:Get*").matches("s3:getobject"))
    }

    /// A reference matcher: the classic recursive definition.
    static func reference(_ p: [Character], _ t: [Character]) -> Bool {
        guard let first = p.first else { return t.isEmpty }
        switch first {
        case "*": return reference(Array(p.dropFirst()), t) || (!t.isEmpty && reference(p, Array(t.dropFirst())))
        case "?": return !t.isEmpty && reference(Array(p.dropFirst()), Array(t.dropFirst()))
        default: return t.first == first && reference(Array(p.dropFirst()), Array(t.dropFirst()))
        }
    }

    @Test func agreesWithAReferenceMatcherOnRandomPatterns() {
        var rng = SplitMix64(seed: 0x5EED)
        let alphabet: [Character] = ["a", "b", ":"]
        for _ in 0..<2000 {
            let p = (0..<Int(rng.next() % 7)).map { _ in (alphabet + ["*", "?"])[Int(rng.next() % 5)] }
            let t = (0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % 3)] }
            #expect(Wildcard(String(p)).matches(String(t)) == Self.reference(p, t), "\(String(p)) vs \(String(t))")
        }
    }
}

