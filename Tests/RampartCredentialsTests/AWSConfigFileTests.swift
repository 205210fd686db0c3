import RampartTestSupport
import Foundation
import RampartCredentials
import Testing

@Suite struct AWSConfigFileTests {
    @Test func configFileProfilesAreDefaultAndProfileNameSections() throws {
        let file = try AWSConfigFile(parsing: """
            # a comment
            ; another comment
            [default]
            region = eu-west-1

            [profile audit]
            region=us-east-2
            ROLE_ARN = arn:aws:iam::123456789012:role/Audit
            [profile   spaced   ]
            output = json
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            [plain-section]
            region = ap-south-1
            """, path: "/home/u/.aws/config", kind: .config)
        #expect(Set(file.profiles.keys) == ["default", "audit", "spaced"])
        #expect(file.profiles["default"]?["region"] == "eu-west-1")
        #expect(file.profiles["audit"]?["region"] == "us-east-2")
        #expect(file.profiles["audit"]?["role_arn"] == "arn:aws:iam::123456789012:role/Audit")
        #expect(file.profiles["spaced"]?["output"] == "json")
    }

    @Test func credentialsFileSectionsAreProfileNamesAsWritten() throws {
        let file = try AWSConfigFile(parsing: """
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = secret/with+chars=
            [prod]
            aws_access_key_id: AKIAPROD
            aws_secret_access_key: other
            [profile odd]
            aws_access_key_id = AKIAODD
            """, path: "credentials", kind: .credentials)
        #expect(Set(file.profiles.keys) == ["default", "prod", "profile odd"])
        #expect(file.profiles["default"]?["aws_secret_access_key"] == "secret/with+chars=")
        #expect(file.profiles["prod"]?["aws_access_key_id"] == "AKIAPROD")
    }

    @Test func indentedLinesAfterAnEmptyValueFormANestedSection() throws {
        let file = try AWSConfigFile(parsing: """
            [profile dev]
            region = us-west-2
            s3 =
              max_concurrent_requests = 20
              addressing_style = path
            services = local
            [services local]
            sts =
                endpoint_url = http://127.0.0.1:5000
            ec2 =
                endpoint_url = http://127.0.0.1:5001
            """, path: "config", kind: .config)
        let dev = try #require(file.profiles["dev"])
        #expect(dev.value("max_concurrent_requests", in: "s3") == "20")
        #expect(dev.value("addressing_style", in: "s3") == "path")
        #expect(dev["services"] == "local")
        #expect(file.services["local"]?.value("endpoint_url", in: "sts") == "http://127.0.0.1:5000")
        #expect(file.services["local"]?.value("endpoint_url", in: "ec2") == "http://127.0.0.1:5001")
    }

    @Test func indentedLinesAfterAValueContinueIt() throws {
        let file = try AWSConfigFile(parsing: "[default]\nnote = first\n  second\nregion = us-east-1\n", path: "config", kind: .config)
        #expect(file.profiles["default"]?["note"] == "first\nsecond")
        #expect(file.profiles["default"]?["region"] == "us-east-1")
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        let file = try AWSConfigFile(parsing: "\u{FEFF}[default]\r\nregion = eu-north-1\r\n", path: "config", kind: .config)
        #expect(file.profiles["default"]?["region"] == "eu-north-1")
    }

    @Test func aRepeatedSectionAddsToTheFirst() throws {
        let file = try AWSConfigFile(parsing: "[default]\nregion = a\n[profile x]\n[default]\noutput = json\nregion = b\n", path: "config", kind: .config)
        #expect(file.profiles["default"]?["region"] == "b")
        #expect(file.profiles["default"]?["output"] == "json")
    }

    @Test(arguments: [
        ("region = us-east-1\n[default]\n", 1, "before any [section]"),
        ("[default]\nregion us-east-1\n", 2, "expected `key = value`"),
        ("[default]\n\n[profile broken\n", 3, "must end with `]`"),
        ("[default]\n= value\n", 2, "expected `key = value`"),
        ("[default]\ns3 =\n  no delimiter here\n", 3, "nested settings of `s3`"),
        ("[]\n", 1, "empty section name"),
        ("[default] trailing\n", 1, "after the section header"),
    ])
    func aMalformedLineIsReportedWithItsFileAndLine(text: String, line: Int, reason: String) {
        #expect {
            _ = try AWSConfigFile(parsing: text, path: "/home/u/.aws/config", kind: .config)
        } throws: { error in
            guard let error = error as? AWSConfigFileError else { return false }
            return error.path == "/home/u/.aws/config" && error.line == line && error.description.contains(reason)
                && error.description.hasPrefix("/home/u/.aws/config, line \(line): ")
        }
    }

    @Test func aMalformedLineIsNeverQuotedInTheError() throws {
        do {
            _ = try AWSConfigFile(parsing: "[default]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n", path: "credentials", kind: .credentials)
            Issue.record("expected a parse error")
        } catch {
            #expect(!String(describing: error).contains("wJalrXUtnFEMI"))
            #expect(String(describing: error).contains("line 2"))
        }
    }

    @Test func aMissingFileReadsAsEmpty() throws {
        let file = try AWSConfigFile.load(path: "/nonexistent/rampart/\(UUID().uuidString)/config", kind: .config)
        #expect(file.profiles.isEmpty)
    }

    @Test func aDirectoryInPlaceOfTheFileIsAnError() async throws {
        try await withTemporaryDirectory { directory async throws in
            #expect(throws: AWSConfigFileError.self) {
                _ = try AWSConfigFile.load(path: directory.path, kind: .config)
            }
        }
    }

    @Test func sectionDescriptionsListKeysButNeverValues() throws {
        let file = try AWSConfigFile(parsing: "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = TOPSECRETVALUE\n", path: "c", kind: .credentials)
        let section = try #require(file.profiles["default"])
        var dumped = ""
        dump(section, to: &dumped)
        var dumpedFile = ""
        dump(file, to: &dumpedFile)
        for text in [String(describing: section), String(reflecting: section), dumped, String(describing: file), String(reflecting: file), dumpedFile] {
            #expect(!text.contains("TOPSECRETVALUE"))
        }
        #expect(String(describing: section).contains("aws_secret_access_key"))
    }
}
