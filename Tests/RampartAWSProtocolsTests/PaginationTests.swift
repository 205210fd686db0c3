import RampartJSON
import Testing

@testable import RampartAWSProtocols

struct PaginationTests {
    @Test func resultKeysAreConcatenatedAndTokensDropped() throws {
        let op = try operation("ec2", "describe-instances")
        let merged = Pagination.merge(
            operation: op,
            pages: [
                ["Reservations": [["ReservationId": "r-1"]], "NextToken": "t1"],
                ["Reservations": [["ReservationId": "r-2"], ["ReservationId": "r-3"]]],
            ])
        #expect(merged == ["Reservations": [["ReservationId": "r-1"], ["ReservationId": "r-2"], ["ReservationId": "r-3"]]])
    }

    @Test func everyResultKeyIsMergedAndOtherMembersAreDropped() throws {
        let op = try operation("iam", "get-account-authorization-details")
        let merged = Pagination.merge(
            operation: op,
            pages: [
                ["UserDetailList": [["UserName": "a"]], "GroupDetailList": [], "RoleDetailList": [], "Policies": [["PolicyName": "p1"]], "IsTruncated": true, "Marker": "m"],
                ["UserDetailList": [], "GroupDetailList": [["GroupName": "g"]], "RoleDetailList": [], "Policies": [["PolicyName": "p2"]], "IsTruncated": false],
            ])
        #expect(
            merged
                == [
                    "UserDetailList": [["UserName": "a"]], "GroupDetailList": [["GroupName": "g"]], "RoleDetailList": [],
                    "Policies": [["PolicyName": "p1"], ["PolicyName": "p2"]],
                ])
    }

    @Test func nonAggregateKeysComeFromTheFirstPageAndAbsentOnesAreNull() throws {
        let op = try operation("s3api", "list-buckets")
        let merged = Pagination.merge(
            operation: op,
            pages: [
                ["Buckets": [["Name": "a"]], "Owner": ["ID": "o"], "ContinuationToken": "c"],
                ["Buckets": [["Name": "b"]], "Owner": ["ID": "other"]],
            ])
        #expect(merged == ["Buckets": [["Name": "a"], ["Name": "b"]], "Owner": ["ID": "o"], "Prefix": nil])
        #expect(merged.objectValue?.keys == ["Buckets", "Owner", "Prefix"])
    }

    @Test func aCallWithNoResultKeyPrintsNothing() throws {
        let op = try operation("ec2", "describe-flow-logs")
        #expect(Pagination.merge(operation: op, pages: [["NextToken": nil]]) == .object(JSONObject()))
    }

    @Test func operationsWithoutAPaginatorKeepTheirPage() throws {
        let op = try operation("kms", "describe-key")
        #expect(Pagination.merge(operation: op, pages: [["KeyMetadata": ["KeyId": "k"]]]) == ["KeyMetadata": ["KeyId": "k"]])
    }

    @Test func theNextPageTakesTheOutputToken() throws {
        let op = try operation("rds", "describe-db-instances")
        let next = try Pagination.nextRequestParameters(operation: op, page: ["DBInstances": [], "Marker": "m1"], parameters: ["MaxRecords": 20])
        #expect(next == ["MaxRecords": 20, "Marker": "m1"])
        #expect(try Pagination.nextRequestParameters(operation: op, page: ["DBInstances": []], parameters: ["Marker": "m1"]) == nil)
    }

    @Test func moreResultsFalseEndsPagingWhateverTheToken() throws {
        let op = try operation("kms", "list-keys")
        #expect(try Pagination.nextRequestParameters(operation: op, page: ["Keys": [], "NextMarker": "x", "Truncated": false], parameters: [:]) == nil)
        #expect(try Pagination.nextRequestParameters(operation: op, page: ["Keys": [], "NextMarker": "x", "Truncated": true], parameters: [:]) == ["Marker": "x"])
    }

    @Test func severalTokensMoveTogetherAndAbsentOnesAreRemoved() throws {
        let op = try operation("route53", "list-resource-record-sets")
        let page: JSONValue = ["ResourceRecordSets": [], "IsTruncated": true, "NextRecordName": "b.example.com.", "NextRecordType": "A"]
        let next = try Pagination.nextRequestParameters(
            operation: op, page: page,
            parameters: ["HostedZoneId": "Z1", "StartRecordName": "a.example.com.", "StartRecordType": "A", "StartRecordIdentifier": "primary"])
        #expect(next == ["HostedZoneId": "Z1", "StartRecordName": "b.example.com.", "StartRecordType": "A"])
    }

    @Test func theSameTokenTwiceIsAnError() throws {
        let op = try operation("route53", "list-resource-record-sets")
        let page: JSONValue = ["ResourceRecordSets": [], "IsTruncated": true, "NextRecordName": "api.example.", "NextRecordType": "A"]
        #expect(throws: PaginationError.self) {
            try Pagination.nextRequestParameters(
                operation: op, page: page, parameters: ["HostedZoneId": "Z1", "StartRecordName": "api.example.", "StartRecordType": "A"])
        }
        do {
            _ = try Pagination.nextRequestParameters(
                operation: op, page: page, parameters: ["HostedZoneId": "Z1", "StartRecordName": "api.example.", "StartRecordType": "A"])
        } catch {
            #expect(
                error.message
                    == "The same next token was received twice: {'StartRecordName': 'api.example.', 'StartRecordType': 'A', 'StartRecordIdentifier': None}")
        }
    }

    @Test func anEmptyTokenEndsPaging() throws {
        let op = try operation("dynamodb", "list-tables")
        #expect(try Pagination.nextRequestParameters(operation: op, page: ["TableNames": ["a"], "LastEvaluatedTableName": ""], parameters: [:]) == nil)
    }

    @Test func theCLIAsksEC2ForPagesOfAThousandVolumesAndSnapshots() throws {
        #expect(Pagination.initialParameters(operation: try operation("ec2", "describe-volumes"), parameters: [:]) == ["MaxResults": 1000])
        let snapshots = try operation("ec2", "describe-snapshots")
        #expect(Pagination.initialParameters(operation: snapshots, parameters: ["OwnerIds": ["self"]]) == ["OwnerIds": ["self"], "MaxResults": 1000])
        // Not with other filters, nor when a page size is set, nor for other operations.
        #expect(Pagination.initialParameters(operation: snapshots, parameters: ["SnapshotIds": ["snap-1"]]) == ["SnapshotIds": ["snap-1"]])
        #expect(Pagination.initialParameters(operation: snapshots, parameters: ["MaxResults": 5]) == ["MaxResults": 5])
        #expect(Pagination.initialParameters(operation: try operation("ec2", "describe-instances"), parameters: [:]) == [:])
    }
}
