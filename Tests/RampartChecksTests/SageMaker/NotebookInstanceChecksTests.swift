import Foundation
import RampartFindings
import Testing

@Suite struct NotebookInstanceChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "sagemaker", "list-notebook-instances", """
            {"NotebookInstances": [
              {"NotebookInstanceName": "research", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research", "NotebookInstanceStatus": "InService"},
              {"NotebookInstanceName": "sandbox", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/sandbox", "NotebookInstanceStatus": "InService"},
              {"NotebookInstanceName": "locked", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/locked", "NotebookInstanceStatus": "InService"}]}
            """)
        f.answer("us-east-1", "sagemaker", "describe-notebook-instance", resource: "research", """
            {"NotebookInstanceName": "research", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research",
             "NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium", "SubnetId": "subnet-a", "SecurityGroups": ["sg-1"],
             "RoleArn": "\(ComputeRoleFixtures.appRole)", "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "DirectInternetAccess": "Disabled", "RootAccess": "Disabled"}
            """)
        f.answer("us-east-1", "sagemaker", "describe-notebook-instance", resource: "sandbox", """
            {"NotebookInstanceName": "sandbox", "NotebookInstanceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/sandbox",
             "NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium", "RoleArn": "\(ComputeRoleFixtures.adminRole)",
             "DirectInternetAccess": "Enabled", "RootAccess": "Enabled"}
            """)
        f.fail("us-east-1", "sagemaker", "describe-notebook-instance", resource: "locked", code: "AccessDeniedException")
        return f
    }

    static let checks = ["sagemaker.notebook-instance.no-direct-internet-access", "sagemaker.notebook-instance.in-vpc", "sagemaker.notebook-instance.no-root-access",
                         "sagemaker.notebook-instance.kms-encryption", "sagemaker.notebook-instance.role-not-admin"]

    @Test func everyNotebookCheckPassesResearchFailsSandboxAndIsUnknownForTheUnread() {
        let f = fixture
        for check in Self.checks {
            #expect(f.status(check, on: "notebook-instance/research") == .pass, "\(check)")
            #expect(f.status(check, on: "notebook-instance/sandbox") == .fail, "\(check)")
            #expect(f.status(check, on: "notebook-instance/locked") == .unknown, "\(check)")
        }
    }

    @Test func anUnreadableListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "sagemaker", "list-notebook-instances", code: "AccessDeniedException")
        for check in Self.checks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
    }
}
