import RampartFindings
import Testing

@Suite struct DynamoDBTableChecksTests {
    static func table(_ name: String, deletionProtection: Bool) -> String {
        """
        {"Table": {"TableName": "\(name)", "TableStatus": "ACTIVE", "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/\(name)",
          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
          "DeletionProtectionEnabled": \(deletionProtection)}}
        """
    }

    static func backups(_ status: String) -> String {
        """
        {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
          "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "\(status)", "RecoveryPeriodInDays": 35}}}
        """
    }

    /// Shaped as `aws dynamodb list-tables`, `describe-table` and `describe-continuous-backups` print them.
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "dynamodb", "list-tables", #"{"TableNames": ["orders", "scratch", "secret"]}"#)
        f.answer("us-east-1", "dynamodb", "describe-table", resource: "orders", Self.table("orders", deletionProtection: true))
        f.answer("us-east-1", "dynamodb", "describe-continuous-backups", resource: "orders", Self.backups("ENABLED"))
        f.answer("us-east-1", "dynamodb", "describe-table", resource: "scratch", Self.table("scratch", deletionProtection: false))
        f.answer("us-east-1", "dynamodb", "describe-continuous-backups", resource: "scratch", Self.backups("DISABLED"))
        f.fail("us-east-1", "dynamodb", "describe-table", resource: "secret", code: "AccessDeniedException")
        f.fail("us-east-1", "dynamodb", "describe-continuous-backups", resource: "secret", code: "AccessDeniedException")
        return f
    }

    @Test func tableWithoutPointInTimeRecoveryFails() {
        #expect(fixture.status("dynamodb.table.point-in-time-recovery", on: "table/orders") == .pass)
        #expect(fixture.status("dynamodb.table.point-in-time-recovery", on: "table/scratch") == .fail)
    }

    @Test func tableWithoutDeletionProtectionFails() {
        #expect(fixture.status("dynamodb.table.deletion-protection", on: "table/orders") == .pass)
        let finding = fixture.run("dynamodb.table.deletion-protection").first { $0.resource.arn.hasSuffix("table/scratch") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Table scratch has deletion protection disabled (DeletionProtectionEnabled=false).")
    }

    @Test func unreadableTableDetailsAreUnknownForThatTableOnly() {
        for check in ["dynamodb.table.point-in-time-recovery", "dynamodb.table.deletion-protection"] {
            let finding = fixture.run(check).first { $0.resource.arn.hasSuffix("table/secret") }
            #expect(finding?.status == .unknown, "\(check)")
            #expect(finding?.message.contains("AccessDeniedException") == true, "\(check)")
            #expect(fixture.run(check).count == 3, "\(check)")
        }
    }

    @Test func unreadableTableListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "dynamodb", "list-tables", code: "AccessDeniedException")
        #expect(f.run("dynamodb.table.point-in-time-recovery").map(\.status) == [.unknown])
        #expect(Fixture().run("dynamodb.table.deletion-protection").map(\.status) == [.unknown])
    }
}
