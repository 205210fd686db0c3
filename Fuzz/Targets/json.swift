import RampartJSON

/// libFuzzer target: the snapshot JSON reader. Any input must parse or throw a syntax error
/// (never trap); what parses must be written and read back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.string(value, pretty: false)
    guard let again = try? JSONParser.parse(written) else { fatalError("the writer's output does not parse: \(written.prefix(200))") }
    if again != value { fatalError("a value changed on a round trip: \(written.prefix(200))") }
    _ = JSONNode(value).path
    return 0
}
