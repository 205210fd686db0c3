import RampartSuppressions
import Testing

@Suite struct GlobTests {
    func matches(_ pattern: String, _ text: String) throws -> Bool { try Glob(pattern).matches(text) }

    @Test func starMatchesAnyRunIncludingSlashesAndColons() throws {
        #expect(try matches("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2026/archive"))
        #expect(try matches("ec2.*", "ec2.instance.ssh-not-exposed-to-internet"))
        #expect(try matches("*", ""))
        #expect(try matches("a*b*c", "a-x-b-y-c"))
        #expect(try !matches("a*b*c", "a-x-b-y-d"))
    }

    @Test func theWholeStringMustMatch() throws {
        #expect(try !matches("ec2", "ec2.instance"))
        #expect(try !matches("instance", "ec2.instance"))
        #expect(try matches("s3.bucket.tls-required", "s3.bucket.tls-required"))
    }

    @Test func questionMarkIsExactlyOneCharacter() throws {
        #expect(try matches("eu-west-?", "eu-west-1"))
        #expect(try !matches("eu-west-?", "eu-west-10"))
        #expect(try !matches("eu-west-?", "eu-west-"))
    }

    @Test func setsRangesAndNegation() throws {
        #expect(try matches("us-east-[12]", "us-east-2"))
        #expect(try !matches("us-east-[12]", "us-east-3"))
        #expect(try matches("i-[0-9a-f]*", "i-0abc"))
        #expect(try !matches("i-[0-9a-f]*", "i-xyz"))
        #expect(try matches("[!e]*", "us-east-1"))
        #expect(try !matches("[!e]*", "eu-west-1"))
        #expect(try matches("[]]", "]"))
    }

    @Test func backslashMakesTheNextCharacterLiteral() throws {
        #expect(try matches("a\\*b", "a*b"))
        #expect(try !matches("a\\*b", "axb"))
        #expect(try matches("\\[x]", "[x]"))
    }

    @Test func isCaseSensitive() throws {
        #expect(try !matches("EC2.*", "ec2.instance.x"))
    }

    @Test(arguments: ["[abc", "a[", "[!", "x\\", "[z-a]"])
    func patternsThatCannotCompileAreErrorsThatSayWhy(_ pattern: String) {
        #expect(throws: GlobError.self) { try Glob(pattern) }
        do {
            _ = try Glob(pattern)
        } catch {
            #expect(error.description.contains(pattern))
        }
    }

    @Test func manyStarsDoNotBlowUp() throws {
        let pattern = String(repeating: "*a", count: 30) + "b"
        #expect(try !matches(pattern, String(repeating: "a", count: 200)))
    }
}
