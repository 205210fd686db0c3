import RampartIAM
import Testing

/// One condition-operator case: an Allow guarded by `{"op": {"key": values}}`, a request
/// context, and whether the request is allowed. `section` names the IAM User Guide section.
struct ConditionCase: CustomTestStringConvertible, Sendable {
    let section: String
    let op: String
    let key: String
    let values: String
    let context: [String: ContextValue]
    let allowed: Bool

    var testDescription: String { "\(section): \(op) \(key)=\(values) ctx=\(context) → \(allowed ? "allow" : "deny")" }

    init(_ section: String, _ op: String, _ key: String, _ values: String, _ context: [String: ContextValue], _ allowed: Bool) {
        self.section = section
        self.op = op
        self.key = key
        self.values = values
        self.context = context
        self.allowed = allowed
    }
}

let stringSection = "Condition operators — String condition operators"
let numericSection = "Condition operators — Numeric condition operators"
let dateSection = "Condition operators — Date condition operators"
let boolSection = "Condition operators — Boolean condition operators"
let binarySection = "Condition operators — Binary condition operators"
let ipSection = "Condition operators — IP address condition operators"
let arnSection = "Condition operators — Amazon Resource Name (ARN) condition operators"
let ifExistsSection = "Condition operators — ...IfExists condition operators"
let nullSection = "Condition operators — Condition operator to check existence of condition keys"
let setSection = "Single-valued vs. multivalued context keys — set operators"
let logicSection = "Condition — Evaluation logic for conditions with multiple context keys or values"
let missingSection = "Condition operators — key not present in the request context"

let conditionCases: [ConditionCase] = [
    // String
    .init(stringSection, "StringEquals", "aws:PrincipalTag/team", #""blue""#, ["aws:PrincipalTag/team": "blue"], true),
    .init(stringSection, "StringEquals", "aws:PrincipalTag/team", #""blue""#, ["aws:PrincipalTag/team": "Blue"], false),
    .init(stringSection, "StringEquals", "aws:PrincipalTag/team", #""bl*""#, ["aws:PrincipalTag/team": "blue"], false),
    .init(stringSection, "StringNotEquals", "aws:PrincipalTag/team", #""blue""#, ["aws:PrincipalTag/team": "red"], true),
    .init(stringSection, "StringNotEquals", "aws:PrincipalTag/team", #"["blue","red"]"#, ["aws:PrincipalTag/team": "red"], false),
    .init(stringSection, "StringEqualsIgnoreCase", "aws:PrincipalTag/team", #""BLUE""#, ["aws:PrincipalTag/team": "blue"], true),
    .init(stringSection, "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", #""BLUE""#, ["aws:PrincipalTag/team": "blue"], false),
    .init(stringSection, "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", #""BLUE""#, ["aws:PrincipalTag/team": "green"], true),
    .init(stringSection, "StringLike", "s3:prefix", #""home/*""#, ["s3:prefix": "home/alice/docs"], true),
    .init(stringSection, "StringLike", "s3:prefix", #""home/?""#, ["s3:prefix": "home/ab"], false),
    .init(stringSection, "StringLike", "s3:prefix", #""home/??""#, ["s3:prefix": "home/ab"], true),
    .init(stringSection, "StringLike", "s3:prefix", #""Home/*""#, ["s3:prefix": "home/x"], false),
    .init(stringSection, "StringNotLike", "s3:prefix", #""home/*""#, ["s3:prefix": "tmp/x"], true),
    .init(stringSection, "StringNotLike", "s3:prefix", #""home/*""#, ["s3:prefix": "home/x"], false),
    // Numeric
    .init(numericSection, "NumericEquals", "s3:max-keys", "10", ["s3:max-keys": "10"], true),
    .init(numericSection, "NumericEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10.0"], true),
    .init(numericSection, "NumericNotEquals", "s3:max-keys", "10", ["s3:max-keys": "11"], true),
    .init(numericSection, "NumericLessThan", "s3:max-keys", "10", ["s3:max-keys": "9"], true),
    .init(numericSection, "NumericLessThan", "s3:max-keys", "10", ["s3:max-keys": "10"], false),
    .init(numericSection, "NumericLessThanEquals", "s3:max-keys", "10", ["s3:max-keys": "10"], true),
    .init(numericSection, "NumericGreaterThan", "s3:max-keys", "10", ["s3:max-keys": "10"], false),
    .init(numericSection, "NumericGreaterThanEquals", "s3:max-keys", "10", ["s3:max-keys": "10"], true),
    .init(numericSection, "NumericEquals", "s3:max-keys", "10", ["s3:max-keys": "ten"], false),
    // Date
    .init(dateSection, "DateGreaterThan", "aws:CurrentTime", #""2020-01-01T00:00:00Z""#, ["aws:CurrentTime": "2021-06-01T12:00:00Z"], true),
    .init(dateSection, "DateLessThan", "aws:CurrentTime", #""2020-01-01T00:00:00Z""#, ["aws:CurrentTime": "2021-06-01T12:00:00Z"], false),
    .init(dateSection, "DateEquals", "aws:CurrentTime", #""2020-01-01""#, ["aws:CurrentTime": "2020-01-01T00:00:00Z"], true),
    .init(dateSection, "DateEquals", "aws:EpochTime", "1577836800", ["aws:EpochTime": "2020-01-01T00:00:00Z"], true),
    .init(dateSection, "DateEquals", "aws:CurrentTime", #""2020-01-01T02:00:00+02:00""#, ["aws:CurrentTime": "2020-01-01T00:00:00Z"], true),
    .init(dateSection, "DateNotEquals", "aws:CurrentTime", #""2020-01-01T00:00:00Z""#, ["aws:CurrentTime": "2020-01-01T00:00:01Z"], true),
    .init(dateSection, "DateLessThanEquals", "aws:CurrentTime", #""2020-01-01T00:00:00.500Z""#, ["aws:CurrentTime": "2020-01-01T00:00:00.500Z"], true),
    .init(dateSection, "DateGreaterThanEquals", "aws:TokenIssueTime", #""2024-02-29T00:00:00Z""#, ["aws:TokenIssueTime": "2024-02-28T23:59:59Z"], false),
    // Bool
    .init(boolSection, "Bool", "aws:SecureTransport", #""true""#, ["aws:SecureTransport": "true"], true),
    .init(boolSection, "Bool", "aws:SecureTransport", "true", ["aws:SecureTransport": "TRUE"], true),
    .init(boolSection, "Bool", "aws:SecureTransport", "false", ["aws:SecureTransport": "true"], false),
    .init(boolSection, "Bool", "aws:MultiFactorAuthPresent", "true", [:], false),
    // Binary
    .init(binarySection, "BinaryEquals", "key", #""QmluYXJ5VmFsdWU=""#, ["key": "QmluYXJ5VmFsdWU="], true),
    .init(binarySection, "BinaryEquals", "key", #""QmluYXJ5VmFsdWU=""#, ["key": "T3RoZXI="], false),
    // IP
    .init(ipSection, "IpAddress", "aws:SourceIp", #""203.0.113.0/24""#, ["aws:SourceIp": "203.0.113.45"], true),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""203.0.113.0/24""#, ["aws:SourceIp": "203.0.114.1"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""203.0.113.7""#, ["aws:SourceIp": "203.0.113.7"], true),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""2001:DB8:1234:5678::/64""#, ["aws:SourceIp": "2001:db8:1234:5678:abcd::1"], true),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""2001:DB8:1234:5678::/64""#, ["aws:SourceIp": "2001:db8:1234:5679::1"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, ["aws:SourceIp": "2001:db8::1"], false),
    .init(ipSection, "NotIpAddress", "aws:SourceIp", #"["10.0.0.0/8","192.168.0.0/16"]"#, ["aws:SourceIp": "203.0.113.9"], true),
    .init(ipSection, "NotIpAddress", "aws:SourceIp", #"["10.0.0.0/8","192.168.0.0/16"]"#, ["aws:SourceIp": "10.1.2.3"], false),
    // ARN
    .init(arnSection, "ArnEquals", "aws:SourceArn", #""arn:aws:sns:us-east-1:111122223333:topic""#, ["aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic"], true),
    .init(arnSection, "ArnLike", "aws:SourceArn", #""arn:aws:sns:*:111122223333:*""#, ["aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"], true),
    .init(arnSection, "ArnLike", "aws:SourceArn", #""arn:aws:sns:*:111122223333:*""#, ["aws:SourceArn": "arn:aws:sns:eu-west-1:999922223333:t"], false),
    .init(arnSection, "ArnLike", "aws:SourceArn", #""arn:aws:s3:::bucket/*""#, ["aws:SourceArn": "arn:aws:s3:::BUCKET/x"], false),
    .init(arnSection, "ArnLike", "aws:SourceArn", #""arn:aws:iam::*:role/*""#, ["aws:SourceArn": "not-an-arn"], false),
    .init(arnSection, "ArnNotEquals", "aws:PrincipalArn", #""arn:aws:iam::111122223333:role/Break""#, [:], true),
    .init(arnSection, "ArnNotLike", "aws:SourceArn", #""arn:aws:sns:*:*:prod-*""#, ["aws:SourceArn": "arn:aws:sns:us-east-1:1:dev-x"], true),
    .init(arnSection, "ArnNotLike", "aws:SourceArn", #""arn:aws:sns:*:*:prod-*""#, ["aws:SourceArn": "arn:aws:sns:us-east-1:1:prod-x"], false),
    // IfExists
    .init(ifExistsSection, "StringEqualsIfExists", "ec2:InstanceType", #""t3.micro""#, [:], true),
    .init(ifExistsSection, "StringEqualsIfExists", "ec2:InstanceType", #""t3.micro""#, ["ec2:InstanceType": "m5.large"], false),
    .init(ifExistsSection, "NumericLessThanIfExists", "s3:max-keys", "5", [:], true),
    .init(ifExistsSection, "BoolIfExists", "aws:MultiFactorAuthPresent", "true", [:], true),
    .init(ifExistsSection, "BoolIfExists", "aws:MultiFactorAuthPresent", "true", ["aws:MultiFactorAuthPresent": "false"], false),
    // Null
    .init(nullSection, "Null", "aws:TokenIssueTime", "true", [:], true),
    .init(nullSection, "Null", "aws:TokenIssueTime", "true", ["aws:TokenIssueTime": "2020-01-01T00:00:00Z"], false),
    .init(nullSection, "Null", "aws:TokenIssueTime", #""false""#, ["aws:TokenIssueTime": "2020-01-01T00:00:00Z"], true),
    .init(nullSection, "Null", "aws:TagKeys", "true", ["aws:TagKeys": []], true),
    // Missing keys
    .init(missingSection, "StringEquals", "aws:PrincipalTag/team", #""blue""#, [:], false),
    .init(missingSection, "StringNotEquals", "aws:PrincipalTag/team", #""blue""#, [:], true),
    .init(missingSection, "StringNotLike", "aws:PrincipalTag/team", #""b*""#, [:], true),
    .init(missingSection, "NotIpAddress", "aws:SourceIp", #""10.0.0.0/8""#, [:], true),
    .init(missingSection, "NumericGreaterThan", "s3:max-keys", "1", [:], false),
    // Set operators
    .init(setSection, "ForAllValues:StringEquals", "aws:TagKeys", #"["env","team"]"#, ["aws:TagKeys": ["env"]], true),
    .init(setSection, "ForAllValues:StringEquals", "aws:TagKeys", #"["env","team"]"#, ["aws:TagKeys": ["env", "cost"]], false),
    .init(setSection, "ForAllValues:StringEquals", "aws:TagKeys", #"["env","team"]"#, [:], true),
    .init(setSection, "ForAllValues:StringEquals", "aws:TagKeys", #"["env"]"#, ["aws:TagKeys": []], true),
    .init(setSection, "ForAnyValue:StringEquals", "aws:TagKeys", #"["env","team"]"#, ["aws:TagKeys": ["cost", "team"]], true),
    .init(setSection, "ForAnyValue:StringEquals", "aws:TagKeys", #"["env","team"]"#, ["aws:TagKeys": ["cost"]], false),
    .init(setSection, "ForAnyValue:StringEquals", "aws:TagKeys", #"["env"]"#, [:], false),
    .init(setSection, "ForAnyValue:StringNotEquals", "aws:TagKeys", #"["env"]"#, ["aws:TagKeys": ["env", "cost"]], true),
    .init(setSection, "ForAllValues:StringNotEquals", "aws:TagKeys", #"["env"]"#, ["aws:TagKeys": ["env", "cost"]], false),
    .init(setSection, "ForAllValues:StringLike", "aws:TagKeys", #""team-*""#, ["aws:TagKeys": ["team-a", "team-b"]], true),
    .init(setSection, "ForAnyValue:StringLike", "aws:CalledVia", #""*.amazonaws.com""#, ["aws:CalledVia": ["athena.amazonaws.com"]], true),
    .init(setSection, "ForAllValues:StringEqualsIfExists", "aws:TagKeys", #"["env"]"#, [:], true),
    .init(setSection, "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", #"["env"]"#, [:], true),
    .init(setSection, "StringEquals", "aws:TagKeys", #"["env"]"#, ["aws:TagKeys": ["cost", "env"]], true),
    .init(setSection, "ForAnyValue:StringNotEquals", "aws:TagKeys", #"["env"]"#, [:], false),
    .init(setSection, "ForAllValues:NumericLessThan", "s3:sizes", "10", ["s3:sizes": ["1", "9"]], true),
    .init(setSection, "ForAllValues:NumericLessThan", "s3:sizes", "10", ["s3:sizes": ["1", "19"]], false),
    .init(setSection, "ForAnyValue:IpAddress", "aws:SourceIps", #""10.0.0.0/8""#, ["aws:SourceIps": ["192.0.2.1", "10.9.9.9"]], true),
    .init(setSection, "ForAllValues:ArnLike", "aws:SourceArns", #""arn:aws:sns:*:*:*""#, ["aws:SourceArns": ["arn:aws:sns:us-east-1:1:a", "arn:aws:sqs:us-east-1:1:q"]], false),
    // More scalar forms
    .init(dateSection, "DateLessThan", "aws:EpochTime", #""1577836800.5""#, ["aws:EpochTime": "1577836800"], true),
    .init(dateSection, "DateEquals", "aws:CurrentTime", #""2020-01-01T00:00:00Z""#, ["aws:CurrentTime": "not a date"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""::ffff:192.0.2.0/120""#, ["aws:SourceIp": "::ffff:192.0.2.77"], true),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""10.0.0.0/8""#, ["aws:SourceIp": "not-an-ip"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, ["aws:SourceIp": "10.1.2"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, ["aws:SourceIp": "10.1.2.3.4"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, ["aws:SourceIp": "256.1.2.3"], false),
    .init(ipSection, "IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, ["aws:SourceIp": "255.255.255.255"], true),
    .init(ipSection, "NotIpAddress", "aws:SourceIp", #""::/0""#, ["aws:SourceIp": "2001:db8::1"], false),
    .init(stringSection, "StringLike", "s3:prefix", #""a${*}b""#, ["s3:prefix": "a*b"], true),
    .init(stringSection, "StringLike", "s3:prefix", #""a${*}b""#, ["s3:prefix": "axb"], false),
    .init(stringSection, "StringEquals", "s3:prefix", #""${aws:username}""#, ["s3:prefix": "alice"], true),
    .init(stringSection, "StringEqualsIgnoreCase", "s3:prefix", #""${aws:username}""#, ["s3:prefix": "ALICE"], true),
    // "Policy variables with no value": a negated operator matches a variable with no value.
    .init(stringSection, "StringNotEquals", "s3:prefix", #""${aws:PrincipalTag/none}""#, ["s3:prefix": "alice"], true),
    .init(arnSection, "ArnLike", "aws:SourceArn", #""arn:aws:s3:::${aws:username}-*""#, ["aws:SourceArn": "arn:aws:s3:::alice-logs"], true),
    .init(numericSection, "NumericEquals", "s3:max-keys", "1.5", ["s3:max-keys": "1.50"], true),
    // Logic
    .init(logicSection, "StringEquals", "aws:PrincipalTag/team", #"["red","blue","green"]"#, ["aws:PrincipalTag/team": "green"], true),
    .init(logicSection, "StringEquals", "AWS:PRINCIPALTAG/TEAM", #""blue""#, ["aws:principaltag/team": "blue"], true),
]

@Suite struct ConditionOperatorTests {
    @Test("Each documented condition operator decides as the IAM User Guide says", arguments: conditionCases)
    func conditionOperatorDecides(_ c: ConditionCase) {
        let condition = #"{"\#(c.op)":{"\#(c.key)":\#(c.values)}}"#
        let request = Fixture.request(context: c.context)
        let decision = Fixture.decide(request, identity: [Fixture.doc(Fixture.allow(condition: condition))])
        #expect(decision == (c.allowed ? .allowed : .implicitDeny), "\(c.testDescription)")
    }

    /// "IAM JSON policy elements: Version": under 2008-10-17 a condition value's `${...}` is literal.
    @Test func conditionVariablesAreLiteralUnderVersion2008() {
        let p = #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"${aws:username}"}}}}"#
        #expect(Fixture.decide(Fixture.request(context: ["s3:prefix": "alice"]), identity: [p]) == .implicitDeny)
        #expect(Fixture.decide(Fixture.request(context: ["s3:prefix": "${aws:username}"]), identity: [p]) == .allowed)
    }

    /// "Condition — Evaluation logic for conditions with multiple context keys or values": keys ANDed.
    @Test func multipleKeysUnderOneOperatorAreAnded() {
        let condition = #"{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:RequestedRegion":"eu-west-1"}}"#
        let policy = Fixture.doc(Fixture.allow(condition: condition))
        let both = Fixture.request(context: ["aws:PrincipalTag/team": "blue", "aws:RequestedRegion": "eu-west-1"])
        let one = Fixture.request(context: ["aws:PrincipalTag/team": "blue", "aws:RequestedRegion": "us-east-1"])
        #expect(Fixture.decide(both, identity: [policy]) == .allowed)
        #expect(Fixture.decide(one, identity: [policy]) == .implicitDeny)
    }

    /// "Condition — Evaluation logic for conditions with multiple context keys or values": operators ANDed.
    @Test func multipleOperatorsAreAnded() {
        let condition = #"{"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#
        let policy = Fixture.doc(Fixture.allow(condition: condition))
        #expect(Fixture.decide(Fixture.request(context: ["aws:SecureTransport": "true", "aws:SourceIp": "10.2.3.4"]), identity: [policy]) == .allowed)
        #expect(Fixture.decide(Fixture.request(context: ["aws:SecureTransport": "false", "aws:SourceIp": "10.2.3.4"]), identity: [policy]) == .implicitDeny)
    }

    /// "Condition operators": a deny guarded by a negated operator applies when the key is missing.
    @Test func denyWithNegatedOperatorAppliesWhenKeyIsMissing() {
        let policy = Fixture.doc(Fixture.allow() + "," + Fixture.deny(condition: #"{"StringNotEquals":{"aws:PrincipalTag/clearance":"high"}}"#))
        #expect(Fixture.decide(Fixture.request(), identity: [policy]) == .explicitDeny)
        #expect(Fixture.decide(Fixture.request(context: ["aws:PrincipalTag/clearance": "high"]), identity: [policy]) == .allowed)
    }

    /// "Policy evaluation logic": a condition key the matching statement needs is reported as missing.
    @Test func missingConditionKeysAreReported() {
        let result = Fixture.evaluate(Fixture.request(), identity: [Fixture.doc(Fixture.allow(condition: #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#))])
        #expect(result.decision == .implicitDeny)
        #expect(result.missingContextValues == ["aws:MultiFactorAuthPresent"])
    }
}
