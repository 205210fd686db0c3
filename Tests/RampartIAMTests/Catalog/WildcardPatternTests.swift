import Foundation
@testable import RampartIAM
import Testing


/// The reference translation: the pattern as an anchored regular expression, `*` -> `.*`,
/// `?` -> `.`, every other character escaped.
func referenceMatches(_ pattern: String, _ text: String, caseSensitive: Bool) -> Bool {
    var regex = "^"
    for character in pattern {
        switch character {
        case "*": regex += ".*"
        case "?": regex += "."
        default: regex += NSRegularExpression.escapedPattern(for: String(character))
        }
    }
    regex += "$"
    var options: NSRegularExpression.Options = [.dotMatchesLineSeparators]
    if !caseSensitive { options.insert(.caseInsensitive) }
    let expression = try! NSRegularExpression(pattern: regex, options: options)
    let range = NSRange(text.startIndex..., in: text)
    return expression.firstMatch(in: text, options: [.anchored], range: range) != nil
}

@Suite struct WildcardPatternTests {
    @Test func agreesWithAnAnchoredRegularExpressionOnRandomPatterns() {
        var random = SplitMix64(seed: 0x5241_4D50)
        let patternAlphabet: [Character] = ["a", "b", "A", "B", ":", "/", "*", "?", ".", "*", "?"]
        let textAlphabet: [Character] = ["a", "b", "A", "B", ":", "/", ".", "*", "?"]
        var disagreements: [String] = []
        var matched = 0
        for _ in 0..<4000 {
            let pattern = String((0..<Int.random(in: 0...7, using: &random)).map { _ in patternAlphabet.randomElement(using: &random)! })
            let text = String((0..<Int.random(in: 0...9, using: &random)).map { _ in textAlphabet.randomElement(using: &random)! })
            for caseSensitive in [true, false] {
                let expected = referenceMatches(pattern, text, caseSensitive: caseSensitive)
                let actual = WildcardPattern(pattern, caseSensitive: caseSensitive).matches(text)
                if expected { matched += 1 }
                if expected != actual {
                    disagreements.append("\(pattern) ~ \(text) caseSensitive=\(caseSensitive): expected \(expected)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        // Both outcomes occur often enough for the agreement to mean something.
        #expect(matched > 200 && matched < 7800, "matched \(matched) of 8000")
    }

    @Test func agreesWithTheReferenceWhenMostTextsMatch() {
        // Texts built from the pattern itself exercise the backtracking paths that match.
        var random = SplitMix64(seed: 42)
        let alphabet: [Character] = ["a", "b", ":", "/", "*", "?"]
        var disagreements: [String] = []
        var matched = 0
        for _ in 0..<2000 {
            let pattern = String((0..<Int.random(in: 1...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            var text = ""
            for character in pattern {
                switch character {
                case "*":
                    text += String((0..<Int.random(in: 0...3, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                case "?": text.append(alphabet.randomElement(using: &random)!)
                default: text.append(Bool.random(using: &random) ? character : Character(character.uppercased()))
                }
            }
            for caseSensitive in [true, false] {
                let expected = referenceMatches(pattern, text, caseSensitive: caseSensitive)
                if expected { matched += 1 }
                if expected != WildcardPattern(pattern, caseSensitive: caseSensitive).matches(text) {
                    disagreements.append("\(pattern) ~ \(text) caseSensitive=\(caseSensitive)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(matched > 2000, "matched \(matched) of 4000")
    }

    @Test func arnPatternsAreCaseSensitive() {
        let pattern = WildcardPattern.arn("arn:aws:s3:::logs-*")
        #expect(pattern.matches("arn:aws:s3:::logs-2024/x"))
        #expect(!pattern.matches("arn:aws:s3:::LOGS-2024/x"))
        #expect(!WildcardPattern.arn("arn:aws:iam::123456789012:role/Admin").matches("arn:aws:iam::123456789012:role/admin"))
        #expect(!WildcardPattern.arn("arn:aws:iam::*:role/A?min").matches("arn:aws:iam::1:role/admin"))
    }

    @Test func actionPatternsIgnoreCase() {
        #expect(WildcardPattern.action("s3:get*acl").matches("s3:GetBucketAcl"))
        #expect(WildcardPattern.action("IAM:PASSROLE").matches("iam:PassRole"))
        #expect(WildcardPattern.action("Iam:Pass?ole").matches("iam:PASSROLE"))
        #expect(!WildcardPattern.action("iam:Put*").matches("iam:GetUserPolicy"))
    }

    @Test func starMatchesEmptyRunsAndQuestionMarkExactlyOneCharacter() {
        #expect(WildcardPattern.arn("*").matches(""))
        #expect(WildcardPattern.arn("a*").matches("a"))
        #expect(WildcardPattern.arn("a*b*c").matches("abc"))
        #expect(WildcardPattern.arn("a*b*c").matches("aXbYbZc"))
        #expect(!WildcardPattern.arn("a?").matches("a"))
        #expect(WildcardPattern.arn("a?").matches("ab"))
        #expect(!WildcardPattern.arn("a?").matches("abc"))
        #expect(!WildcardPattern.arn("").matches("a"))
        #expect(WildcardPattern.arn("").matches(""))
    }

    @Test func questionMarkMatchesOneNonASCIICharacter() {
        #expect(WildcardPattern.arn("bucket/?.txt").matches("bucket/é.txt"))
        #expect(WildcardPattern.arn("bucket/?.txt").matches("bucket/😀.txt"))
        #expect(!WildcardPattern.arn("bucket/??.txt").matches("bucket/é.txt"))
        #expect(WildcardPattern.arn("*é").matches("caféé"))
    }

    @Test func describesItsShape() {
        #expect(WildcardPattern.action("**").matchesEverything)
        #expect(!WildcardPattern.action("iam:PassRole").hasWildcards)
        #expect(WildcardPattern.action("iam:Put*Policy").literalPrefix == "iam:put")
        #expect(WildcardPattern.arn("arn:aws:s3:::B*").literalPrefix == "arn:aws:s3:::B")
    }

    @Test func longPathologicalPatternsFinishQuickly() {
        let pattern = WildcardPattern.arn(String(repeating: "*a", count: 30) + "b")
        let text = String(repeating: "a", count: 5000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!pattern.matches(text)) }
        #expect(elapsed < .seconds(2))
    }

    /// "Variables": `${*}` and a substituted value are literal text, so a literal `*` token only
    /// matches a `*` character.
    @Test func literalStarTokensMatchOnlyAStar() {
        let tokens = WildcardPattern.literalTokens("a*", caseSensitive: true) + [WildcardPattern.star]
        let pattern = WildcardPattern(tokens: tokens, caseSensitive: true)
        #expect(pattern.matches("a*anything"))
        #expect(!pattern.matches("abc"))
        #expect(pattern.description == "a${*}*")
    }

    /// "ARN condition operators": a `*` in one component does not reach across the ARN's colons.
    @Test func arnComponentsAreMatchedOneByOne() {
        let pattern = WildcardPattern.arn("arn:aws:iam::*:role/x")
        #expect(pattern.matchesARNComponents("arn:aws:iam::111122223333:role/x"))
        #expect(!pattern.matchesARNComponents("arn:aws:iam::1:2:role/x"))
        #expect(pattern.matches("arn:aws:iam::1:2:role/x"))
        #expect(WildcardPattern.arn("arn:aws:s3:::b/*").matchesARNComponents("arn:aws:s3:::b/k:with:colons"))
    }
}
