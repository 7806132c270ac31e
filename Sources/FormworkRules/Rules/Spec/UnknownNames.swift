import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Every name the spec uses is declared: each `${...}` and `when:` operand
/// starts with a parameter, a resource or `aws`, and names an attribute that
/// resource has (`${uploads.arn}`) or a pseudo parameter (`${aws.region}`);
/// each resource name written as a value (`bucket: uploads`, `dependsOn`)
/// is a resource of the spec. A name close to a declared one gets a
/// did-you-mean fix-it; one that is a declared name in another case
/// (`${Alerts.Arn}`) gets the reference as declared; one that is a
/// resource Formwork generates (`${workerRole}`, `${apiStage}`) says what
/// to write instead (`${worker.roleArn}`), or that it cannot be named. An
/// unknown bare word compared in a `when:` (`env == prod`) is text that
/// needs quotes: the fix-it quotes it. A declaration that did not decode
/// still declares its name: uses of it resolve, and are not reported
/// again. When the spec's `parameters:` or `resources:` itself was not
/// read (`resource:`), any name may be declared there, and none is
/// reported unknown. On a hostile spec only the first 200 unknown names
/// by position get the did-you-mean search; past them, a resource name
/// written as a value is counted in one note at the first of them.
enum UnknownNames: SpecRule {
    static let summary = "every name resolves to a declaration"
    static let codes: [DiagnosticCode] = [.unknownName, .unknownAttribute, .mappingWithoutKeys]
    /// Each unknown name costs a did-you-mean search: a hostile spec with
    /// thousands of them is cut off, as the driver shows only the first errors anyway.
    static let maxDiagnostics = 200
    /// The did-you-mean search is made for the first this many unknown
    /// names by position. Past them, a name in a `${...}` or a `when:` is
    /// still reported at its name, with the plain help; a resource name
    /// written as a value (`dependsOn`, ...) is only counted, in one note at
    /// the first of them. The driver shows a spec's first 100 diagnostics,
    /// so none of these would be shown: 500 resources × 1,000 unknown
    /// `dependsOn` names cost no search, and no diagnostic, each.
    static let maxSuggestions = 200

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let (symbols, walk, unread) = (context.symbols, context.walk, context.spec.unreadKeys)
        let declarationsUnread = unread.contains("parameters") || unread.contains("resources")
        // Built for the first unknown name only: a clean spec needs none.
        var index: NameIndex?
        func names() -> NameIndex {
            if let index { return index }
            let built = NameIndex(symbols)
            index = built
            return built
        }
        var found = 0
        // A first pass finds where the unknown names that will be reported
        // are, without a search, counting as the reporting pass counts.
        var unknownAt: [SourceLocation] = []
        for site in walk.strings where found < maxDiagnostics {
            for reference in site.string.interpolated.references {
                guard case .failure(let error) = symbols.resolve(reference) else { continue }
                if case .unknownName(_, let range) = error {
                    guard !declarationsUnread else { continue }
                    unknownAt.append(range.start)
                }
                found += 1
            }
        }
        if !declarationsUnread {
            for condition in walk.conditionReferences {
                if case .failure(.unknownName(_, let range)) = symbols.resolve(condition.reference) { unknownAt.append(range.start) }
            }
        }
        if !unread.contains("resources") {
            for site in walk.nameUses where symbols.resources[site.use.name.text] == nil { unknownAt.append(site.use.name.range.start) }
        }
        let lastSearched: SourceLocation? = unknownAt.count <= maxSuggestions ? nil : unknownAt.sorted()[maxSuggestions - 1]
        func searched(_ range: SourceRange) -> Bool { lastSearched.map { range.start <= $0 } ?? true }

        found = 0
        func report(_ error: ResolutionError) {
            if case .unknownName = error, declarationsUnread { return }
            if case .unknownName(_, let range) = error, !searched(range) {
                diagnostics.append(error.diagnostic(symbols: symbols, suggestion: nil))
            } else {
                diagnostics.append(error.diagnostic(symbols: symbols))
            }
            found += 1
        }
        func explained(_ reference: Reference, _ error: ResolutionError) -> Bool {
            guard case .unknownName = error, !declarationsUnread,
                  let diagnostic = misnamed(reference, names: names(), symbols: symbols) else { return false }
            diagnostics.append(diagnostic)
            found += 1
            return true
        }
        for site in walk.strings where found < maxDiagnostics {
            for reference in site.string.interpolated.references {
                if case .failure(let error) = symbols.resolve(reference), !explained(reference, error) { report(error) }
            }
        }
        for condition in walk.conditionReferences {
            guard case .failure(let error) = symbols.resolve(condition.reference),
                  !explained(condition.reference, error) else { continue }
            // `when: env == prod`: an unknown bare word compared with something is text left unquoted.
            if case .unknownName = error, !condition.isSetTest, condition.reference.path.count == 1, !declarationsUnread {
                diagnostics.append(.unquotedLiteral(condition.reference))
                found += 1
                continue
            }
            report(error)
        }
        if unread.contains("resources") { return }
        var unreported: (count: Int, first: SourceRange)?
        for site in walk.nameUses where symbols.resources[site.use.name.text] == nil {
            let range = site.use.name.range
            guard searched(range) else {
                unreported = (count: (unreported?.count ?? 0) + 1, first: min(unreported?.first ?? range, range))
                continue
            }
            let suggestion = Suggestions.closest(to: site.use.name.text, in: symbols.resources.keys)
            diagnostics.append(.unknownResource(site.use, suggestion: suggestion))
        }
        if let unreported { diagnostics.append(.moreUnknownResources(unreported.count, at: unreported.first)) }
    }
}

/// The declared names as `misnamed` looks them up, built once per spec:
/// each name by its lower-case form, and each resource Formwork generates
/// for a declared one by the lower-case form of its logical name.
struct NameIndex {
    /// Lower-cased → the first declared name in that spelling, by sort order.
    private var byLowercase: [String: String] = [:]
    /// Lower-cased `ownerRole` → the owner and what it generates.
    private var generated: [String: (owner: ResourceDecl, GeneratedResource)] = [:]

    init(_ symbols: SymbolTable) {
        for name in symbols.allNames.sorted() where byLowercase[name.lowercased()] == nil {
            byLowercase[name.lowercased()] = name
        }
        for resource in symbols.resources.values.sorted(by: { $0.name.text < $1.name.text }) {
            for (suffix, made) in UnknownNames.generatedResources(of: resource.body) {
                let key = resource.name.text.lowercased() + suffix.lowercased()
                if generated[key] == nil { generated[key] = (resource, made) }
            }
        }
    }

    func declared(lowercased: String) -> String? { byLowercase[lowercased] }
    func generatedResource(lowercased: String) -> (owner: ResourceDecl, GeneratedResource)? { generated[lowercased] }
}

extension UnknownNames {
    /// What a user coming from CloudFormation means by an undeclared name:
    /// a declared one in another case (`${Alerts.Arn}`), or a resource
    /// Formwork generates (`${workerRole}`, an api's `…Stage`).
    static func misnamed(_ reference: Reference, names: NameIndex, symbols: SymbolTable) -> Diagnostic? {
        let lowered = reference.root.lowercased()
        if let name = names.declared(lowercased: lowered) {
            return .wrongCase(reference, name: name, corrected: corrected(reference, root: name, symbols: symbols))
        }
        if let (resource, generated) = names.generatedResource(lowercased: lowered) {
            return .generatedResourceName(reference, owner: resource.name.text, generated,
                                          ownerAttributes: (resource.body.attributeNames ?? []).sorted())
        }
        return nil
    }

    /// What each kind generates, by the suffix its logical ID adds to its owner's.
    static func generatedResources(of body: ResourceBody) -> [(String, GeneratedResource)] {
        switch body {
        case .function(let function):
            [("Role", GeneratedResource("role", attribute: ("Arn", "roleArn"))),
             ("LogGroup", GeneratedResource("log group", attribute: nil))]
                + (function.deadLetterQueue.value ? [("DeadLetterQueue", GeneratedResource("dead-letter queue", attribute: nil))] : [])
        case .api:
            [("Stage", GeneratedResource("stage", attribute: nil)),
             ("Deployment", GeneratedResource("deployment", attribute: nil)),
             ("AccessLogs", GeneratedResource("access log group", attribute: nil))]
        case .bucket:
            [("Policy", GeneratedResource("bucket policy", attribute: nil))]
        case .queue, .raw, .undecodable:
            []
        }
    }

    /// The reference with `root` in place of its first segment and each
    /// attribute in the case the resource spells it, when it has one.
    private static func corrected(_ reference: Reference, root: String, symbols: SymbolTable) -> String {
        let rest = reference.path.dropFirst().joined(separator: ".")
        guard !rest.isEmpty else { return root }
        let valid: Set<String>? = if root == "aws" {
            Set(CloudFormation.pseudoParameters.keys)
        } else {
            symbols.resources[root]?.body.attributeNames
        }
        let attribute = valid?.first { $0.lowercased() == rest.lowercased() } ?? rest
        return root + "." + attribute
    }
}

/// A resource Formwork generates for a declared one: what it is, and the
/// attribute of its owner that reads it (its CloudFormation attribute, the
/// owner's attribute), if there is one.
struct GeneratedResource {
    var what: String
    var attribute: (cloudFormation: String, formwork: String)?

    init(_ what: String, attribute: (String, String)?) {
        self.what = what
        self.attribute = attribute
    }
}

// MARK: - Diagnostics

extension DiagnosticCode {
    package static let unknownName = DiagnosticCode("FW3050", .specChecks, "a reference names nothing the spec declares")
    package static let unknownAttribute = DiagnosticCode("FW3051", .specChecks, "a reference names an attribute the resource does not have")
    package static let mappingWithoutKeys = DiagnosticCode("FW3084", .specChecks, "a mapping is named without the keys that read a value of it")
}

extension ResolutionError {
    /// The diagnostic, with the did-you-mean searched among the declared names.
    func diagnostic(symbols: SymbolTable) -> Diagnostic {
        if case .unknownName(let name, _) = self {
            return diagnostic(symbols: symbols, suggestion: Suggestions.closest(to: name, in: symbols.allNames))
        }
        return diagnostic(symbols: symbols, suggestion: nil)
    }

    /// The diagnostic, with `suggestion` as an unknown name's did-you-mean.
    func diagnostic(symbols: SymbolTable, suggestion: String?) -> Diagnostic {
        switch self {
        case .unknownName(let name, let range):
            var diagnostic = Diagnostic.error(.unknownName, "'\(name)' is not a parameter or resource of this spec", at: range)
            if let suggestion {
                diagnostic.fixIts = [FixIt.didYouMean(suggestion, replacing: range)]
            } else {
                diagnostic.help = ["declare '\(name)' under parameters: or resources:"]
            }
            return diagnostic
        case .unknownAttribute(let attribute, let owner, let range, let valid):
            let message = "'\(owner)' has no attribute '\(attribute)'"
            guard let suggestion = Suggestions.closest(to: attribute, in: valid) else {
                return .error(.unknownAttribute, message, at: range,
                              help: [valid.isEmpty ? "'\(owner)' has no attributes; write ${\(owner)}" : "attributes: \(valid.joined(separator: ", "))"])
            }
            return .error(.unknownAttribute, message, at: range,
                          fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        case .parameterHasNoAttributes(let name, let range):
            return .error(.unknownAttribute, "parameter '\(name)' has no attributes", at: range,
                          help: ["write ${\(name)}"])
        case .mappingWithoutKeys(let name, let range):
            return .error(.mappingWithoutKeys, "'\(name)' is a mapping; a value of it is read with two keys", at: range,
                          help: ["write ${\(name)[key].name}, the key a quoted string, a parameter or aws.region"])
        }
    }
}

extension Diagnostic {
    /// `${Alerts.Arn}`, where `alerts` is declared: names are case-sensitive.
    static func wrongCase(_ reference: Reference, name: String, corrected: String) -> Diagnostic {
        .error(.unknownName, "'\(reference.root)' is not declared; names are case-sensitive, and this spec declares '\(name)'",
               at: reference.range,
               fixIts: [FixIt("write \(corrected)", replacing: reference.range, with: corrected)])
    }

    /// `${workerRole}`: a resource Formwork generates for `owner`.
    static func generatedResourceName(_ reference: Reference, owner: String, _ generated: GeneratedResource,
                                      ownerAttributes: [String]) -> Diagnostic {
        let message = "'\(reference.root)' is the \(generated.what) Formwork generates for '\(owner)'"
        let rest = reference.path.dropFirst()
        if let attribute = generated.attribute,
           rest.isEmpty || (rest.count == 1 && rest.first?.lowercased() == attribute.cloudFormation.lowercased()) {
            let replacement = "\(owner).\(attribute.formwork)"
            return .error(.unknownName, message + "; its \(attribute.cloudFormation.uppercased()) is ${\(replacement)}", at: reference.range,
                          fixIts: [FixIt("write \(replacement)", replacing: reference.range, with: replacement)])
        }
        return .error(.unknownName, message + "; a generated resource cannot be named in a reference", at: reference.range,
                      help: ["write ${\(owner)} or one of its attributes: "
                             + ownerAttributes.map { "${\(owner).\($0)}" }.joined(separator: ", ")])
    }

    /// `when: env == prod`: `prod` reads as a name; the text needs quotes.
    static func unquotedLiteral(_ reference: Reference) -> Diagnostic {
        let word = reference.root
        return .error(.unknownName, "'\(word)' is not a parameter of this spec; a literal in a condition is quoted",
                      at: reference.range,
                      fixIts: [FixIt("quote it: '\(word)'", replacing: reference.range, with: "'\(word)'")])
    }

    /// What is left of a hostile spec's unknown resource names past `UnknownNames.maxSuggestions`.
    static func moreUnknownResources(_ count: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(.note, .unknownName,
                   "\(count) more \(count == 1 ? "name" : "names") from here on \(count == 1 ? "is" : "are") not a resource of this spec",
                   at: range)
    }

    static func unknownResource(_ use: NameUse, suggestion: String?) -> Diagnostic {
        let name = use.name
        let message = "\(use.role) names '\(name.text)', which is not a resource of this spec"
        guard let suggestion else {
            return .error(.unknownName, message, at: name.range, help: ["declare '\(name.text)' under resources:"])
        }
        return .error(.unknownName, message, at: name.range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: name.range)])
    }
}
