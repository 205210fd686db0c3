import Foundation
import RampartChecks
import RampartCollector
import RampartFindings
import RampartIAM
import RampartInventory
import RampartJSON
import RampartSigning
import RampartSnapshot
import RampartTestSupport
import Testing

/// IAM across two accounts of an organization collected from moto (which stores SCPs but does
/// not apply them, and never reads trust policies: Rampart's verdicts are its own): the OU's SCP
/// denying iam:CreateUser takes administrator power from the member's admin user, and a user of
/// one member that may assume an admin role of the other reaches administrator power across the
/// account boundary (AWS Organizations "SCP evaluation"; IAM "Cross-account policy evaluation logic").
@Suite(.serialized) struct OrganizationIAMTests {
    static func credentials(_ moto: MotoServer, into account: String) async throws -> AWSCredentials {
        let assumed = try OrganizationCollectionTests.json(try await moto.aws([
            "sts", "assume-role", "--role-arn", "arn:aws:iam::\(account):role/OrganizationAccountAccessRole", "--role-session-name", "seed",
        ]))
        return AWSCredentials(
            accessKeyId: try #require(assumed["Credentials"]?["AccessKeyId"]?.stringValue),
            secretAccessKey: try #require(assumed["Credentials"]?["SecretAccessKey"]?.stringValue),
            sessionToken: assumed["Credentials"]?["SessionToken"]?.stringValue)
    }

    @Test func scpsAndCrossAccountRolesDecideTheIdentityChecks() async throws {
        let org = try await OrganizationCollectionTests.build()
        defer { org.proxy.stop(); org.moto.stop() }
        let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        // strict (under the OU whose SCP denies iam:CreateUser): an admin user, and dev, who may assume lax's deploy role.
        let strict = try await Self.credentials(org.moto, into: org.strict)
        func run(_ args: [String], _ credentials: AWSCredentials) async throws {
            _ = try await MotoServer.runAWS(args, endpoint: org.moto.endpoint, credentials: credentials)
        }
        try await run(["iam", "create-user", "--user-name", "boss"], strict)
        try await run(["iam", "put-user-policy", "--user-name", "boss", "--policy-name", "admin", "--policy-document", admin], strict)
        try await run(["iam", "create-user", "--user-name", "dev"], strict)
        let assume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::\#(org.lax):role/deploy"}]}"#
        try await run(["iam", "put-user-policy", "--user-name", "dev", "--policy-name", "assume", "--policy-document", assume], strict)
        // lax: the deploy role, trusting strict's account, with every permission.
        let lax = try await Self.credentials(org.moto, into: org.lax)
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(org.strict):root"},"Action":"sts:AssumeRole"}]}"#
        try await run(["iam", "create-role", "--role-name", "deploy", "--assume-role-policy-document", trust], lax)
        try await run(["iam", "put-role-policy", "--role-name", "deploy", "--policy-name", "admin", "--policy-document", admin], lax)

        let result = try await OrganizationCollectionTests().collect(org)
        let directory = NSTemporaryDirectory() + "rampart-org-iam-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SnapshotWriter.write(answers: result.answers, manifest: result.manifest, to: directory)
        let inventory = InventoryBuilder.build(from: try SnapshotDirectory(path: directory))

        let findings = Scanner.run(CheckCatalog.all, on: inventory)
        func finding(_ check: String, _ arn: String) -> Finding? { findings.first { $0.checkId == check && $0.resource.arn == arn } }
        let boss = "arn:aws:iam::\(org.strict):user/boss"
        let dev = "arn:aws:iam::\(org.strict):user/dev"
        // The SCP denies iam:CreateUser: boss no longer holds every action nor full IAM write.
        #expect(finding("iam.user.no-administrator-power", boss)?.status == .pass)
        // dev reaches administrator power through lax's deploy role.
        let path = finding("iam.principal.no-privilege-escalation", dev)
        #expect(path?.status == .fail)
        #expect(path?.message.contains("arn:aws:iam::\(org.lax):role/deploy") == true)
    }
}
