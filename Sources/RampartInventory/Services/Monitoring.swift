public import RampartJSON

/// A CloudWatch Logs metric filter: a pattern over a log group that feeds a metric.
public struct MetricFilter: Sendable, Hashable {
    public var name: String
    public var logGroupName: String
    public var pattern: String
    /// `(namespace, metric name)` of each metric transformation.
    public var metrics: [MetricName]
}

/// A CloudWatch metric, named by namespace and name.
public struct MetricName: Sendable, Hashable {
    public var namespace: String
    public var name: String
}

/// A CloudWatch metric alarm and where it sends notifications.
public struct MetricAlarm: Sendable, Hashable {
    public var name: String
    public var metric: MetricName?
    public var actionsEnabled: Bool
    public var alarmActions: [String]
}

/// An SNS subscription; `confirmed` is false while AWS still shows `PendingConfirmation`.
public struct SNSSubscription: Sendable, Hashable {
    public var topicArn: String
    public var protocolName: String
    public var confirmed: Bool
}

/// What CIS section 4 (monitoring) needs in one region: metric filters on log groups, the
/// alarms on their metrics, and who the alarms' SNS topics reach.
public struct MonitoringInventory: Sendable {
    public var metricFilters: Known<[MetricFilter]>
    public var alarms: Known<[MetricAlarm]>
    public var subscriptions: Known<[SNSSubscription]>
}

extension MonitoringInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> MonitoringInventory {
        func call(_ service: String, _ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: service, operation: operation)
        }
        let filters = loader.load(call("logs", "describe-metric-filters")) { (root) throws(JSONShapeError) in
            try root.map("metricFilters") { (f) throws(JSONShapeError) in
                MetricFilter(
                    name: try f.string("filterName") ?? "", logGroupName: try f.string("logGroupName") ?? "",
                    pattern: try f.string("filterPattern") ?? "",
                    metrics: try f.map("metricTransformations") { (t) throws(JSONShapeError) in
                        MetricName(namespace: try t.string("metricNamespace") ?? "", name: try t.string("metricName") ?? "")
                    })
            }
        }
        let alarms = loader.load(call("cloudwatch", "describe-alarms")) { (root) throws(JSONShapeError) in
            try root.map("MetricAlarms") { (a) throws(JSONShapeError) in
                let namespace = try a.string("Namespace")
                let metric = try a.string("MetricName")
                return MetricAlarm(
                    name: try a.string("AlarmName") ?? "",
                    metric: namespace.flatMap { ns in metric.map { MetricName(namespace: ns, name: $0) } },
                    actionsEnabled: try a.bool("ActionsEnabled") ?? true, alarmActions: try a.strings("AlarmActions"))
            }
        }
        let subscriptions = loader.load(call("sns", "list-subscriptions")) { (root) throws(JSONShapeError) in
            try root.map("Subscriptions") { (s) throws(JSONShapeError) in
                let arn = try s.string("SubscriptionArn") ?? ""
                return SNSSubscription(
                    topicArn: try s.string("TopicArn") ?? "", protocolName: try s.string("Protocol") ?? "",
                    confirmed: arn.hasPrefix("arn:"))
            }
        }
        return MonitoringInventory(metricFilters: filters, alarms: alarms, subscriptions: subscriptions)
    }
}
