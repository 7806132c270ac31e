import FormworkDiagnostics
import FormworkSpec

/// Parameters, mappings and resources share CloudFormation's logical-ID space (and `${...}`'s names), and a
/// name's logical ID upper-cases its first letter: parameter `jobs` and
/// resource `jobs` (or `Jobs`) would both be `Jobs`. Each later declaration
/// is reported, with a note at the first. A name that is not lowerCamel is
/// the decoder's to report, and is left out here.
enum LogicalIdCollisions: SpecRule {
    static let summary = "no two declarations map to one logical ID"
    static let codes: [DiagnosticCode] = [.logicalIdCollision]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let spec = context.spec
        var seen: [String: (Name, String)] = [:]
        let declared = spec.parameters.map { ($0.name, "parameter") } + spec.mappings.map { ($0.name, "mapping") }
            + spec.resources.map { ($0.name, "resource") }
        for (name, role) in declared where Name.isValid(name.text) {
            if let (first, firstRole) = seen[name.logicalId] {
                diagnostics.append(.logicalIdCollision(name, role, first: first, firstRole))
            } else {
                seen[name.logicalId] = (name, role)
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let logicalIdCollision = DiagnosticCode("FW3054", .specChecks, "two declarations map to one logical ID")
}

extension Diagnostic {
    static func logicalIdCollision(_ name: Name, _ role: String, first: Name, _ firstRole: String) -> Diagnostic {
        .error(.logicalIdCollision,
               "\(role) '\(name.text)' and \(firstRole) '\(first.text)' would both be logical ID '\(name.logicalId)'",
               at: name.range, notes: [Note("\(firstRole) '\(first.text)' is declared here", at: first.range)],
               help: ["rename one of them"])
    }
}
