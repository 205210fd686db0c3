import RampartFindings
import RampartInventory
import RampartJSON

/// AWS Config: every region records every supported resource type and delivers what it records.
enum ConfigRecorderChecks {
    static let all: [Check] = [recorderEnabled]

    static let recorderEnabled = Check(
        CheckMetadata(
            id: "config.region.recorder-enabled",
            title: "AWS Config records all resource types in every region",
            severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.3"], "cis-aws-5.0": ["3.3"], "aws-fsbp": ["Config.1"]],
            prowler: "config_recorder_all_regions_enabled",
            risk: "Without a configuration recorder there is no history of who changed which resource, and no basis for Config rules.",
            remediation: "Create a recorder for all supported resource types, a delivery channel, and start recording.",
            remediationCommand:
                "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true && aws configservice start-configuration-recorder --configuration-recorder-name default"),
        evaluate: { ctx in
            ctx.inventory.regions.map { region in
                let ref = ctx.regionRef(region, service: "config")
                switch region.config.recorders.combined(with: region.config.deliveryChannels) {
                case .unknown(let reason): return .unknown(ref, reason)
                case .known(let (recorders, channels)):
                    let evidence: JSONObject = [
                        "recorders": .array(recorders.map { ["name": .string($0.name), "recording": .optional($0.recording.map { $0 ? "true" : "false" }),
                                                             "allSupported": .bool($0.allSupported), "lastStatus": .optional($0.lastStatus)] }),
                        "deliveryChannels": .strings(channels.map(\.name)),
                    ]
                    guard let recorder = recorders.first else {
                        return .fail(ref, "\(region.scope.region) has no AWS Config recorder.", evidence: evidence)
                    }
                    if recorder.recording != true {
                        return .fail(ref, "Recorder \(recorder.name) in \(region.scope.region) is not recording.", evidence: evidence)
                    }
                    if recorder.lastStatus?.uppercased() == "FAILURE" {
                        return .fail(ref, "Recorder \(recorder.name) in \(region.scope.region) last failed to record.", evidence: evidence)
                    }
                    if !recorder.allSupported {
                        return .fail(ref, "Recorder \(recorder.name) in \(region.scope.region) records only some resource types.", evidence: evidence)
                    }
                    if channels.isEmpty {
                        return .fail(ref, "Recorder \(recorder.name) in \(region.scope.region) has no delivery channel.", evidence: evidence)
                    }
                    return .pass(ref, "Recorder \(recorder.name) in \(region.scope.region) records all supported resource types and delivers to \(channels[0].name).",
                                 evidence: evidence)
                }
            }
        })
}
