/// Whether a statement's `Resource` can name a resource an action acts on.
///
/// Service Authorization Reference, "Actions, resources, and condition keys for AWS services":
/// an action acts on the resource types its entry lists, each with an ARN format; a statement
/// whose `Resource` names only ARNs of other types (`s3:GetObject` on `arn:aws:s3:::bucket`, a
/// bucket, not an object) matches no request for that action and grants nothing. An action with
/// no resource type is judged by its service alone (`arn:aws:s3:::*` for `s3:ListAllMyBuckets`).
extension ActionCatalog {
    /// True when some pattern of `patterns` can match an ARN of a resource type `action` acts
    /// on; true as well when the catalogue does not know the type (never a false "grants nothing").
    /// `cache` keeps pattern-and-format answers across calls.
    func action(at index: Int, canActOnAnyOf patterns: [String], cache: inout [String: Bool]) -> Bool {
        let action = allActions[index]
        let service = self.service(action.servicePrefix)
        var formats: [String] = []
        for row in action.resourceTypes {
            guard let format = service?.resourceType(named: row.name.hasSuffix("*") ? String(row.name.dropLast()) : row.name)?.arnFormat
            else { return true }
            formats.append(format)
        }
        if formats.isEmpty {
            formats = ["arn:*:\(action.servicePrefix):*"] + (service?.resourceTypes.map(\.arnFormat) ?? [])
        }
        for pattern in patterns {
            for format in formats {
                let key = pattern + "\u{0}" + format
                if let known = cache[key] {
                    if known { return true }
                    continue
                }
                let overlap = Self.arnsOverlap(pattern, format)
                cache[key] = overlap
                if overlap { return true }
            }
        }
        return false
    }

    /// Whether a `Resource` pattern can match an ARN of a format: field by field (partition,
    /// service, region, account, then the resource part), since a real ARN's service field is
    /// never another service's; a pattern with fewer than six fields (`arn:aws:*`) is compared whole.
    static func arnsOverlap(_ pattern: String, _ format: String) -> Bool {
        let p = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let f = format.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard p.count == 6, f.count == 6 else { return globsOverlap(pattern, format) }
        return zip(p, f).allSatisfy { globsOverlap(String($0), String($1)) }
    }

    /// Whether two ARN patterns (`*` any run, `?` one character, `${...}` any run) match a
    /// common string: a search over pairs of positions in the two patterns.
    static func globsOverlap(_ a: String, _ b: String) -> Bool {
        let p = globTokens(a)
        let q = globTokens(b)
        var seen = Set<Int>()
        var stack = [0]
        let width = q.count + 1
        while let state = stack.popLast() {
            guard seen.insert(state).inserted else { continue }
            let i = state / width
            let j = state % width
            if i == p.count && j == q.count { return true }
            func push(_ ni: Int, _ nj: Int) { if ni != i || nj != j { stack.append(ni * width + nj) } }
            if i < p.count, p[i] == .any { push(i + 1, j) }
            if j < q.count, q[j] == .any { push(i, j + 1) }
            guard i < p.count, j < q.count else { continue }
            switch (p[i], q[j]) {
            case (.char(let x), .char(let y)) where x != y: continue
            default: break
            }
            push(p[i] == .any ? i : i + 1, q[j] == .any ? j : j + 1)
        }
        return false
    }

    enum GlobToken: Equatable {
        case any, one
        case char(Character)
    }

    /// `*` and `${...}` as any run, `?` as one character.
    static func globTokens(_ s: String) -> [GlobToken] {
        var out: [GlobToken] = []
        var rest = Substring(s)
        while let c = rest.first {
            if c == "$", rest.dropFirst().first == "{", let close = rest.firstIndex(of: "}") {
                if out.last != .any { out.append(.any) }
                rest = rest[rest.index(after: close)...]
                continue
            }
            switch c {
            case "*": if out.last != .any { out.append(.any) }
            case "?": out.append(.one)
            default: out.append(.char(c))
            }
            rest = rest.dropFirst()
        }
        return out
    }
}
