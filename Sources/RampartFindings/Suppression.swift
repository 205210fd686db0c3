/// What `--mutelist` and `--baseline` did to a scan, for the summaries: the rules that muted
/// nothing (expired, or matching no finding) and the failures a baseline already knew.
public struct SuppressionSummary: Sendable {
    /// One mutelist rule as the summaries name it.
    public struct RuleNote: Sendable, Hashable {
        /// The rule's `name`, else `FILE:LINE`.
        public var rule: String
        public var owner: String
        /// `YYYY-MM-DD`.
        public var expires: String

        public init(rule: String, owner: String, expires: String) {
            self.rule = rule
            self.owner = owner
            self.expires = expires
        }
    }

    /// The mutelist file, when one was given.
    public var mutelist: String?
    /// Rules whose `expires` day ended before the evidence was collected: they muted nothing.
    public var expiredRules: [RuleNote]
    /// Rules in force that matched no finding (stale exceptions).
    public var unusedRules: [RuleNote]
    /// The baseline file, when one was given.
    public var baseline: String?
    /// Finding ids (`check/arn`) that failed in the baseline: still FAIL, but not new.
    public var baselineFailures: Set<String>

    public init(
        mutelist: String? = nil, expiredRules: [RuleNote] = [], unusedRules: [RuleNote] = [], baseline: String? = nil,
        baselineFailures: Set<String> = []
    ) {
        self.mutelist = mutelist
        self.expiredRules = expiredRules
        self.unusedRules = unusedRules
        self.baseline = baseline
        self.baselineFailures = baselineFailures
    }
}
