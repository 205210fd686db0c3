import Foundation
import RampartFindings
import Testing

@Suite struct CodeBuildProjectChecksTests {
    static func project(_ name: String, location: String, privileged: Bool, variables: String, role: String, logs: String, artifactsEncryptionDisabled: Bool) -> String {
        #"""
        {"projects": [{"name": "\#(name)", "arn": "arn:aws:codebuild:us-east-1:123456789012:project/\#(name)",
          "source": {"type": "BITBUCKET", "location": "\#(location)"},
          "artifacts": {"type": "S3", "location": "artifacts", "encryptionDisabled": \#(artifactsEncryptionDisabled)},
          "environment": {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL",
                          "privilegedMode": \#(privileged), "environmentVariables": \#(variables)},
          "serviceRole": "\#(role)", "logsConfig": \#(logs), "tags": []}],
         "projectsNotFound": []}
        """#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "codebuild", "list-projects", #"{"projects": ["app", "legacy", "locked"]}"#)
        f.answer("us-east-1", "codebuild", "batch-get-projects", resource: "app", Self.project(
            "app", location: "https://bitbucket.org/acme/app.git", privileged: false,
            variables: #"[{"name": "DB_PASSWORD", "value": "/prod/db/password", "type": "PARAMETER_STORE"}, {"name": "STAGE", "value": "prod", "type": "PLAINTEXT"}]"#,
            role: ComputeRoleFixtures.appRole,
            logs: #"{"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {"status": "ENABLED", "location": "logs/app", "encryptionDisabled": false}}"#,
            artifactsEncryptionDisabled: false))
        f.answer("us-east-1", "codebuild", "batch-get-projects", resource: "legacy", Self.project(
            "legacy", location: "https://builder:pa55word@bitbucket.org/acme/legacy.git", privileged: true,
            variables: #"[{"name": "NPM_TOKEN", "value": "npm_abcdefghijklmnopqrstuvwxyz0123", "type": "PLAINTEXT"}]"#,
            role: ComputeRoleFixtures.adminRole,
            logs: #"{"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "DISABLED", "encryptionDisabled": true}}"#,
            artifactsEncryptionDisabled: true))
        f.fail("us-east-1", "codebuild", "batch-get-projects", resource: "locked", code: "AccessDeniedException")
        return f
    }

    static let checks = ["codebuild.project.source-url-no-credentials", "codebuild.project.no-plaintext-secrets", "codebuild.project.no-privileged-mode",
                         "codebuild.project.logging", "codebuild.project.artifacts-encrypted", "codebuild.project.service-role-not-admin"]

    @Test func everyProjectCheckPassesTheCleanProjectFailsTheLegacyOneAndIsUnknownForTheUnread() {
        let f = fixture
        for check in Self.checks {
            #expect(f.status(check, on: "project/app") == .pass, "\(check)")
            #expect(f.status(check, on: "project/legacy") == .fail, "\(check)")
            #expect(f.status(check, on: "project/locked") == .unknown, "\(check)")
        }
    }

    @Test func s3LogEncryptionIsJudgedOnlyWhereS3LogsAreOn() {
        let f = fixture
        #expect(f.status("codebuild.project.s3-logs-encrypted", on: "project/app") == .pass)
        #expect(f.status("codebuild.project.s3-logs-encrypted", on: "project/legacy") == nil)
        #expect(f.status("codebuild.project.s3-logs-encrypted", on: "project/locked") == .unknown)
    }

    @Test func credentialsAreNeverShown() {
        for check in Self.checks {
            for finding in fixture.run(check) {
                let shown = finding.message + String(describing: finding.evidence)
                #expect(!shown.contains("pa55word") && !shown.contains("npm_abcdef"), "\(check)")
            }
        }
    }

    @Test func aProjectBatchGetProjectsDoesNotFindIsUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "codebuild", "list-projects", #"{"projects": ["ghost"]}"#)
        f.answer("us-east-1", "codebuild", "batch-get-projects", resource: "ghost", #"{"projects": [], "projectsNotFound": ["ghost"]}"#)
        #expect(f.status("codebuild.project.no-privileged-mode", on: "project/ghost") == .unknown)
    }
}
