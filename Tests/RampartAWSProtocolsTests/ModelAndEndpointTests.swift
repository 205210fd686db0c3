import Foundation
import RampartJSON
import Testing

@testable import RampartAWSProtocols

struct ServiceModelTests {
    @Test func everyPlannedCallHasAModel() throws {
        let (calls, support) = try PlanReader.calls()
        #expect(calls.count >= 50)
        for call in calls {
            #expect(AWSServiceModels.shared.operation(service: call.service, cliName: call.operation) != nil, "\(call)")
        }
        for (service, op) in support {
            #expect(AWSServiceModels.shared.operation(service: service, cliName: op) != nil, "\(service) \(op)")
        }
    }

    @Test func cliNamesAreBotocoresTransformOfTheAPINames() throws {
        #expect(try operation("rds", "describe-db-instances").name == "DescribeDBInstances")
        #expect(try operation("iam", "list-virtual-mfa-devices").name == "ListVirtualMFADevices")
        #expect(try operation("ec2", "get-ebs-encryption-by-default").name == "GetEbsEncryptionByDefault")
        #expect(AWSServiceModels.shared.operation(service: "emr", apiName: "ListBootstrapActions")?.cliName == "list-bootstrap-actions")
    }

    @Test func servicesKnowTheirProtocolAndSigningName() throws {
        let models = AWSServiceModels.shared
        #expect(models.services["ec2"]?.wireProtocol == .ec2)
        #expect(models.services["elbv2"]?.wireProtocol == .query)
        #expect(models.services["elbv2"]?.signingName == "elasticloadbalancing")
        #expect(models.services["s3control"]?.signingName == "s3")
        #expect(models.services["s3api"]?.name == "s3")
        #expect(models.services["emr"]?.targetPrefix == "ElasticMapReduce")
        #expect(models.services["dynamodb"]?.jsonVersion == "1.0")
        #expect(models.services["route53"]?.wireProtocol == .restXML)
    }

    @Test func paginatorsComeFromBotocore() throws {
        let p = try #require(try operation("route53", "list-resource-record-sets").paginator)
        #expect(p.inputTokens == ["StartRecordName", "StartRecordType", "StartRecordIdentifier"])
        #expect(p.outputTokens == ["NextRecordName", "NextRecordType", "NextRecordIdentifier"])
        #expect(p.moreResults == "IsTruncated")
        #expect(p.limitKey == "MaxItems")
        #expect(try operation("s3api", "list-buckets").paginator?.nonAggregateKeys == ["Owner", "Prefix"])
        #expect(try operation("cloudtrail", "describe-trails").paginator == nil)
    }

    @Test(.enabled(if: botocoreMatchesTheGeneratedModels(), "needs python3 with the botocore the models were generated from"))
    func theGeneratedModelsAreUpToDate() async throws {
        let script = repositoryRoot.appendingPathComponent("scripts/generate_aws_models.py").path
        let result = try await runProcess(["python3", script, "--check"], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
    }
}

func botocoreMatchesTheGeneratedModels() -> Bool {
    guard toolExists("python3") else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import botocore; print(botocore.__version__)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let version = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return process.terminationStatus == 0 && version == AWSServiceModels.shared.botocoreVersion
}

struct EndpointTests {
    @Test func regionalServicesUseTheirEndpointPrefixAndRegion() {
        #expect(AWSEndpoints.endpoint(service: "ec2", region: "us-east-1") == AWSEndpoint(url: "https://ec2.us-east-1.amazonaws.com", signingName: "ec2", signingRegion: "us-east-1"))
        #expect(AWSEndpoints.url(service: "elbv2", region: "eu-west-1") == "https://elasticloadbalancing.eu-west-1.amazonaws.com")
        #expect(AWSEndpoints.endpoint(service: "emr", region: "eu-west-1")?.signingName == "elasticmapreduce")
        #expect(AWSEndpoints.url(service: "s3api", region: "eu-west-1") == "https://s3.eu-west-1.amazonaws.com")
        #expect(AWSEndpoints.url(service: "sts", region: "eu-west-1") == "https://sts.eu-west-1.amazonaws.com")
    }

    @Test func globalServicesHaveOneEndpointSignedInUSEast1() {
        #expect(AWSEndpoints.endpoint(service: "iam", region: "eu-west-1") == AWSEndpoint(url: "https://iam.amazonaws.com", signingName: "iam", signingRegion: "us-east-1"))
        #expect(AWSEndpoints.endpoint(service: "route53", region: "eu-west-1")?.url == "https://route53.amazonaws.com")
    }

    @Test func s3ControlPutsTheAccountInTheHostAndSignsAsS3() {
        #expect(
            AWSEndpoints.endpoint(service: "s3control", region: "us-east-1", accountId: "123456789012")
                == AWSEndpoint(url: "https://123456789012.s3-control.us-east-1.amazonaws.com", signingName: "s3", signingRegion: "us-east-1"))
    }

    @Test func anOverrideIsUsedAsItIsForEveryService() {
        for service in ["iam", "s3control", "ec2", "route53"] {
            #expect(
                AWSEndpoints.endpoint(service: service, region: "eu-west-1", endpointOverride: "http://127.0.0.1:5000/", accountId: "123456789012")?.url
                    == "http://127.0.0.1:5000")
        }
        #expect(AWSEndpoints.endpoint(service: "iam", region: "eu-west-1", endpointOverride: "http://127.0.0.1:5000")?.signingRegion == "eu-west-1")
        #expect(AWSEndpoints.url(service: "nosuchservice", region: "us-east-1") == nil)
    }
}
