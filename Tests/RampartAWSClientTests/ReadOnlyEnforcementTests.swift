import AsyncHTTPClient
import Foundation
import RampartAWSClient
import RampartAWSProtocols
import RampartCredentials
import RampartJSON
import RampartSigning
import Testing

/// An EC2 query model holding a write (`terminate-instances`) next to a read, so the client's
/// own refusal is what stops the write, not a missing model.
private let ec2Model = #"""
{"botocore":"test","services":{"ec2":{"service":"ec2","protocol":"ec2","apiVersion":"2016-11-15",
"endpointPrefix":"ec2","signingName":"ec2","operations":{
"terminate-instances":{"name":"TerminateInstances","method":"POST","requestUri":"/","input":"TerminateIn"},
"describe-instances":{"name":"DescribeInstances","method":"POST","requestUri":"/","input":"DescribeIn"}},
"shapes":{"TerminateIn":{"type":"structure","members":[["InstanceIds","Ids",{"locationName":"InstanceId"}]]},
"DescribeIn":{"type":"structure","members":[]},
"Ids":{"type":"list","member":["S",{"locationName":"InstanceId"}]},"S":"string"}}}}
"""#

/// A listening socket nobody accepts on: the kernel queues every connection a client opens, so
/// whether one is waiting tells if the client tried to send anything at all.
private final class SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a connection is waiting to be accepted (it is accepted and closed).
    func connectionArrived() -> Bool {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { return false }
        close(connection)
        return true
    }

    deinit { close(descriptor) }
}

@Suite struct ReadOnlyEnforcementTests {
    func client(port: Int, allowList: ReadOnlyAllowList, http: HTTPClient) throws -> AWSClient {
        AWSClient(
            http: http, credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-real-secret")),
            endpointOverride: URL(string: "http://127.0.0.1:\(port)"),
            options: ClientOptions(maxRequestsPerSecond: nil, requestTimeout: 0.5, maxAttempts: 1),
            allowList: allowList, models: try AWSServiceModels(json: ec2Model))
    }

    @Test func terminateInstancesIsRefusedBeforeAnyByteIsSentEvenWhenListed() async throws {
        let listener = try SilentListener()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let list = ReadOnlyAllowList([("ec2", "terminate-instances"), ("ec2", "describe-instances")])
        let aws = try client(port: listener.port, allowList: list, http: http)

        let result = await aws.call(service: "ec2", operation: "terminate-instances", region: "us-east-1", account: nil,
                                    parameters: JSONObject(pairs: [("InstanceIds", .array([.string("i-0123456789abcdef0")]))]))
        guard case .failure(.notAllowed(let refusal)) = result else {
            Issue.record("terminate-instances was not refused: \(result)")
            return
        }
        #expect(refusal.description == "ec2 terminate-instances is not on Rampart's read-only allow-list; not sent")
        #expect(await aws.statistics.requests == 0)
        #expect(!listener.connectionArrived(), "the client opened a connection for a refused write")

        // The same client does reach the listener with a listed read, so the listener can tell.
        _ = await aws.call(service: "ec2", operation: "describe-instances", region: "us-east-1", account: nil, parameters: JSONObject())
        #expect(await aws.statistics.requests == 1)
        #expect(listener.connectionArrived(), "a read is sent")
        try await http.shutdown()
    }

    @Test func aReadMissingFromTheListIsRefusedToo() async throws {
        let listener = try SilentListener()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let aws = try client(port: listener.port, allowList: ReadOnlyAllowList([]), http: http)
        let result = await aws.call(service: "ec2", operation: "describe-instances", region: "us-east-1", account: nil, parameters: JSONObject())
        #expect(result.failureCode == "NotAllowed")
        #expect(!listener.connectionArrived())
        try await http.shutdown()
    }
}

extension Result where Failure == CallFailure {
    var failureCode: String? {
        if case .failure(let failure) = self { return failure.code }
        return nil
    }
}
