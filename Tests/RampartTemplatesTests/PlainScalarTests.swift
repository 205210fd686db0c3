@testable import RampartTemplates
import Testing
import Yams

/// Untagged plain scalars are typed without Yams' regular expressions; the types must be the
/// ones the default resolver gives, wherever the template reader tells them apart.
struct PlainScalarTests {
    static let samples = [
        "", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "tRue", "yes", "YES", "no", "on", "OFF", "y",
        "0", "7", "-7", "+7", "007", "000000000000", "123456789012", "1.", "1.5", "-1.5", "+1.5e3", "1e5", "1E-5", "1.5e+10",
        ".5", ".5e+3", ".5e3", "-.5", "0x1F", "0x1f", "-0x1F", "0X1F", "0x", "0x1p3", "1_000", "0b101", "0o17", "1:30", ".inf",
        "-.inf", ".nan", "inf", "nan", "1.2.3", "10.0.0.0/16", "0.0.0.0/0", "sg-123", "2026-01-01", "e5", "5e", "-", "+", ".",
        "ami-0abc", "22", "443", "3306", "t3.micro", "us-east-1a", "=", "<<",
    ]

    @Test func theTypeOfEachPlainScalarIsTheOneYamsDefaultResolverGives() throws {
        for sample in Self.samples {
            let yams = Resolver.default.resolveTag(of: Node(sample, Tag(.implicit))).rawValue
            let numberToYams = yams == "tag:yaml.org,2002:int" || yams == "tag:yaml.org,2002:float"
            let expected = numberToYams ? (Double(sample) != nil ? "number" : "str") : (yams == "tag:yaml.org,2002:null" ? "null" : yams == "tag:yaml.org,2002:bool" ? "bool" : "str")
            let ours = PlainScalar.tag(sample)
            let got = ours == "tag:yaml.org,2002:float" ? "number" : ours == "tag:yaml.org,2002:null" ? "null" : ours == "tag:yaml.org,2002:bool" ? "bool" : "str"
            #expect(got == expected, "\(sample): \(got), Yams \(yams)")
        }
    }

    @Test func templateValuesKeepTheirTypesAndExplicitTagsWin() throws {
        let value = try TemplateReader.read(text: """
            Port: 22
            Open: true
            Cidr: 10.0.0.0/16
            Quoted: "22"
            Tagged: !!str 22
            Nothing: ~
            """, file: "t.yaml")
        #expect(value["Port"] == .number(22))
        #expect(value["Open"] == .bool(true))
        #expect(value["Cidr"] == .string("10.0.0.0/16"))
        #expect(value["Quoted"] == .string("22"))
        #expect(value["Tagged"] == .string("22"))
        #expect(value["Nothing"] == .null)
    }
}
