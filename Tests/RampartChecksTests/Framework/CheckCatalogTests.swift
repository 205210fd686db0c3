import RampartChecks
import RampartFindings
import Testing

/// Rules every check's metadata follows, so a new check cannot ship half-described.
@Suite struct CheckCatalogTests {
    static let checks = CheckCatalog.all.map(\.metadata)

    @Test func idsAreUniqueAndNamespacedByService() {
        let ids = Self.checks.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate check ids")
        for id in ids {
            let parts = id.split(separator: ".")
            #expect(parts.count == 3, "\(id) is not <service>.<resource>.<what>")
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }, "\(id)")
        }
    }

    @Test func everyCheckCarriesWhatAUserNeedsToActOnIt() {
        for m in Self.checks {
            #expect(!m.title.isEmpty && !m.risk.isEmpty && !m.remediation.isEmpty, "\(m.id)")
            #expect(m.remediationCommand.hasPrefix("aws "), "\(m.id): remediation command must be an AWS CLI command")
            #expect(m.resourceType.hasPrefix("AWS::"), "\(m.id): \(m.resourceType) is not a CloudFormation type name")
        }
    }

    @Test func frameworkIdsAreTheOnesDesignNames() {
        for m in Self.checks {
            for (framework, requirements) in m.frameworks {
                #expect(FrameworkID.all.contains(framework), "\(m.id): unknown framework \(framework)")
                #expect(!requirements.isEmpty, "\(m.id): empty requirement list for \(framework)")
            }
        }
    }

    @Test func prowlerAliasesLookLikeProwlerCheckIds() {
        for m in Self.checks {
            guard let alias = m.prowler else { continue }
            #expect(alias.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(m.id): \(alias)")
        }
    }

    @Test func theFoundationShipsAtLeastThirtyChecksAcrossIAMEC2S3AndRDS() {
        #expect(Self.checks.count >= 30)
        let services = Set(Self.checks.map(\.service))
        for service in ["iam", "ec2", "s3", "rds"] { #expect(services.contains(service), "no \(service) checks") }
    }

    @Test func infrastructureServicesAreMarkedInfrastructure() {
        for m in Self.checks where ["ec2", "vpc", "s3"].contains(m.service) {
            #expect(m.serviceModel == .infrastructure, "\(m.id)")
        }
        for m in Self.checks where ["rds", "dynamodb", "redshift", "emr", "workspaces"].contains(m.service) {
            #expect(m.serviceModel == .managed, "\(m.id)")
        }
    }
}
