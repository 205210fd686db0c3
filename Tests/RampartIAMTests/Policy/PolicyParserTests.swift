import RampartIAM
import RampartJSON
import Testing

/// The policy grammar ("IAM JSON policy element reference", "Grammar of the IAM JSON policy
/// language") and the errors that name the statement and element at fault.
@Suite struct PolicyParserTests {
    func error(_ text: String) -> String? {
        do {
            _ = try PolicyDocument(text: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func statementMayBeASingleObject() throws {
        let p = try PolicyDocument(text: #"{"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
        #expect(p.version == .v2012_10_17)
        #expect(p.id == "p1")
        #expect(p.statements.count == 1)
        #expect(p.statements[0].sid == "A")
        #expect(p.substitutesVariables)
    }

    @Test func statementMayBeAnArray() throws {
        let p = try PolicyDocument(text: #"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["a","b"]},{"Effect":"Deny","NotAction":"iam:*","NotResource":"x"}]}"#)
        #expect(p.version == .v2008_10_17)
        #expect(!p.substitutesVariables)
        #expect(p.statements[0].action.patterns == ["s3:Get*", "s3:List*"])
        #expect(p.statements[0].resource?.patterns == ["a", "b"])
        #expect(p.statements[1].action.isNegated)
        #expect(p.statements[1].resource?.isNegated == true)
        #expect(p.statements[1].index == 1)
        #expect(p.statements[1].effect == .deny)
    }

    @Test func absentVersionDoesNotSubstituteVariables() throws {
        let p = try PolicyDocument(text: #"{"Statement":[]}"#)
        #expect(p.version == nil)
        #expect(!p.substitutesVariables)
    }

    @Test func parsesFromAJSONValue() throws {
        let value: JSONValue = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "*", "Resource": "*"]]]
        #expect(try PolicyDocument(json: value).statements.count == 1)
    }

    @Test func principalFormsAreRead() throws {
        let p = try PolicyDocument(text: #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"},{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:user/a"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"},"Action":"s3:*"}]}"#)
        #expect(p.statements[0].principal?.isWildcard == true)
        let np = try #require(p.statements[1].principal)
        #expect(np.isNegated)
        #expect(np.aws == ["111122223333", "arn:aws:iam::111122223333:user/a"])
        #expect(np.service == ["ec2.amazonaws.com"])
        #expect(np.federated == ["cognito-identity.amazonaws.com"])
        #expect(np.canonicalUser == ["abc"])
    }

    @Test func conditionValuesMayBeStringsNumbersBooleansAndArrays() throws {
        let p = try PolicyDocument(text: #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true},"StringEquals":{"k":["a","b"]},"ForAllValues:StringLikeIfExists":{"aws:TagKeys":"x*"}}}}"#)
        let c = p.statements[0].conditions
        #expect(c.map(\.values) == [["10"], ["true"], ["a", "b"], ["x*"]])
        #expect(c[3].conditionOperator == ConditionOperator(qualifier: .forAllValues, base: .stringLike, ifExists: true))
    }

    @Test func everyDocumentedOperatorParses() {
        for base in ConditionOperator.Base.allCases {
            #expect(ConditionOperator(base.rawValue)?.base == base)
            if base != .null {
                #expect(ConditionOperator("ForAnyValue:" + base.rawValue + "IfExists")?.ifExists == true)
            }
        }
        #expect(ConditionOperator("StringEqualz") == nil)
        #expect(ConditionOperator("ForSomeValues:StringEquals") == nil)
        #expect(ConditionOperator("NullIfExists") == nil)
    }

    // MARK: Errors name the statement and element

    @Test func badEffectNamesStatementSidAndValue() {
        let text = #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"DenyAll","Effect":"Permit","Action":"*","Resource":"*"}]}"#
        #expect(error(text) == #"Statement[2] (Sid "DenyAll"): Effect must be "Allow" or "Deny", found "Permit""#)
    }

    @Test func missingEffectIsAnError() {
        #expect(error(#"{"Statement":{"Action":"*"}}"#) == "Statement[0]: Effect is missing")
    }

    @Test func actionAndNotActionTogetherIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*"}}"#) == "Statement[0]: Action and NotAction cannot both be present")
    }

    @Test func missingActionIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Resource":"*"}}"#)?.hasPrefix("Statement[0]: Action is missing") == true)
    }

    @Test func resourceAndNotResourceTogetherIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"x"}}"#) == "Statement[0]: Resource and NotResource cannot both be present")
    }

    @Test func principalAndNotPrincipalTogetherIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Principal":"*","NotPrincipal":"*"}}"#) == "Statement[0]: Principal and NotPrincipal cannot both be present")
    }

    @Test func nonStringActionIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}"#) == "Statement[0]: Action must be a string or an array of strings, found an array holding a number")
    }

    @Test func unknownPrincipalTypeIsAnError() {
        #expect(error(#"{"Statement":{"Sid":"x","Effect":"Allow","Action":"*","Principal":{"Group":"g"}}}"#)?.hasPrefix(#"Statement[0] (Sid "x"): Principal has unknown principal type "Group""#) == true)
    }

    @Test func principalStringOtherThanStarIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Principal":"arn:aws:iam::1:root"}}"#)?.hasPrefix("Statement[0]: Principal must be") == true)
    }

    @Test func unknownConditionOperatorIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEqualz":{"k":"v"}}}}"#) == #"Statement[0]: Condition has unknown operator "StringEqualz""#)
    }

    @Test func conditionValueOfTheWrongTypeIsAnError() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"NumericEquals":{"k":"ten"}}}}"#) == #"Statement[0]: Condition NumericEquals "k": NumericEquals value "ten" is not a number"#)
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"DateLessThan":{"k":"yesterday"}}}}"#) != nil)
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"IpAddress":{"k":"10.0.0.0/33"}}}}"#) != nil)
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"Bool":{"k":"yes"}}}}"#) != nil)
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEquals":{"k":null}}}}"#) != nil)
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEquals":"k"}}}"#) != nil)
    }

    @Test func unknownElementsAreErrors() {
        #expect(error(#"{"Statement":{"Effect":"Allow","Action":"*","Resources":"*"}}"#) == "Statement[0]: Resources is not a statement element")
        #expect(error(#"{"Statment":[]}"#) == "Statment is not a policy element")
    }

    @Test func badVersionIsAnError() {
        #expect(error(#"{"Version":"2012-10-18","Statement":[]}"#) == #"Version must be "2012-10-17" or "2008-10-17", found "2012-10-18""#)
    }

    @Test func missingOrMistypedStatementIsAnError() {
        #expect(error(#"{"Version":"2012-10-17"}"#) == "Statement is missing")
        #expect(error(#"{"Statement":"x"}"#) == "Statement must be an object or an array of objects, found a string")
        #expect(error(#"{"Statement":["x"]}"#) == "Statement[0]: must be an object, found a string")
    }

    @Test func invalidJSONIsAnError() {
        #expect(error("{")?.hasPrefix("invalid JSON") == true)
        #expect(error("[]") == "a policy must be a JSON object, found an array")
    }
}
