@testable import RampartChecks
import Testing

@Suite struct CIDRTests {
    @Test func containmentFollowsPrefixLengthsForBothFamilies() throws {
        let all = try #require(CIDR("0.0.0.0/0"))
        let ten = try #require(CIDR("10.0.0.0/8"))
        #expect(all.contains(ten))
        #expect(ten.contains(try #require(CIDR("10.1.2.0/24"))))
        #expect(!ten.contains(try #require(CIDR("11.0.0.0/24"))))
        #expect(!ten.contains(all))
        let v6 = try #require(CIDR("2001:db8::/32"))
        #expect(try #require(CIDR("::/0")).contains(v6))
        #expect(v6.contains(try #require(CIDR("2001:db8:1::/48"))))
        #expect(!v6.contains(try #require(CIDR("2001:db9::/48"))))
        #expect(!all.contains(v6), "families never contain each other")
    }

    @Test func privateAndLinkLocalBlocksAreNotInternetSpace() throws {
        #expect(try #require(CIDR("10.2.0.0/16")).includesInternetAddresses == false)
        #expect(try #require(CIDR("192.168.1.0/24")).includesInternetAddresses == false)
        #expect(try #require(CIDR("fd00::/8")).includesInternetAddresses == false)
        #expect(try #require(CIDR("198.51.100.0/24")).includesInternetAddresses)
        #expect(try #require(CIDR("0.0.0.0/0")).includesInternetAddresses)
        #expect(try #require(CIDR("172.0.0.0/8")).includesInternetAddresses, "only 172.16.0.0/12 of it is private")
    }

    @Test func malformedBlocksAreRejected() {
        for text in ["10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "1.2.3/24", "2001:db8:::/32", "::/129", "pl-123"] {
            #expect(CIDR(text) == nil, "\(text)")
        }
    }
}
