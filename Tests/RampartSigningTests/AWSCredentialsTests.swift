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
}
