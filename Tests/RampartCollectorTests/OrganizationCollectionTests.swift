import AsyncHTTPClient
import Foundation
import RampartAWSClient
import RampartChecks
import RampartCollector
import RampartCredentials
import RampartFindings
import RampartInventory
import RampartJSON
import RampartSigning
import RampartSnapshot
import RampartTestSupport
import Testing

/// An organization on moto: the management account, two members in an OU with an SCP, a member
/// whose audit role cannot be assumed (a proxy answers AssumeRole with AWS's 403, as AWS does
/// when the role is missing; moto would let it through), and a suspended account.
@Suite(.serialized) struct OrganizationCollectionTests {
    struct Org {
        var moto: MotoServer
        var proxy: FaultProxy
        var root: String
        var unit: String
        var policy: String
        var strict: String
        var lax: String
        var noRole: String
        var suspended: String
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    static func build() async throws -> Org {
        let moto = try await MotoServer.start(authenticate: false)
        do {
            _ = try await moto.aws(["organizations", "create-organization", "--feature-set", "ALL"])
            func create(_ name: String) async throws -> String {
                let out = try json(try await moto.aws(["organizations", "create-account", "--email", "\(name)@example.com", "--account-name", name]))
                return try #require(out["CreateAccountStatus"]?["AccountId"]?.stringValue)
            }
            let strict = try await create("strict")
            let lax = try await create("lax")
            let noRole = try await create("norole")
            let suspended = try await create("closed")
            let root = try #require(try json(try await moto.aws(["organizations", "list-roots"]))["Roots"]?.arrayValue?.first?["Id"]?.stringValue)
            let unit = try #require(try json(try await moto.aws([
                "organizations", "create-organizational-unit", "--parent-id", root, "--name", "Workloads",
            ]))["OrganizationalUnit"]?["Id"]?.stringValue)
            for account in [strict, lax] {
                _ = try await moto.aws(["organizations", "move-account", "--account-id", account, "--source-parent-id", root, "--destination-parent-id", unit])
            }
            let scp = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}"#
            let policy = try #require(try json(try await moto.aws([
                "organizations", "create-policy", "--name", "no-users", "--description", "deny", "--type", "SERVICE_CONTROL_POLICY", "--content", scp,
            ]))["Policy"]?["PolicySummary"]?["Id"]?.stringValue)
            _ = try await moto.aws(["organizations", "attach-policy", "--policy-id", policy, "--target-id", unit])
            _ = try await moto.aws(["organizations", "close-account", "--account-id", suspended])
            // The strict member sets a password policy; the lax one does not.
            let assumed = try json(try await moto.aws([
                "sts", "assume-role", "--role-arn", "arn:aws:iam::\(strict):role/OrganizationAccountAccessRole", "--role-session-name", "seed",
            ]))
            let credentials = AWSCredentials(
                accessKeyId: try #require(assumed["Credentials"]?["AccessKeyId"]?.stringValue),
                secretAccessKey: try #require(assumed["Credentials"]?["SecretAccessKey"]?.stringValue),
                sessionToken: assumed["Credentials"]?["SessionToken"]?.stringValue)
            _ = try await MotoServer.runAWS(
                ["iam", "update-account-password-policy", "--minimum-password-length", "16", "--password-reuse-prevention", "24"],
                endpoint: moto.endpoint, credentials: credentials)
            let proxy = try await FaultProxy.start(
                upstream: moto.endpoint, rules: [FaultProxy.Rule("deny", rate: 1, operation: "AssumeRole", bodyContains: noRole)])
            return Org(moto: moto, proxy: proxy, root: root, unit: unit, policy: policy, strict: strict, lax: lax, noRole: noRole, suspended: suspended)
        } catch {
            moto.stop()
            throw error
        }
    }

    func collect(_ org: Org, filter: AccountFilter = AccountFilter(), shard: Shard? = nil) async throws -> CollectionResult {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let endpoint = URL(string: org.proxy.endpoint)
            let caller = StaticCredentialProvider(org.moto.admin)
            @Sendable func client(_ credentials: any CredentialProvider) -> AWSClient {
                AWSClient(
                    http: http, credentials: credentials, endpointOverride: endpoint, options: ClientOptions(maxRequestsPerSecond: nil),
                    allowList: ReadOnlyAllowList(CollectionPlan.allowedOperations), models: .shared)
            }
            let collector = OrganizationCollector(
                client: client(caller),
                memberClient: { account in
                    client(CachingCredentialProvider(AssumeRoleCredentialProvider(
                        source: caller, roleArn: "arn:aws:iam::\(account):role/RampartAudit", region: "us-east-1", endpoint: endpoint,
                        httpClient: http, attempts: 1)))
                },
                filter: filter, regions: ["us-east-1"], homeRegion: "us-east-1", maxConcurrency: 8, shard: shard)
            let result = try await collector.collect()
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test func anOrganizationScanReadsEveryActiveMemberAndShowsWhatItCouldNot() async throws {
        let org = try await Self.build()
        defer { org.proxy.stop(); org.moto.stop() }
        let result = try await collect(org)
        let management = MotoServer.accountId
        #expect(result.accounts == [management, org.strict, org.lax, org.noRole].sorted())
        #expect(result.organization?.managementAccount == management)

        // The member whose role could not be assumed, and the suspended one, are in the manifest's errors.
        let manifest = result.manifest
        let refused = manifest.errors.first { $0.call.account == org.noRole }
        #expect(refused?.call.service == "sts" && refused?.call.operation == "assume-role")
        #expect(refused?.code == "AccessDenied")
        #expect(manifest.errors.contains { $0.call.account == org.suspended && $0.code == "AccountNotActive" && $0.message.contains("SUSPENDED") })
        #expect(Set(manifest.accessProblems.map(\.call.account)) == [org.noRole, org.suspended])

        // Written and read back: the organization's files sit under the management account.
        let directory = NSTemporaryDirectory() + "rampart-org-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SnapshotWriter.write(answers: result.answers, manifest: manifest, to: directory)
        for file in ["describe-organization.json", "list-accounts.json", "list-roots.json", "list-policies/SERVICE_CONTROL_POLICY.json",
                     "list-policies/RESOURCE_CONTROL_POLICY.json", "describe-policy/\(org.policy).json", "list-targets-for-policy/\(org.policy).json",
                     "list-organizational-units-for-parent/\(org.root).json", "list-accounts-for-parent/\(org.unit).json"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(management)/global/organizations/\(file)"), "\(file)")
        }
        let snapshot = try SnapshotDirectory(path: directory)
        #expect(snapshot.manifest.organization == result.organization)
        let inventory = InventoryBuilder.build(from: snapshot)

        // The organization model an IAM analysis reads: the tree and the SCP's text and targets.
        let organization = try #require(inventory.organization?.value)
        #expect(organization.ancestors(of: org.strict).value == [org.root, org.unit])
        #expect(organization.ancestors(of: org.noRole).value == [org.root])
        let attached = try #require(organization.policies(attachedTo: org.unit, type: .serviceControl).value)
        // moto, like AWS, attaches FullAWSAccess to every root, OU and account as well.
        #expect(Set(attached.map(\.id)) == [org.policy, "p-FullAWSAccess"])
        #expect(attached.first { $0.id == org.policy }?.content.value?.contains("iam:CreateUser") == true)
        #expect(organization.accounts.value?.first { $0.id == org.suspended }?.status == "SUSPENDED")

        // Per-account verdicts; the unreachable member's checks are UNKNOWN, not absent.
        let findings = Scanner.run(CheckCatalog.all, on: inventory)
        func status(_ check: String, _ account: String) -> Status? {
            findings.first { $0.checkId == check && $0.resource.account == account }?.status
        }
        #expect(status("iam.password-policy.minimum-length-14", org.strict) == .pass)
        #expect(status("iam.password-policy.minimum-length-14", org.lax) == .fail)
        let unreachable = findings.filter { $0.resource.account == org.noRole }
        #expect(!unreachable.isEmpty)
        #expect(unreachable.allSatisfy { $0.status == .unknown || $0.status == .manual })
        #expect(!findings.contains { $0.resource.account == org.suspended })
    }

    @Test func filtersAndShardsPickTheAccounts() async throws {
        let org = try await Self.build()
        defer { org.proxy.stop(); org.moto.stop() }
        let inUnit = try await collect(org, filter: AccountFilter(organizationalUnits: [org.unit]))
        #expect(inUnit.accounts == [org.strict, org.lax].sorted())
        let excluded = try await collect(org, filter: AccountFilter(excluded: [org.noRole, MotoServer.accountId]))
        #expect(excluded.accounts == [org.strict, org.lax].sorted())
        #expect(!excluded.errors.contains { $0.call.account == org.noRole })

        var shards: [String] = []
        for index in 0..<2 {
            shards += try await collect(org, filter: AccountFilter(excluded: [org.noRole]), shard: Shard(index: index, count: 2)).accounts
        }
        #expect(shards.sorted() == [MotoServer.accountId, org.strict, org.lax].sorted())
    }
}
