import RampartFindings
import Testing

@Suite struct SSMChecksTests {
    static func instance(_ id: String, state: String = "running") -> String {
        #"{"InstanceId": "\#(id)", "InstanceType": "t3.micro", "State": {"Name": "\#(state)"}, "Placement": {"AvailabilityZone": "us-east-1a"}}"#
    }

    static func summary(_ id: String, _ type: String, _ status: String) -> String {
        #"{"ComplianceType": "\#(type)", "ResourceType": "ManagedInstance", "ResourceId": "\#(id)", "Status": "\#(status)", "OverallSeverity": "UNSPECIFIED"}"#
    }

    /// Shaped as `aws ec2 describe-instances`, `aws ssm describe-instance-information` and
    /// `aws ssm list-resource-compliance-summaries` print them.
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-instances", """
            {"Reservations": [{"Instances": [\(Self.instance("i-patched")), \(Self.instance("i-behind")), \(Self.instance("i-unmanaged")),
              \(Self.instance("i-stopped", state: "stopped"))]}]}
            """)
        f.answer("us-east-1", "ssm", "describe-instance-information", """
            {"InstanceInformationList": [{"InstanceId": "i-patched", "PingStatus": "Online"}, {"InstanceId": "i-behind", "PingStatus": "Online"}]}
            """)
        f.answer("us-east-1", "ssm", "list-resource-compliance-summaries", """
            {"ResourceComplianceSummaryItems": [\(Self.summary("i-patched", "Patch", "COMPLIANT")), \(Self.summary("i-patched", "Association", "COMPLIANT")),
              \(Self.summary("i-behind", "Patch", "NON_COMPLIANT"))]}
            """)
        f.answer("us-east-1", "ssm", "list-documents", #"{"DocumentIdentifiers": [{"Name": "Open", "DocumentType": "Command"}, {"Name": "Team", "DocumentType": "Command"}, {"Name": "Locked", "DocumentType": "Command"}]}"#)
        f.answer("us-east-1", "ssm", "describe-document-permission", resource: "Open", #"{"AccountIds": ["all"], "AccountSharingInfoList": [{"AccountId": "all"}]}"#)
        f.answer("us-east-1", "ssm", "describe-document-permission", resource: "Team", #"{"AccountIds": ["210987654321"]}"#)
        f.fail("us-east-1", "ssm", "describe-document-permission", resource: "Locked", code: "AccessDeniedException")
        f.answer("us-east-1", "ssm", "describe-parameters", """
            {"Parameters": [{"Name": "/app/db_password", "Type": "String"}, {"Name": "/app/api-token", "Type": "SecureString"},
              {"Name": "/app/log-level", "Type": "String"}]}
            """)
        return f
    }

    @Test func runningInstanceOutsideSystemsManagerFails() {
        #expect(fixture.status("ssm.ec2-instance.managed", on: "i-patched") == .pass)
        #expect(fixture.status("ssm.ec2-instance.managed", on: "i-unmanaged") == .fail)
        #expect(fixture.status("ssm.ec2-instance.managed", on: "i-stopped") == nil)
        var f = fixture
        f.fail("us-east-1", "ssm", "describe-instance-information", code: "AccessDeniedException")
        #expect(f.status("ssm.ec2-instance.managed", on: "i-patched") == .unknown)
    }

    @Test func managedInstanceMissingPatchesFails() {
        #expect(fixture.status("ssm.ec2-instance.patch-compliant", on: "i-patched") == .pass)
        let behind = fixture.run("ssm.ec2-instance.patch-compliant").first { $0.resource.arn.hasSuffix("i-behind") }
        #expect(behind?.status == .fail)
        #expect(behind?.message == "Instance i-behind is NON_COMPLIANT for patching.")
        #expect(fixture.status("ssm.ec2-instance.patch-compliant", on: "i-unmanaged") == nil)
        var f = fixture
        f.fail("us-east-1", "ssm", "list-resource-compliance-summaries", code: "InternalServerError")
        #expect(f.status("ssm.ec2-instance.patch-compliant", on: "i-patched") == .unknown)
    }

    @Test func managedInstanceWithoutAssociationComplianceFails() {
        #expect(fixture.status("ssm.ec2-instance.association-compliant", on: "i-patched") == .pass)
        #expect(fixture.status("ssm.ec2-instance.association-compliant", on: "i-behind") == .fail)
        #expect(Fixture().run("ssm.ec2-instance.association-compliant").map(\.status) == [.unknown])
    }

    @Test func documentSharedWithAllFails() {
        let open = fixture.run("ssm.document.not-public").first { $0.resource.arn.hasSuffix("document/Open") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Document Open is shared with all AWS accounts (AccountIds contains all).")
        #expect(fixture.status("ssm.document.not-public", on: "document/Team") == .pass)
        #expect(fixture.status("ssm.document.not-public", on: "document/Locked") == .unknown)
    }

    @Test func stringParameterNamedLikeASecretFailsWithoutShowingItsValue() {
        let findings = fixture.run("ssm.parameter.secrets-are-secure-strings")
        #expect(findings.first { $0.resource.arn.hasSuffix("parameter/app/db_password") }?.status == .fail)
        #expect(findings.first { $0.resource.arn.hasSuffix("parameter/app/api-token") }?.status == .pass)
        #expect(!findings.contains { $0.resource.arn.hasSuffix("log-level") })
        var f = Fixture()
        f.fail("us-east-1", "ssm", "describe-parameters", code: "AccessDeniedException")
        #expect(f.run("ssm.parameter.secrets-are-secure-strings").map(\.status) == [.unknown])
    }
}
