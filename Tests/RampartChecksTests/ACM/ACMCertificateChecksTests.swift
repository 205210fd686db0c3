import Foundation
import RampartFindings
import RampartInventory
import Testing

@Suite struct ACMCertificateChecksTests {
    static let arn = "arn:aws:acm:us-east-1:123456789012:certificate/"

    /// `aws acm describe-certificate` for a certificate.
    static func detail(_ id: String, _ domain: String, type: String, status: String = "ISSUED", key: String, days: Int, logging: String = "ENABLED", inUseBy: [String] = []) -> String {
        let notAfter = Timestamp.format(Fixture.collectedAt.addingTimeInterval(Double(days) * 86_400 + 3600))
        let users = inUseBy.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"Certificate": {"CertificateArn": "\(arn)\(id)", "DomainName": "\(domain)", "Type": "\(type)", "Status": "\(status)",
              "KeyAlgorithm": "\(key)", "NotAfter": "\(notAfter)", "InUseBy": [\(users)],
              "Options": {"CertificateTransparencyLoggingPreference": "\(logging)"}}}
            """
    }

    var fixture: Fixture {
        var f = Fixture()
        let ids = ["good", "soon", "weak", "imported", "pending", "hidden"]
        f.answer("us-east-1", "acm", "list-certificates",
                 #"{"CertificateSummaryList": [\#(ids.map { #"{"CertificateArn": "\#(Self.arn)\#($0)", "DomainName": "\#($0).example.com"}"# }.joined(separator: ", "))]}"#)
        f.answer("us-east-1", "acm", "describe-certificate", resource: Self.arn + "good", Self.detail("good", "good.example.com", type: "AMAZON_ISSUED", key: "RSA_2048", days: 200))
        f.answer("us-east-1", "acm", "describe-certificate", resource: Self.arn + "soon", Self.detail("soon", "soon.example.com", type: "AMAZON_ISSUED", key: "EC_prime256v1", days: 12, logging: "DISABLED"))
        f.answer("us-east-1", "acm", "describe-certificate", resource: Self.arn + "weak", Self.detail("weak", "weak.example.com", type: "IMPORTED", key: "RSA_1024", days: 300))
        f.answer("us-east-1", "acm", "describe-certificate", resource: Self.arn + "imported",
                 Self.detail("imported", "imported.example.com", type: "IMPORTED", status: "EXPIRED", key: "RSA_4096", days: -3,
                             inUseBy: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"]))
        f.answer("us-east-1", "acm", "describe-certificate", resource: Self.arn + "pending", Self.detail("pending", "pending.example.com", type: "AMAZON_ISSUED", status: "PENDING_VALIDATION", key: "RSA_1024", days: 1))
        f.fail("us-east-1", "acm", "describe-certificate", resource: Self.arn + "hidden", code: "AccessDeniedException")
        return f
    }

    @Test func certificateExpiringWithin30DaysOrExpiredFails() {
        let id = "acm.certificate.not-expiring-within-30-days"
        #expect(fixture.status(id, on: "/good") == .pass)
        #expect(fixture.run(id).first { $0.resource.arn.hasSuffix("/soon") }?.message == "Certificate for soon.example.com expires in 12 days (within 30).")
        #expect(fixture.status(id, on: "/imported") == .fail)
        #expect(fixture.status(id, on: "/pending") == nil)
        #expect(fixture.status(id, on: "/hidden") == .unknown)
    }

    @Test func rsaKeyUnder2048BitsFailsAndECDSAIsNotJudged() {
        let id = "acm.certificate.rsa-key-at-least-2048-bits"
        #expect(fixture.status(id, on: "/good") == .pass)
        #expect(fixture.status(id, on: "/weak") == .fail)
        #expect(fixture.status(id, on: "/soon") == nil)
        #expect(fixture.status(id, on: "/hidden") == .unknown)
    }

    @Test func acmIssuedCertificateWithoutTransparencyLoggingFails() {
        let id = "acm.certificate.transparency-logging"
        #expect(fixture.status(id, on: "/good") == .pass)
        #expect(fixture.status(id, on: "/soon") == .fail)
        #expect(fixture.status(id, on: "/weak") == nil)
        #expect(fixture.status(id, on: "/hidden") == .unknown)
    }

    @Test func importedCertificateInUseFails() {
        let id = "acm.certificate.managed-renewal"
        #expect(fixture.status(id, on: "/good") == .pass)
        #expect(fixture.status(id, on: "/imported") == .fail)
        #expect(fixture.status(id, on: "/weak") == nil)
        #expect(fixture.status(id, on: "/hidden") == .unknown)
    }

    @Test func unreadableCertificateListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "acm", "list-certificates", code: "AccessDeniedException")
        #expect(f.run("acm.certificate.not-expiring-within-30-days").map(\.status) == [.unknown])
        #expect(Fixture().run("acm.certificate.rsa-key-at-least-2048-bits").map(\.status) == [.unknown])
    }
}
