import RampartIAM

/// libFuzzer target: the IAM policy parser. Any text must parse into a policy or throw a
/// `PolicyParseError` naming the problem; it must never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let policy = try PolicyDocument(text: text)
        _ = policy.statements.count
    } catch {
        _ = error.description
    }
    return 0
}
