@testable import RampartIAM
import Testing

/// The escalation graph finds the targets a statement's resource pattern names through a sorted
/// index (literal prefix, literal suffix, or a search for the longest literal run): it must give
/// exactly the targets that matching each one would.
@Suite struct TargetIndexTests {
    @Test func theIndexAgreesWithMatchingEveryTarget() {
        var random = SplitMix64(seed: 0x7441_5247)
        let pieces = ["arn:aws:iam::", "111122223333", ":user/", ":role/", "app-", "ops", "-1", "2", "/", ":", "a", "b", "ab", "ba"]
        let wildcards = ["*", "?", ""]
        for _ in 0..<300 {
            let resources = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                (0..<Int.random(in: 1...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            let index = TargetIndex(resources)
            for _ in 0..<20 {
                let pattern = WildcardPattern.arn((0..<Int.random(in: 1...6, using: &random)).map { _ in
                    pieces.randomElement(using: &random)! + wildcards.randomElement(using: &random)!
                }.joined())
                let expected = resources.indices.filter { pattern.matches(resources[$0]) }
                #expect(index.matching(pattern).sorted() == expected, "\(pattern) over \(resources)")
            }
        }
    }

    @Test func aLiteralAcrossTwoTargetsMatchesNeither() {
        // Stored end to end, "…ab" then "cd…" hold "bc" across their boundary; neither contains it.
        let resources = (0..<20).map { "arn:aws:iam::1:user/x\($0)ab" } + ["cd-user"]
        let index = TargetIndex(resources)
        #expect(index.matching(.arn("*bc*")).isEmpty)
        #expect(index.matching(.arn("*abc*")).isEmpty)
        #expect(index.matching(.arn("*b*")).count == 20)
    }

    @Test func aPatternWithALiteralSuffixFindsOnlyTheTargetsEndingWithIt() {
        let resources = (0..<500).map { "arn:aws:iam::111122223333:user/team-\($0 % 7)/user-\($0)" }
        let index = TargetIndex(resources)
        #expect(index.matching(.arn("arn:aws:iam::*:user/*/user-42")) == [42])
        #expect(index.matching(.arn("arn:aws:*:us-east-1:111122223333:*42*")).isEmpty)
        #expect(index.matching(.arn("arn:aws:iam::*:user/team-3/*")).count == resources.filter { $0.contains("team-3/") }.count)
    }

    @Test func literalRunsOfAPattern() {
        let pattern = WildcardPattern.arn("arn:aws:*:us-east-1:1111:*42?x")
        #expect(pattern.literalPrefix == "arn:aws:")
        #expect(pattern.literalSuffix == "x")
        #expect(pattern.longestLiteral == Array(":us-east-1:1111:".utf8))
        #expect(WildcardPattern.arn("abc").literalSuffix == "abc")
        #expect(WildcardPattern.arn("*").longestLiteral.isEmpty)
    }
}
