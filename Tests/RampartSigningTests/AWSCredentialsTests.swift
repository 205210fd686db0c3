import RampartSigning
import Testing

@Suite struct AWSCredentialsTests {
    @Test func descriptionsNeverShowTheSecretOrTheToken() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials)] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("FQoGZXIvYXdz"))
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }

    @Test func dumpsAndMirrorsNeverShowTheSecretOrTheToken() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN")
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedOptional = ""
        dump(Optional(credentials), to: &dumpedOptional)
        let children = Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: ", ")
        for text in [dumped, dumpedOptional, children] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("FQoGZXIvYXdz"))
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }
}
