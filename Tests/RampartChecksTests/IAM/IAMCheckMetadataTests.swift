import RampartChecks
import Testing

@Suite struct IAMCheckMetadataTests {
    static let iamChecks = CheckCatalog.all.filter { $0.metadata.service == "iam" }

    @Test func everyIAMCheckIsCataloguedOnceWithWellFormedMetadata() {
        let ids = Self.iamChecks.map(\.metadata.id)
        #expect(ids.count == 34)  // iam.role.no-unknown-cross-account-access (issue 19) is the 34th
        #expect(Set(ids).count == ids.count)
        for check in Self.iamChecks {
            let m = check.metadata
            #expect(m.id.range(of: #"^iam\.[a-z0-9-]+\.[a-z0-9-]+$"#, options: .regularExpression) != nil, "\(m.id)")
            #expect(Set(m.frameworks.keys).isSubset(of: ["cis-aws-3.0", "cis-aws-5.0", "aws-fsbp"]), "\(m.id)")
            #expect(m.remediationCommand.hasPrefix("aws "), "\(m.id)")
            #expect(m.serviceModel == .managed)
            // Some controls have no Prowler counterpart (e.g. workloads on long-lived keys); Prowler
            // files IAM Access Analyzer under its own service.
            #expect(m.prowler == nil || ["iam_", "accessanalyzer_"].contains { m.prowler?.hasPrefix($0) == true }, "\(m.id)")
        }
    }
}
