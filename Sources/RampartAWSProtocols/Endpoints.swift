/// Where a request goes and how it is signed: the URL without path, and the SigV4 scope.
public struct AWSEndpoint: Sendable, Equatable {
    /// `https://ec2.us-east-1.amazonaws.com`, or the override as given.
    public var url: String
    /// The service in the credential scope (`elasticmapreduce`, `s3` for S3 Control).
    public var signingName: String
    /// The region in the credential scope (`us-east-1` for IAM and Route 53).
    public var signingRegion: String
}

/// AWS's default endpoints in the `aws` partition for the services Rampart calls.
public enum AWSEndpoints {
    /// The endpoint for a service (AWS CLI name: `s3api`, `elbv2`) in `region`.
    ///
    /// - Regional services: `https://<endpointPrefix>.<region>.amazonaws.com`
    ///   (`https://s3.<region>.amazonaws.com`, `https://elasticmapreduce.<region>.amazonaws.com`).
    /// - Global services (IAM, Route 53): their one host, signed in `us-east-1`.
    /// - S3 Control: `https://<accountId>.s3-control.<region>.amazonaws.com`.
    /// - With `endpointOverride`, that URL as it is, for every service; requests are then
    ///   signed for `region`, as the AWS CLI does with `--endpoint-url`. (The AWS CLI would
    ///   also put `<account>.` in front of an overriding host for S3 Control; Rampart does not,
    ///   so that a local endpoint such as `http://127.0.0.1:5000` works as given.)
    ///
    /// Returns nil for a service not in the models.
    public static func endpoint(
        service: String, region: String, endpointOverride: String? = nil, accountId: String? = nil,
        models: AWSServiceModels = .shared
    ) -> AWSEndpoint? {
        guard let model = models.services[service] else { return nil }
        if let endpointOverride {
            var url = endpointOverride
            while url.hasSuffix("/") { url.removeLast() }
            return AWSEndpoint(url: url, signingName: model.signingName, signingRegion: region)
        }
        if let host = model.globalHostname {
            return AWSEndpoint(url: "https://" + host, signingName: model.signingName, signingRegion: model.globalSigningRegion ?? "us-east-1")
        }
        var host = "\(model.endpointPrefix).\(region).\(dnsSuffix(region: region))"
        if model.name == "s3control", let accountId { host = accountId + "." + host }
        return AWSEndpoint(url: "https://" + host, signingName: model.signingName, signingRegion: region)
    }

    /// The URL part of `endpoint(service:region:endpointOverride:accountId:)`.
    public static func url(service: String, region: String, endpointOverride: String? = nil, accountId: String? = nil) -> String? {
        endpoint(service: service, region: region, endpointOverride: endpointOverride, accountId: accountId)?.url
    }

    /// `amazonaws.com`, or `amazonaws.com.cn` for the China regions.
    static func dnsSuffix(region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}
