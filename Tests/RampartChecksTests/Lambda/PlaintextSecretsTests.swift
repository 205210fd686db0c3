@testable import RampartChecks
import Testing

@Suite struct PlaintextSecretsTests {
    @Test func namesAndShapesOfCredentialsAreRecognised() {
        #expect(PlaintextSecrets.rule(name: "DB_PASSWORD", value: "correct horse") != nil)
        #expect(PlaintextSecrets.rule(name: "stripeApiKey", value: "abc123def456") != nil)
        #expect(PlaintextSecrets.rule(name: "ANYTHING", value: "AKIAIOSFODNN7EXAMPLE") != nil)
        #expect(PlaintextSecrets.rule(name: "CERT", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE...") != nil)
        #expect(PlaintextSecrets.rule(name: "DATABASE_URL", value: "postgres://app:pw@db.internal:5432/app") != nil)
        #expect(PlaintextSecrets.rule(name: "GH", value: "ghp_0123456789abcdefghijklmnopqrstuvwxyz") != nil)
    }

    @Test func referencesFlagsAndOrdinarySettingsAreNotSecrets() {
        #expect(PlaintextSecrets.rule(name: "DB_PASSWORD_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:1:secret:x") == nil)
        #expect(PlaintextSecrets.rule(name: "DB_PASSWORD", value: "arn:aws:ssm:us-east-1:1:parameter/x") == nil)
        #expect(PlaintextSecrets.rule(name: "SECRET_NAME", value: "prod/db") == nil)
        #expect(PlaintextSecrets.rule(name: "TOKEN_TTL", value: "3600") == nil)
        #expect(PlaintextSecrets.rule(name: "USE_SECRETS", value: "true") == nil)
        #expect(PlaintextSecrets.rule(name: "DB_PASSWORD", value: "") == nil)
        #expect(PlaintextSecrets.rule(name: "LOG_LEVEL", value: "debug") == nil)
        #expect(PlaintextSecrets.rule(name: "SITE_URL", value: "https://example.com/path") == nil)
    }
}
