import FormworkDiagnostics
import FormworkSpec

/// A resource named as a value is of the kind its place takes: an `s3`
/// trigger's `bucket` names a bucket; an `sqs` trigger's `queue` and a
/// `deadLetter` queue name a queue; a route's `function` names a function.
/// `dependsOn` takes any resource but the one it is on. (A permission's
/// target is checked against its verb by `PermissionTargets`.)
enum ResourceReferences: SpecRule {
    static let summary = "a resource named as a value is of the kind its place takes"
    static let codes: [DiagnosticCode] = [.wrongKind, .selfDependency]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for site in context.walk.nameUses {
            let use = site.use
            guard let target = context.symbols.resources[use.name.text] else { continue }  // UnknownNames
            // A resource whose declaration did not decode has no kind to check.
            if let kind = target.body.kind, !use.kinds.isEmpty, !use.kinds.contains(kind) {
                diagnostics.append(.wrongKind(use, found: target, kind))
            }
            if use.role == .dependsOn && use.name.text == site.resource.text {
                diagnostics.append(.selfDependency(use.name))
            }
        }
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let wrongKind = DiagnosticCode("FW3052", .specChecks, "a name refers to a resource of the wrong kind")
    package static let selfDependency = DiagnosticCode("FW3055", .specChecks, "a resource depends on itself")
}

extension Diagnostic {
    static func wrongKind(_ use: NameUse, found target: ResourceDecl, _ kind: ResourceKind) -> Diagnostic {
        let expected = use.kinds.map { "a \($0.rawValue)" }.joined(separator: " or ")
        let found = kind == .raw ? "a raw resource" : "a \(kind.rawValue)"
        return .error(.wrongKind, "\(use.role) must be \(expected), but '\(use.name.text)' is \(found)", at: use.name.range,
                      notes: [Note("'\(use.name.text)' is declared here", at: target.name.range)])
    }

    static func selfDependency(_ name: Name) -> Diagnostic {
        .error(.selfDependency, "resource '\(name.text)' depends on itself", at: name.range,
               help: ["remove '\(name.text)' from its dependsOn"])
    }
}
