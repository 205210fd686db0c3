import RampartIAM
import Testing

@Suite struct IAMModuleTests {
    @Test func citesTheEvaluationLogicPage() {
        #expect(RampartIAMEngine.evaluationLogicURL.hasPrefix("https://docs.aws.amazon.com/IAM/"))
    }
}
