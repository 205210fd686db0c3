import Foundation
import RampartSigning
import Testing

@Suite struct SigV4SignerTests {
    static func suiteSigner(token: String? = nil, service: String = SuiteConstants.service) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: SuiteConstants.accessKeyId, secretAccessKey: SuiteConstants.secretAccessKey, sessionToken: token),
            region: SuiteConstants.region, service: service)
    }

    static let s3Signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyId: SuiteConstants.s3AccessKeyId, secretAccessKey: SuiteConstants.s3SecretAccessKey),
        region: "us-east-1", service: "s3")

    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func check(_ vector: SigningVector, signer: SigV4Signer, date: Date, scope: String) throws {
        let url = try #require(URL(string: vector.url))
        let body = Array(vector.body.utf8)
        let canonical = signer.canonicalRequest(method: vector.method, url: url, headers: vector.headers, body: body, date: date)
        if let expected = vector.canonicalRequest {
            #expect(canonical == expected)
        }
        let stringToSign = signer.stringToSign(canonicalRequest: canonical, date: date)
        if let hash = vector.canonicalRequestHash {
            #expect(stringToSign.hasSuffix("\n\(hash)"))
        }
        let added = signer.signedHeaders(method: vector.method, url: url, headers: vector.headers, body: body, date: date)
        let authorization = try #require(header("Authorization", in: added))
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=\(signer.credentials.accessKeyId)/\(scope), SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)")
        #expect(header("X-Amz-Date", in: added) == SigV4Signer.amzDate(date))
        #expect(header("X-Amz-Security-Token", in: added) == vector.sessionToken)
    }

    @Test(arguments: SuiteVectors.service)
    func signsEachTestSuiteRequestAsPublished(_ vector: SigningVector) throws {
        try Self.check(
            vector, signer: Self.suiteSigner(token: vector.sessionToken), date: SuiteConstants.date,
            scope: "20150830/us-east-1/service/aws4_request")
    }

    @Test(arguments: SuiteVectors.s3)
    func signsEachS3DocumentationExampleAsPublished(_ vector: SigningVector) throws {
        try Self.check(vector, signer: Self.s3Signer, date: SuiteConstants.s3Date, scope: "20130524/us-east-1/s3/aws4_request")
    }

    @Test func s3RequestsCarryTheSignedPayloadHashHeader() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt"))
        let added = Self.s3Signer.signedHeaders(
            method: "GET", url: url, headers: [("Range", "bytes=0-9")], body: [], date: SuiteConstants.s3Date)
        #expect(added.map(\.0) == ["X-Amz-Date", "x-amz-content-sha256", "Authorization"])
        #expect(Self.header("x-amz-content-sha256", in: added) == SuiteConstants.emptyHash)
    }

    @Test func s3ControlIsSignedWithS3Rules() throws {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET"), region: "us-east-1", service: "s3-control")
        let url = try #require(URL(string: "https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/configuration/publicAccessBlock"))
        let added = signer.signedHeaders(method: "GET", url: url, headers: [("x-amz-account-id", "123456789012")], body: [], date: SuiteConstants.date)
        #expect(Self.header("x-amz-content-sha256", in: added) == SuiteConstants.emptyHash)
        #expect(Self.header("Authorization", in: added)?.contains("SignedHeaders=host;x-amz-account-id;x-amz-content-sha256;x-amz-date,") == true)
    }

    @Test func otherServicesGetNoPayloadHashHeader() throws {
        let url = try #require(URL(string: "https://ec2.us-east-1.amazonaws.com/"))
        let added = Self.suiteSigner(service: "ec2").signedHeaders(method: "POST", url: url, headers: [], body: Array("Action=DescribeRegions".utf8), date: SuiteConstants.date)
        #expect(added.map(\.0) == ["X-Amz-Date", "Authorization"])
    }

    @Test func anUnsignedS3PayloadIsDeclaredAndSigned() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/big.bin"))
        let added = Self.s3Signer.signedHeaders(method: "PUT", url: url, headers: [], body: [1, 2, 3], date: SuiteConstants.s3Date, unsignedPayload: true)
        #expect(Self.header("x-amz-content-sha256", in: added) == "UNSIGNED-PAYLOAD")
        let canonical = Self.s3Signer.canonicalRequest(method: "PUT", url: url, headers: [], body: [1, 2, 3], date: SuiteConstants.s3Date, unsignedPayload: true)
        #expect(canonical.hasSuffix("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD"))
    }

    /// The suite writes these request lines unencoded ("GET /example space/"), which no URL can
    /// hold, so they go through the raw-parts entry point, with the path as it is on the line.
    @Test(arguments: [
        ("get-utf8", "/ሴ", "/%E1%88%B4", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        ("get-space", "/example space/", "/example%20space/", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
    ])
    func signsTestSuiteRequestLinesThatAreNotURLs(name: String, path: String, canonicalPath: String, signature: String) {
        let signer = Self.suiteSigner()
        let canonical = signer.canonicalRequest(
            method: "GET", path: path, query: nil,
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            payloadHash: SuiteConstants.emptyHash)
        #expect(canonical == "GET\n\(canonicalPath)\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(SuiteConstants.emptyHash)")
        let stringToSign = signer.stringToSign(canonicalRequest: canonical, date: SuiteConstants.date)
        #expect(signer.signature(stringToSign: stringToSign, date: SuiteConstants.date) == signature)
    }

    @Test func pathsOfOtherServicesAreEncodedASecondTime() throws {
        // Lambda's function ARN is a path label: sent as %3A, signed as %253A.
        let url = try #require(URL(string: "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn/configuration"))
        let canonical = Self.suiteSigner(service: "lambda").canonicalRequest(method: "GET", url: url, headers: [], body: [], date: SuiteConstants.date)
        #expect(canonical.split(separator: "\n")[1] == "/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction%253Amy-fn/configuration")
        let spaced = try #require(URL(string: "https://apigateway.us-east-1.amazonaws.com/a%20b/c"))
        #expect(Self.suiteSigner(service: "apigateway").canonicalRequest(method: "GET", url: spaced, headers: [], body: [], date: SuiteConstants.date).split(separator: "\n")[1] == "/a%2520b/c")
    }

    @Test func s3PathsAreNeitherNormalizedNorEncodedTwice() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/photos/./2024//a%20b+c.jpg"))
        let canonical = Self.s3Signer.canonicalRequest(method: "GET", url: url, headers: [], body: [], date: SuiteConstants.s3Date)
        #expect(canonical.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/photos/./2024//a%20b%2Bc.jpg")
        let slashInKey = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/folder%2Fkey"))
        #expect(Self.s3Signer.canonicalRequest(method: "GET", url: slashInKey, headers: [], body: [], date: SuiteConstants.s3Date).split(separator: "\n")[1] == "/folder%2Fkey")
    }

    @Test func queryValuesAreReEncodedWithRFC3986RulesAndSorted() throws {
        let url = try #require(URL(string: "https://iam.amazonaws.com/?b=x%2By&a=hello%20world&a=%2Fpath&c=1+2&Marker=abc%3D%3D&empty"))
        let canonical = Self.suiteSigner(service: "iam").canonicalRequest(method: "GET", url: url, headers: [], body: [], date: SuiteConstants.date)
        #expect(canonical.split(separator: "\n")[2] == "Marker=abc%3D%3D&a=%2Fpath&a=hello%20world&b=x%2By&c=1%2B2&empty=")
    }

    @Test func theHostHeaderCarriesANonDefaultPortOnly() throws {
        #expect(SigV4Signer.hostHeader(try #require(URL(string: "http://127.0.0.1:5000/"))) == "127.0.0.1:5000")
        #expect(SigV4Signer.hostHeader(try #require(URL(string: "https://sts.amazonaws.com:443/"))) == "sts.amazonaws.com")
        #expect(SigV4Signer.hostHeader(try #require(URL(string: "http://localhost:80/x"))) == "localhost")
        #expect(SigV4Signer.hostHeader(try #require(URL(string: "https://s3.amazonaws.com:8443"))) == "s3.amazonaws.com:8443")
        let canonical = Self.suiteSigner().canonicalRequest(method: "GET", url: try #require(URL(string: "http://127.0.0.1:5000")), headers: [], body: [], date: SuiteConstants.date)
        #expect(canonical == "GET\n/\n\nhost:127.0.0.1:5000\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(SuiteConstants.emptyHash)")
    }

    @Test func headersTheSignerOwnsOrProxiesRewriteAreNotSigned() throws {
        let url = try #require(URL(string: "https://example.amazonaws.com/"))
        let headers = [
            ("User-Agent", "rampart/1.0"), ("Authorization", "stale"), ("X-Amz-Date", "19990101T000000Z"),
            ("X-Amzn-Trace-Id", "Root=1"), ("Content-Type", "application/json"),
        ]
        let canonical = Self.suiteSigner().canonicalRequest(method: "GET", url: url, headers: headers, body: [], date: SuiteConstants.date)
        #expect(canonical == "GET\n/\n\ncontent-type:application/json\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n\(SuiteConstants.emptyHash)")
    }

    @Test func theSecretNeverAppearsInTheAddedHeaders() throws {
        let url = try #require(URL(string: "https://example.amazonaws.com/"))
        let added = Self.suiteSigner(token: "TOKEN-VALUE").signedHeaders(method: "GET", url: url, headers: [], body: [], date: SuiteConstants.date)
        for (_, value) in added {
            #expect(!value.contains(SuiteConstants.secretAccessKey))
        }
        #expect(added.filter { $0.1.contains("TOKEN-VALUE") }.map(\.0) == ["X-Amz-Security-Token"])
    }

    @Test func datesAreFormattedInUTCWhateverTheirFraction() {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_440_938_160.999)) == "20150830T123600Z")
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 4_102_444_799)) == "20991231T235959Z")
    }

    @Test func uriEncodingKeepsOnlyUnreservedCharacters() {
        #expect(SigV4Signer.uriEncode("-._~AZaz09") == "-._~AZaz09")
        #expect(SigV4Signer.uriEncode("a b/c+d*e=f") == "a%20b%2Fc%2Bd%2Ae%3Df")
        #expect(SigV4Signer.uriEncode("ሴ") == "%E1%88%B4")
    }
}
