import FormworkTestSupport

// libFuzzer's entry point (libFuzzer provides `main`): `FuzzTargets.expressions`
// on each input, trapping on any invariant it breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpressions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let broken = FuzzTargets.expressions(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(broken.isEmpty, broken.joined(separator: "; "))
    return 0
}
