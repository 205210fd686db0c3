import RampartFindings
import RampartSuppressions
import Testing

@Suite struct BaselineTests {
    let json = """
        [{"checkId": "a", "status": "FAIL", "severity": "high", "message": "old words", "resource": {"arn": "arn:1"}},
         {"checkId": "b", "status": "PASS", "resource": {"arn": "arn:1"}}]
        """

    @Test func onlyFailuresNotInTheBaselineTripFailOn() throws {
        let baseline = try Baseline.parse(Array(json.utf8), file: "base.json")
        var known = finding("a", arn: "arn:1")
        known.message = "new words"
        // b was a PASS in the baseline, so its FAIL now is new; a on arn:1 was already failing.
        let out = baseline.apply(to: report([finding("b", arn: "arn:1"), known, finding("a", arn: "arn:2")]))
        #expect(out.failures(atLeast: .informational).map(\.findingId) == ["b/arn:1", "a/arn:2"])
        #expect(out.isKnownFailure(known))
    }

    @Test(arguments: [
        ("{\"checkId\": \"a\"}", "not Rampart's findings JSON"), ("[{\"status\": \"FAIL\", \"resource\": {\"arn\": \"x\"}}]", "checkId"),
        ("[{\"checkId\": \"a\", \"status\": \"BAD\", \"resource\": {\"arn\": \"x\"}}]", "status"), ("not json", "not JSON"),
    ])
    func anythingButRampartsFindingsJSONIsOneLineNamingTheFile(_ text: String, _ expected: String) {
        do {
            _ = try Baseline.parse(Array(text.utf8), file: "base.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("base.json: "))
            #expect(error.description.contains(expected))
            #expect(!error.description.contains("\n"))
        }
    }
}
