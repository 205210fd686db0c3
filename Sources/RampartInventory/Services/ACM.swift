public import RampartJSON
public import struct Foundation.Date

/// What `describe-certificate` says of a certificate.
public struct ACMCertificateDetail: Sendable {
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    public var type: String?
    /// `ISSUED`, `PENDING_VALIDATION`, `EXPIRED`, `REVOKED` ...
    public var status: String?
    /// `RSA_1024`, `RSA_2048`, `EC_prime256v1` ...
    public var keyAlgorithm: String?
    public var notAfter: Date?
    /// `Options.CertificateTransparencyLoggingPreference`: `ENABLED` or `DISABLED`.
    public var transparencyLogging: String?
    /// ARNs of the resources using the certificate.
    public var inUseBy: [String]
    /// `RenewalEligibility`: `ELIGIBLE` or `INELIGIBLE`.
    public var renewalEligibility: String?
}

/// An ACM certificate and its details.
public struct ACMCertificate: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var arn: String
    public var domainName: String
    public var detail: Known<ACMCertificateDetail>
}

/// The ACM certificates of one region.
public struct ACMInventory: Sendable {
    public var certificates: Known<[ACMCertificate]>
}

extension ACMInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> ACMInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "acm", operation: operation, resource: resource)
        }
        let listed = loader.load(call("list-certificates")) { (root) throws(JSONShapeError) in
            try root.map("CertificateSummaryList") { (c) throws(JSONShapeError) in
                (arn: try c.requiredString("CertificateArn"), domain: try c.string("DomainName"))
            }
        }
        let certificates: Known<[ACMCertificate]> = listed.map { listed in
            listed.map { c in
                let domain = c.domain ?? c.arn
                return ACMCertificate(
                    ref: ResourceRef(arn: c.arn, type: "AWS::CertificateManager::Certificate", account: scope.account,
                                     region: scope.region, name: domain),
                    arn: c.arn, domainName: domain,
                    detail: loader.load(call("describe-certificate", c.arn)) { (root) throws(JSONShapeError) in
                        let d = try root.required("Certificate")
                        return ACMCertificateDetail(
                            type: try d.string("Type"), status: try d.string("Status"), keyAlgorithm: try d.string("KeyAlgorithm"),
                            notAfter: try d.timestamp("NotAfter"),
                            transparencyLogging: try d.optional("Options")?.string("CertificateTransparencyLoggingPreference"),
                            inUseBy: try d.strings("InUseBy"), renewalEligibility: try d.string("RenewalEligibility"))
                    })
            }
        }
        return ACMInventory(certificates: certificates)
    }
}
