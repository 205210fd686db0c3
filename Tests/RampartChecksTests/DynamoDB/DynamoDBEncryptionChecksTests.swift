import RampartFindings
import Testing

@Suite struct DynamoDBEncryptionChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "dynamodb", "list-tables", #"{"TableNames": ["kms", "owned", "secret"]}"#)
        f.answer("us-east-1", "dynamodb", "describe-table", resource: "kms", """
            {"Table": {"TableName": "kms", "TableStatus": "ACTIVE",
              "SSEDescription": {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1"}}}
            """)
        f.answer("us-east-1", "dynamodb", "describe-table", resource: "owned", #"{"Table": {"TableName": "owned", "TableStatus": "ACTIVE"}}"#)
        f.fail("us-east-1", "dynamodb", "describe-table", resource: "secret", code: "AccessDeniedException")
        return f
    }

    @Test func tableEncryptedWithTheAWSOwnedKeyFails() {
        #expect(fixture.status("dynamodb.table.kms-encryption", on: "table/kms") == .pass)
        #expect(fixture.status("dynamodb.table.kms-encryption", on: "table/owned") == .fail)
        #expect(fixture.status("dynamodb.table.kms-encryption", on: "table/secret") == .unknown)
        #expect(Fixture().run("dynamodb.table.kms-encryption").map(\.status) == [.unknown])
    }
}
