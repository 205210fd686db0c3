import Foundation
import RampartFindings
import Testing

/// CIS 1.19/1.18 (expired server certificates) and 1.20/1.19 (an Access Analyzer in every region).
@Suite struct ServerCertificateAndAccessAnalyzerTests {
    static let certificates = "iam.server-certificate.not-expired"
    static let analyzer = "iam.account.access-analyzer-enabled"

    /// Shaped as `aws iam list-server-certificates` prints it.
    static func certificate(_ name: String, expiresInDays days: Int) -> String {
        """
        {"Path": "/", "ServerCertificateName": "\(name)", "ServerCertificateId": "ASCA\(name.uppercased())",
         "Arn": "arn:aws:iam::123456789012:server-certificate/\(name)", "UploadDate": "\(Date.daysBeforeCollection(400))",
         "Expiration": "\(Date.daysBeforeCollection(-days))"}
        """
    }

    @Test func expiredCertificateFailsAndValidOnePasses() {
        var f = Fixture()
        f.answer("global", "iam", "list-server-certificates", """
            {"ServerCertificateMetadataList": [\(Self.certificate("old-web", expiresInDays: -3)), \(Self.certificate("web-2027", expiresInDays: 200))]}
            """)
        let findings = f.run(Self.certificates)
        #expect(findings.count == 2)
        let old = findings.first { $0.resource.arn.hasSuffix("/old-web") }
        #expect(old?.status == .fail)
        #expect(old?.message.hasPrefix("Server certificate old-web expired on 2026-11-26") == true)
        #expect(old?.resource.type == "AWS::IAM::ServerCertificate")
        #expect(f.status(Self.certificates, on: "/web-2027") == .pass)
    }

    @Test func noStoredCertificatePassesOnTheAccount() {
        var f = Fixture()
        f.answer("global", "iam", "list-server-certificates", #"{"ServerCertificateMetadataList": []}"#)
        let findings = f.run(Self.certificates)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.message == "Account 123456789012 stores no server certificate in IAM.")
    }

    @Test func unreadableOrMalformedListingIsUnknown() {
        var f = Fixture()
        f.fail("global", "iam", "list-server-certificates", code: "AccessDenied")
        #expect(f.run(Self.certificates).map(\.status) == [.unknown])
        // An answer without the required list is not "none stored".
        f.answer("global", "iam", "list-server-certificates", "{}")
        #expect(f.run(Self.certificates).map(\.status) == [.unknown])
        #expect(Fixture().run(Self.certificates).map(\.status) == [.unknown])
    }

    /// Shaped as `aws accessanalyzer list-analyzers` prints it.
    static func analyzers(_ entries: [(String, String, String)]) -> String {
        let items = entries.map { name, type, status in
            #"{"arn": "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/\#(name)", "name": "\#(name)", "type": "\#(type)", "status": "\#(status)", "createdAt": "2026-01-01T00:00:00Z"}"#
        }
        return #"{"analyzers": [\#(items.joined(separator: ","))]}"#
    }

    @Test func activeExternalAccessAnalyzerInEveryRegionIsRequired() {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1", "ap-south-1"]
        f.answer("us-east-1", "accessanalyzer", "list-analyzers", Self.analyzers([("org", "ORGANIZATION", "ACTIVE")]))
        f.answer("eu-west-1", "accessanalyzer", "list-analyzers", Self.analyzers([("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE"), ("ext", "ACCOUNT", "DISABLED")]))
        f.answer("ap-south-1", "accessanalyzer", "list-analyzers", #"{"analyzers": []}"#)
        let byRegion = Dictionary(uniqueKeysWithValues: f.run(Self.analyzer).map { ($0.resource.region, $0) })
        #expect(byRegion["us-east-1"]?.status == .pass)
        #expect(byRegion["eu-west-1"]?.status == .fail)
        #expect(byRegion["eu-west-1"]?.message == "No external access analyzer is active in eu-west-1; found: unused (ACCOUNT_UNUSED_ACCESS, ACTIVE), ext (ACCOUNT, DISABLED).")
        #expect(byRegion["ap-south-1"]?.status == .fail)
    }

    @Test func unreadableAnalyzerListIsUnknownForThatRegion() {
        var f = Fixture()
        f.fail("us-east-1", "accessanalyzer", "list-analyzers", code: "AccessDeniedException")
        #expect(f.run(Self.analyzer).map(\.status) == [.unknown])
    }
}
