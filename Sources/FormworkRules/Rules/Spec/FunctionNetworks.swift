import FormworkDiagnostics
import FormworkSpec

/// A function's `vpc` lists its subnets and security groups one ID per
/// item, or names a list parameter for the whole list (`subnets:
/// ${subnetIds}`, emitted as the parameter's `Ref`). A list parameter as
/// one item (`subnets: [${subnetIds}]`) would be a list inside the list:
/// an error at the reference, with a fix-it that writes it as the whole list.
enum FunctionNetworks: SpecRule {
    static let summary = "a function's vpc names a list parameter as the whole list, never as one item"
    static let codes: [DiagnosticCode] = [.listParameterAsItem]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for decl in context.spec.resources {
            guard case .function(let function) = decl.body, let vpc = function.vpc else { continue }
            for (what, ids) in [("subnets", vpc.subnets), ("securityGroups", vpc.securityGroups)] {
                guard case .items(let items, let range) = ids else { continue }
                for item in items {
                    for reference in item.interpolated.references {
                        guard case .success(.parameter(let parameter)) = context.symbols.resolve(reference),
                              parameter.type.value == .list
                        else { continue }
                        // A vpc from `defaults.function` is every such function's: reported once.
                        let diagnostic = Diagnostic.listParameterAsItem(reference, what: what, list: range, single: items.count == 1)
                        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                    }
                }
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let listParameterAsItem = DiagnosticCode(
        "FW5340", .specChecks, "a list parameter is one item of a function's vpc subnets or security groups")
}

extension Diagnostic {
    static func listParameterAsItem(_ reference: Reference, what: String, list: SourceRange, single: Bool) -> Diagnostic {
        let name = reference.root
        let message = "list parameter '\(name)' is a whole list of IDs, so it cannot be one item of \(what)"
        guard single else {
            return .error(.listParameterAsItem, message, at: reference.range,
                          help: ["write '\(what): ${\(name)}' alone, or list each ID"])
        }
        return .error(.listParameterAsItem, message, at: reference.range,
                      fixIts: [FixIt("use the parameter as the whole list", replacing: list, with: "${\(name)}")])
    }
}
