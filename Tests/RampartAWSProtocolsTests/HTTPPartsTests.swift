import RampartAWSProtocols
import Testing

@Suite struct HTTPPartsTests {
    @Test func requestsAreEqualOnlyWhenEveryPartAndItsOrderIs() {
        let a = HTTPRequestParts(method: "POST", path: "/", query: [("a", "1"), ("b", "2")], headers: [("X", "y")], body: Array("x".utf8))
        var b = a
        #expect(a == b)
        b.query = [("b", "2"), ("a", "1")]
        #expect(a != b, "query order is part of the request")
    }
}
