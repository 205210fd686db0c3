import Foundation
import RampartFindings
import Testing

@Suite struct StateMachineChecksTests {
    static func arn(_ name: String) -> String { "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)" }

    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "stepfunctions", "list-state-machines", """
            {"stateMachines": [{"stateMachineArn": "\(Self.arn("orders"))", "name": "orders", "type": "STANDARD", "creationDate": "2026-01-01T00:00:00Z"},
                               {"stateMachineArn": "\(Self.arn("batch"))", "name": "batch", "type": "STANDARD", "creationDate": "2026-01-01T00:00:00Z"},
                               {"stateMachineArn": "\(Self.arn("hidden"))", "name": "hidden", "type": "STANDARD", "creationDate": "2026-01-01T00:00:00Z"}]}
            """)
        f.answer("us-east-1", "stepfunctions", "describe-state-machine", resource: Self.arn("orders"), """
            {"stateMachineArn": "\(Self.arn("orders"))", "name": "orders", "status": "ACTIVE", "definition": "{}", "roleArn": "\(ComputeRoleFixtures.appRole)",
             "type": "STANDARD", "creationDate": "2026-01-01T00:00:00Z", "loggingConfiguration": {"level": "ERROR", "includeExecutionData": false,
             "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*"}}]},
             "tracingConfiguration": {"enabled": true}, "encryptionConfiguration": {"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "k"}}
            """)
        f.answer("us-east-1", "stepfunctions", "describe-state-machine", resource: Self.arn("batch"), """
            {"stateMachineArn": "\(Self.arn("batch"))", "name": "batch", "status": "ACTIVE", "definition": "{}", "roleArn": "\(ComputeRoleFixtures.adminRole)",
             "type": "STANDARD", "creationDate": "2026-01-01T00:00:00Z", "loggingConfiguration": {"level": "OFF", "includeExecutionData": false}}
            """)
        f.fail("us-east-1", "stepfunctions", "describe-state-machine", resource: Self.arn("hidden"), code: "AccessDeniedException")
        return f
    }

    static let checks = ["stepfunctions.state-machine.logging", "stepfunctions.state-machine.xray-tracing",
                         "stepfunctions.state-machine.customer-managed-key", "stepfunctions.state-machine.role-not-admin"]

    @Test func everyStateMachineCheckPassesOrdersFailsBatchAndIsUnknownForTheUnread() {
        let f = fixture
        for check in Self.checks {
            #expect(f.status(check, on: "stateMachine:orders") == .pass, "\(check)")
            #expect(f.status(check, on: "stateMachine:batch") == .fail, "\(check)")
            #expect(f.status(check, on: "stateMachine:hidden") == .unknown, "\(check)")
        }
    }

    @Test func anUnreadableListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "stepfunctions", "list-state-machines", code: "AccessDeniedException")
        for check in Self.checks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
    }
}
