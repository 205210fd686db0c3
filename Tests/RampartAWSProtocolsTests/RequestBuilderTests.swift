import RampartJSON
import Testing

@testable import RampartAWSProtocols

// Expected requests are what botocore 1.43.11's serializers produce for the same parameters
// (`create_serializer(protocol).serialize_to_request(params, operation_model)`).

func operation(_ service: String, _ cliName: String) throws -> OperationModel {
    try #require(AWSServiceModels.shared.operation(service: service, cliName: cliName), "no model for \(service) \(cliName)")
}

func build(_ service: String, _ cliName: String, _ parameters: JSONObject = JSONObject()) throws -> HTTPRequestParts {
    try AWSRequestBuilder.build(operation: operation(service, cliName), parameters: parameters)
}

func bodyText(_ request: HTTPRequestParts) -> String {
    String(decoding: request.body, as: UTF8.self)
}

let formContentType = ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")

struct RequestBuilderTests {
    // MARK: query

    @Test func queryRequestsArePostedFormsWithActionAndVersion() throws {
        let request = try build("sts", "get-caller-identity")
        #expect(request == HTTPRequestParts(method: "POST", path: "/", headers: [formContentType], body: Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)))
    }

    @Test func queryListsUseMemberAndTheirLocationName() throws {
        let request = try build("rds", "describe-db-instances", ["Filters": [["Name": "engine", "Values": ["mysql"]]], "MaxRecords": 20])
        #expect(bodyText(request) == "Action=DescribeDBInstances&Version=2014-10-31&Filters.Filter.1.Name=engine&Filters.Filter.1.Values.Value.1=mysql&MaxRecords=20")
        let iam = try build("iam", "get-account-authorization-details", ["Filter": ["User", "Role"], "MaxItems": 100, "Marker": "a b+c"])
        #expect(bodyText(iam) == "Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=User&Filter.member.2=Role&MaxItems=100&Marker=a%20b%2Bc")
    }

    @Test func queryEmptyListsAreSentEmpty() throws {
        let request = try build("elbv2", "describe-load-balancers", ["Names": ["my-lb"], "LoadBalancerArns": []])
        #expect(bodyText(request) == "Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=my-lb&LoadBalancerArns=")
    }

    @Test func queryValuesArePercentEncoded() throws {
        let request = try build("elbv2", "describe-target-health", ["TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1a2b"])
        #expect(
            bodyText(request)
                == "Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A1%3Atargetgroup%2Fweb%2F1a2b")
    }

    // MARK: ec2

    @Test func ec2ListsAreNumberedUnderTheCapitalisedLocationName() throws {
        let request = try build("ec2", "describe-snapshots", ["OwnerIds": ["self"], "MaxResults": 1000])
        #expect(bodyText(request) == "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self&MaxResults=1000")
        let instances = try build("ec2", "describe-instances", ["Filters": [["Name": "tag:env", "Values": ["prod", "dev"]]], "InstanceIds": ["i-1"], "DryRun": false])
        #expect(
            bodyText(instances)
                == "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3Aenv&Filter.1.Value.1=prod&Filter.1.Value.2=dev&InstanceId.1=i-1&DryRun=false")
        #expect(instances.headers.elementsEqual([formContentType], by: ==))
    }

    // MARK: json

    @Test func jsonRequestsCarryTheTargetAndJSONVersion() throws {
        let request = try build("kms", "describe-key", ["KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"])
        #expect(request.method == "POST")
        #expect(request.path == "/")
        #expect(request.headers.elementsEqual([("X-Amz-Target", "TrentService.DescribeKey"), ("Content-Type", "application/x-amz-json-1.1")], by: ==))
        #expect(try JSONParser.parse(request.body) == ["KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"])
        let dynamo = try build("dynamodb", "list-tables")
        #expect(dynamo.headers.elementsEqual([("X-Amz-Target", "DynamoDB_20120810.ListTables"), ("Content-Type", "application/x-amz-json-1.0")], by: ==))
        #expect(bodyText(dynamo) == "{}")
        let trail = try build("cloudtrail", "get-trail-status", ["Name": "arn:aws:cloudtrail:us-east-1:1:trail/t"])
        #expect(trail.headers.first?.1 == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus")
    }

    // MARK: rest-xml

    @Test func s3UsesPathStyleWithTheSubresourceAsQuery() throws {
        let request = try build("s3api", "get-bucket-acl", ["Bucket": "my bucket"])
        #expect(request == HTTPRequestParts(method: "GET", path: "/my%20bucket", query: [("acl", "")]))
        let list = try build("s3api", "list-buckets", ["MaxBuckets": 10])
        #expect(list == HTTPRequestParts(method: "GET", path: "/", query: [("max-buckets", "10")]))
    }

    @Test func s3ControlSendsTheAccountAsAHeader() throws {
        let request = try build("s3control", "get-public-access-block", ["AccountId": "123456789012"])
        #expect(request == HTTPRequestParts(method: "GET", path: "/v20180820/configuration/publicAccessBlock", headers: [("x-amz-account-id", "123456789012")]))
    }

    @Test func route53IdsLoseTheirPrefixAndFillTheURI() throws {
        let request = try build(
            "route53", "list-resource-record-sets",
            ["HostedZoneId": "/hostedzone/Z1D633PJN98FT9", "StartRecordName": "www.example.com.", "StartRecordType": "A", "MaxItems": "1"])
        #expect(
            request
                == HTTPRequestParts(
                    method: "GET", path: "/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset",
                    query: [("name", "www.example.com."), ("type", "A"), ("maxitems", "1")]))
    }

    // MARK: validation

    @Test func unknownParametersAreRefused() {
        #expect(throws: AWSRequestError.self) { try build("ec2", "describe-vpcs", ["VpcID": ["vpc-1"]]) }
    }

    @Test func missingRequiredParametersAreRefused() throws {
        do {
            _ = try build("kms", "describe-key")
            Issue.record("expected an error")
        } catch let error as AWSRequestError {
            #expect(error.message == #"Missing required parameter in input: "KeyId""#)
        }
    }

    @Test func valuesOfTheWrongTypeOrBelowTheMinimumAreRefused() throws {
        #expect(throws: AWSRequestError.self) { try build("route53", "list-hosted-zones", ["MaxItems": 2]) }
        do {
            _ = try build("ec2", "describe-vpcs", ["MaxResults": 1])
            Issue.record("expected an error")
        } catch let error as AWSRequestError {
            #expect(error.message == "Invalid value for parameter MaxResults, value: 1, valid min value: 5")
        }
    }

    @Test func nullParametersAreLeftOut() throws {
        let request = try build("ec2", "describe-vpcs", ["NextToken": nil])
        #expect(bodyText(request) == "Action=DescribeVpcs&Version=2016-11-15")
    }
}
