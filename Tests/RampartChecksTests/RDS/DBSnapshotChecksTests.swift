import RampartFindings
import Testing

@Suite struct DBSnapshotChecksTests {
    static func snapshot(_ id: String, encrypted: Bool) -> String {
        """
        {"DBSnapshotIdentifier": "\(id)", "DBInstanceIdentifier": "db", "Engine": "mysql", "SnapshotType": "manual",
         "Encrypted": \(encrypted), "DBSnapshotArn": "arn:aws:rds:us-east-1:123456789012:snapshot:\(id)"}
        """
    }

    static func attributes(_ id: String, _ values: [String]) -> String {
        let list = values.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": "\#(id)", "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": [\#(list)]}]}}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-snapshots", #"{"DBSnapshots": [\#(Self.snapshot("export", encrypted: false)), \#(Self.snapshot("predeploy", encrypted: true)), \#(Self.snapshot("unread", encrypted: true))]}"#)
        f.answer("us-east-1", "rds", "describe-db-snapshot-attributes", resource: "export", Self.attributes("export", ["all"]))
        f.answer("us-east-1", "rds", "describe-db-snapshot-attributes", resource: "predeploy", Self.attributes("predeploy", ["210987654321"]))
        f.fail("us-east-1", "rds", "describe-db-snapshot-attributes", resource: "unread", code: "AccessDenied")
        return f
    }

    @Test func publicSnapshotFailsAndSharedOnePasses() {
        #expect(fixture.status("rds.db-snapshot.not-public", on: ":snapshot:export") == .fail)
        #expect(fixture.status("rds.db-snapshot.not-public", on: ":snapshot:predeploy") == .pass)
        #expect(fixture.status("rds.db-snapshot.not-public", on: ":snapshot:unread") == .unknown)
    }

    @Test func unencryptedSnapshotFails() {
        #expect(fixture.status("rds.db-snapshot.encrypted", on: ":snapshot:export") == .fail)
        #expect(fixture.status("rds.db-snapshot.encrypted", on: ":snapshot:predeploy") == .pass)
    }

    @Test func snapshotsNotCollectedAreUnknown() {
        for check in ["rds.db-snapshot.not-public", "rds.db-snapshot.encrypted"] {
            #expect(Fixture().run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
