import Foundation
import RampartFindings
import Testing

@Suite struct InstanceConfigurationChecksTests {
    static let instances = """
        {"Reservations": [{"ReservationId": "r-1", "Instances": [
          {"InstanceId": "i-good", "InstanceType": "m6i.large", "State": {"Name": "running"}, "VirtualizationType": "hvm",
           "Monitoring": {"State": "enabled"}, "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/app"},
           "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1"}], "SecurityGroups": []},
          {"InstanceId": "i-bad", "InstanceType": "m1.small", "State": {"Name": "running"}, "VirtualizationType": "paravirtual",
           "PublicIpAddress": "203.0.113.5", "Monitoring": {"State": "disabled"},
           "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/admin"},
           "NetworkInterfaces": [{"NetworkInterfaceId": "eni-2"}, {"NetworkInterfaceId": "eni-3"}], "SecurityGroups": []},
          {"InstanceId": "i-old-stop", "InstanceType": "t3.micro", "State": {"Name": "stopped"}, "VirtualizationType": "hvm",
           "StateTransitionReason": "User initiated (2026-09-01 08:00:00 GMT)", "Monitoring": {"State": "disabled"},
           "NetworkInterfaces": [{"NetworkInterfaceId": "eni-4"}], "SecurityGroups": []},
          {"InstanceId": "i-new-stop", "InstanceType": "t3.micro", "State": {"Name": "stopped"},
           "StateTransitionReason": "User initiated (2026-11-20 08:00:00 GMT)",
           "NetworkInterfaces": [], "SecurityGroups": []},
          {"InstanceId": "i-odd-stop", "InstanceType": "t3.micro", "State": {"Name": "stopped"}, "StateTransitionReason": "",
           "NetworkInterfaces": [], "SecurityGroups": []}
        ]}]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-instances", Self.instances)
        return f
    }

    @Test func wellConfiguredInstancePassesAndMisconfiguredOneFails() {
        for check in ["ec2.instance.single-network-interface", "ec2.instance.not-paravirtual", "ec2.instance.detailed-monitoring",
                      "ec2.instance.instance-profile-attached"] {
            #expect(fixture.status(check, on: "/i-good") == .pass, "\(check)")
        }
        for check in ["ec2.instance.single-network-interface", "ec2.instance.not-paravirtual", "ec2.instance.detailed-monitoring",
                      "ec2.instance.public-without-instance-profile"] {
            #expect(fixture.status(check, on: "/i-bad") == .fail, "\(check)")
        }
        #expect(fixture.status("ec2.instance.instance-profile-attached", on: "/i-old-stop") == .fail)
        #expect(fixture.status("ec2.instance.public-without-instance-profile", on: "/i-good") == .pass)
    }

    @Test func missingVirtualizationOrMonitoringIsUnknown() {
        #expect(fixture.status("ec2.instance.not-paravirtual", on: "/i-new-stop") == .unknown)
        #expect(fixture.status("ec2.instance.detailed-monitoring", on: "/i-new-stop") == .unknown)
    }

    @Test func instanceStoppedMoreThanThirtyDaysFails() {
        let old = fixture.run("ec2.instance.not-stopped-long").first { $0.resource.arn.hasSuffix("/i-old-stop") }
        #expect(old?.status == .fail)
        #expect(old?.message == "i-old-stop has been stopped for 89 days.")
        #expect(fixture.status("ec2.instance.not-stopped-long", on: "/i-new-stop") == .pass)
        #expect(fixture.status("ec2.instance.not-stopped-long", on: "/i-good") == .pass)
        #expect(fixture.status("ec2.instance.not-stopped-long", on: "/i-odd-stop") == .unknown)
    }

    @Test func unreadableInstancesAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-instances", code: "UnauthorizedOperation")
        for check in ["ec2.instance.single-network-interface", "ec2.instance.not-paravirtual", "ec2.instance.detailed-monitoring",
                      "ec2.instance.instance-profile-attached", "ec2.instance.public-without-instance-profile", "ec2.instance.not-stopped-long"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
