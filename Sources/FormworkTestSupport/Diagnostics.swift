import FormworkDiagnostics

/// Finding diagnostics by code, the one way tests do it.
extension Sequence where Element == Diagnostic {
    /// The diagnostics with one of `codes`, in order.
    package func with(_ codes: DiagnosticCode...) -> [Diagnostic] { with(codes) }

    /// The diagnostics with one of `codes` (a phase's `DiagnosticCode.all…Codes`), in order.
    package func with(_ codes: [DiagnosticCode]) -> [Diagnostic] { filter { codes.contains($0.code) } }

    /// The diagnostics with none of `codes`, for fixtures that declare more
    /// than a test uses (`.without(.unusedParameter)`).
    package func without(_ codes: DiagnosticCode...) -> [Diagnostic] { filter { !codes.contains($0.code) } }

    /// The only diagnostic; nil when there are none or several.
    package var only: Diagnostic? {
        var iterator = makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}
