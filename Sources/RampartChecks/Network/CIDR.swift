/// An IPv4 or IPv6 address block as security groups, network ACLs and route tables write it
/// (`10.0.0.0/16`, `2001:db8::/32`), with the containment and "is it internet space" questions
/// exposure reasoning asks.
struct CIDR: Hashable, Sendable {
    /// The address as 128 bits; IPv4 uses the low 32.
    let high: UInt64
    let low: UInt64
    let prefixLength: Int
    let isIPv6: Bool

    /// Parses `a.b.c.d/n` or an IPv6 block; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), length >= 0 else { return nil }
        let address = String(parts[0])
        if address.contains(":") {
            guard length <= 128, let (high, low) = CIDR.parseIPv6(address) else { return nil }
            (self.high, self.low, self.isIPv6) = (high, low, true)
        } else {
            guard length <= 32, let value = CIDR.parseIPv4(address) else { return nil }
            (self.high, self.low, self.isIPv6) = (0, UInt64(value), false)
        }
        prefixLength = length
    }

    var bits: Int { isIPv6 ? 128 : 32 }

    /// True for `0.0.0.0/0` and `::/0`: every address of the family.
    var isEverything: Bool { prefixLength == 0 }

    /// True when every address of `other` is in this block.
    func contains(_ other: CIDR) -> Bool {
        guard isIPv6 == other.isIPv6, prefixLength <= other.prefixLength else { return false }
        return masked(high: high, low: low) == masked(high: other.high, low: other.low)
    }

    private func masked(high: UInt64, low: UInt64) -> (UInt64, UInt64) {
        // Align IPv4 to the top of 32 bits so one mask routine serves both families.
        let shift = bits - prefixLength
        if !isIPv6 {
            let mask: UInt64 = shift >= 32 ? 0 : (0xFFFF_FFFF << UInt64(shift)) & 0xFFFF_FFFF
            return (0, low & mask)
        }
        if shift >= 128 { return (0, 0) }
        if shift >= 64 { return (high & (shift == 64 ? ~0 : ~0 << UInt64(shift - 64)), 0) }
        return (high, shift == 0 ? low : low & (~0 << UInt64(shift)))
    }

    /// Blocks that are not reachable from the internet: private, shared, loopback, link-local
    /// (RFC 1918, 6598, 3927; fc00::/7, fe80::/10, ::1).
    static let nonInternet: [CIDR] = ([
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "fc00::/7", "fe80::/10", "::1/128",
    ] as [String]).compactMap { CIDR($0) }

    /// True when some address of this block is internet address space.
    var includesInternetAddresses: Bool { !CIDR.nonInternet.contains { $0.contains(self) } }

    static func parseIPv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    static func parseIPv6(_ text: String) -> (UInt64, UInt64)? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }
}
