import Foundation
import RampartFindings
import RampartInventory
import RampartJSON

/// ACM certificates: expiry, key length, certificate transparency logging and who renews them,
/// from `describe-certificate`.
enum ACMCertificateChecks {
    static let all: [Check] = [notExpiring, rsaKeyLength, transparencyLogging, renewedByACM]

    /// FSBP ACM.1's default: a certificate expiring within 30 days fails.
    static let expiryWindowDays = 30

    /// Certificates in these states carry a key and dates worth judging; pending, failed or
    /// revoked requests are left out.
    static let judgedStatuses: Set<String> = ["ISSUED", "EXPIRED", "INACTIVE"]

    /// Runs `verdict` on each issued (or expired) certificate's details; unknown details are UNKNOWN.
    static func eachIssued(_ ctx: CheckContext, _ verdict: @escaping (ACMCertificate, ACMCertificateDetail) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachRegional(\.acm.certificates) { certificate, _ in
            certificate.detail.judged(certificate.ref) { detail in
                guard let status = detail.status else {
                    return .unknown(certificate.ref, "describe-certificate does not report a Status for \(certificate.domainName).")
                }
                guard judgedStatuses.contains(status) else { return nil }
                return verdict(certificate, detail)
            }
        }
    }

    static let notExpiring = Check(
        CheckMetadata(
            id: "acm.certificate.not-expiring-within-30-days",
            title: "ACM certificates do not expire within 30 days",
            severity: .high, resourceType: "AWS::CertificateManager::Certificate", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ACM.1"]],
            prowler: "acm_certificates_expiration_check",
            risk: "An expired certificate breaks every TLS connection to the sites and APIs that use it.",
            remediation: "Renew the certificate: fix DNS or email validation for an ACM-issued one, or import a renewed certificate.",
            remediationCommand: "aws acm renew-certificate --certificate-arn <certificate-arn>"),
        evaluate: { ctx in
            eachIssued(ctx) { certificate, detail in
                guard let notAfter = detail.notAfter else {
                    return .unknown(certificate.ref, "describe-certificate does not report NotAfter for \(certificate.domainName).")
                }
                let days = Int((notAfter.timeIntervalSince(ctx.now) / 86_400).rounded(.down))
                let evidence: JSONObject = [
                    "domainName": .string(certificate.domainName), "notAfter": .string(Timestamp.format(notAfter)),
                    "daysToExpiry": .number(Double(days)), "type": .optional(detail.type), "inUseBy": .strings(detail.inUseBy),
                ]
                if days < 0 {
                    return .fail(certificate.ref, "Certificate for \(certificate.domainName) expired \(-days) days ago.", evidence: evidence)
                }
                if days <= expiryWindowDays {
                    return .fail(certificate.ref, "Certificate for \(certificate.domainName) expires in \(days) days (within \(expiryWindowDays)).", evidence: evidence)
                }
                return .pass(certificate.ref, "Certificate for \(certificate.domainName) expires in \(days) days.", evidence: evidence)
            }
        })

    static let rsaKeyLength = Check(
        CheckMetadata(
            id: "acm.certificate.rsa-key-at-least-2048-bits",
            title: "RSA certificates in ACM use keys of at least 2048 bits",
            severity: .high, resourceType: "AWS::CertificateManager::Certificate", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ACM.2"]],
            prowler: "acm_certificates_with_secure_key_algorithms",
            risk: "A 1024-bit RSA key can be factored with attainable resources, letting an attacker impersonate the site.",
            remediation: "Request or import a replacement certificate with an RSA key of at least 2048 bits or an ECDSA key, and switch its users over.",
            remediationCommand: "aws acm request-certificate --domain-name <domain> --key-algorithm RSA_2048 --validation-method DNS"),
        evaluate: { ctx in
            eachIssued(ctx) { certificate, detail in
                guard let algorithm = detail.keyAlgorithm else {
                    return .unknown(certificate.ref, "describe-certificate does not report KeyAlgorithm for \(certificate.domainName).")
                }
                guard algorithm.hasPrefix("RSA") else { return nil }
                let evidence: JSONObject = ["domainName": .string(certificate.domainName), "keyAlgorithm": .string(algorithm)]
                guard let bits = Int(algorithm.dropFirst("RSA".count).filter(\.isNumber)) else {
                    return .unknown(certificate.ref, "Key algorithm \(algorithm) of \(certificate.domainName) has no key length Rampart can read.")
                }
                if bits >= 2048 { return .pass(certificate.ref, "Certificate for \(certificate.domainName) uses \(algorithm).", evidence: evidence) }
                return .fail(certificate.ref, "Certificate for \(certificate.domainName) uses \(algorithm) (fewer than 2048 bits).", evidence: evidence)
            }
        })

    static let transparencyLogging = Check(
        CheckMetadata(
            id: "acm.certificate.transparency-logging",
            title: "ACM certificates are recorded in certificate transparency logs",
            severity: .low, resourceType: "AWS::CertificateManager::Certificate", serviceModel: .managed,
            frameworks: [:],
            prowler: "acm_certificates_transparency_logs_enabled",
            risk: "Browsers reject publicly trusted certificates missing from transparency logs, and without them a mis-issued certificate for your domain goes unnoticed.",
            remediation: "Turn certificate transparency logging back on for the certificate.",
            remediationCommand: "aws acm update-certificate-options --certificate-arn <certificate-arn> --options CertificateTransparencyLoggingPreference=ENABLED"),
        evaluate: { ctx in
            eachIssued(ctx) { certificate, detail in
                // Imported and private certificates are not logged by ACM.
                guard detail.type == "AMAZON_ISSUED" else { return nil }
                let evidence: JSONObject = ["domainName": .string(certificate.domainName), "preference": .optional(detail.transparencyLogging)]
                switch detail.transparencyLogging {
                case "DISABLED"?: return .fail(certificate.ref, "Certificate for \(certificate.domainName) is not recorded in transparency logs (CertificateTransparencyLoggingPreference=DISABLED).", evidence: evidence)
                case "ENABLED"?: return .pass(certificate.ref, "Certificate for \(certificate.domainName) is recorded in transparency logs.", evidence: evidence)
                default: return .unknown(certificate.ref, "describe-certificate does not report a CertificateTransparencyLoggingPreference for \(certificate.domainName).")
                }
            }
        })

    static let renewedByACM = Check(
        CheckMetadata(
            id: "acm.certificate.managed-renewal",
            title: "ACM certificates in use are issued by ACM, which renews them",
            severity: .low, resourceType: "AWS::CertificateManager::Certificate", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "ACM never renews an imported certificate: someone must remember to import a new one before it expires.",
            remediation: "Replace the imported certificate with an ACM-issued one (DNS validation lets ACM renew it unattended).",
            remediationCommand: "aws acm request-certificate --domain-name <domain> --validation-method DNS"),
        evaluate: { ctx in
            eachIssued(ctx) { certificate, detail in
                guard let type = detail.type else {
                    return .unknown(certificate.ref, "describe-certificate does not report a Type for \(certificate.domainName).")
                }
                let evidence: JSONObject = ["domainName": .string(certificate.domainName), "type": .string(type), "inUseBy": .strings(detail.inUseBy)]
                if type == "IMPORTED" {
                    if detail.inUseBy.isEmpty { return nil }
                    return .fail(certificate.ref, "Certificate for \(certificate.domainName) is imported and used by \(detail.inUseBy.count) resource(s); ACM will not renew it.", evidence: evidence)
                }
                return .pass(certificate.ref, "Certificate for \(certificate.domainName) is \(type == "PRIVATE" ? "issued by AWS Private CA" : "issued by ACM") and renewed by ACM.", evidence: evidence)
            }
        })
}
