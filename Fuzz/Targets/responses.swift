import RampartAWSProtocols

/// libFuzzer target: the AWS response decoders. The first byte picks an operation of each wire
/// protocol (query, ec2, json, rest-json, rest-xml) and a status; the rest is the body. Any
/// body must decode into JSON or an `AWSServiceError`; it must never trap.
let operations: [OperationModel] = {
    let models = AWSServiceModels.shared
    let picks = [
        ("iam", "get-account-authorization-details"), ("ec2", "describe-instances"), ("ec2", "describe-security-groups"),
        ("dynamodb", "describe-table"), ("kms", "list-keys"), ("guardduty", "get-detector"), ("backup", "list-backup-vaults"),
        ("s3api", "get-bucket-policy"), ("s3api", "get-bucket-location"), ("s3api", "list-buckets"), ("s3api", "get-bucket-acl"),
        ("route53", "list-hosted-zones"), ("rds", "describe-db-instances"), ("elbv2", "describe-load-balancers"),
        ("iam", "get-credential-report"), ("emr", "describe-cluster"),
    ]
    return picks.compactMap { models.operation(service: $0.0, cliName: $0.1) }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponses(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0, !operations.isEmpty else { return 0 }
    let selector = Int(data[0])
    let operation = operations[selector % operations.count]
    let status = selector & 0x80 != 0 ? [400, 403, 404, 500, 503, 301][selector % 6] : 200
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let headers = ["content-type": "text/xml", "x-amz-bucket-region": "eu-west-1", "x-amzn-errortype": "ThrottlingException:http://x"]
    switch AWSResponseDecoder.decode(operation: operation, response: HTTPResponseParts(status: status, headers: headers, body: body)) {
    case .success(let value): _ = value
    case .failure(let error): _ = error.cliMessage(operation: operation.name)
    }
    return 0
}
