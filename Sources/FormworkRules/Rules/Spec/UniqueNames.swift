import FormworkDiagnostics
import FormworkLowering
import FormworkSpec

/// Names that must be unique outside the template are unique in it. Bucket
/// names are global across S3, so two buckets of one stack with the same
/// name fail its deployment (the second `CreateBucket` is refused): an
/// explicit `name`, or the generated name of a bucket without one
/// (`BucketNaming`: `dataBucket` and `databucket` both lower-case to
/// `databucket`; cfn-lint E3019 flags the generated pair). Export names are
/// unique per account and region, so two outputs exporting one name fail
/// the same way (neither CloudFormation's validation nor cfn-lint sees it).
///
/// A name with `${...}` is compared as far as it is known: the same text
/// around the same parameters and pseudo parameters is the same name
/// whatever the values (`media-${env}` twice); a name with any other
/// interpolation (a resource's attribute, a fallback) is not compared. Two
/// declarations under different `when:` conditions are not compared either
/// (they may never exist together). Each later declaration is reported,
/// with a note at the first.
enum UniqueNames: SpecRule {
    static let summary = "no two buckets have one name and no two outputs one export name"
    static let codes: [DiagnosticCode] = [.bucketNameCollision, .exportNameCollision]

    /// A declaration's name as far as it is known, where it is written, and its condition.
    struct Named {
        var declaration: Name
        /// The name for messages, as the spec writes it.
        var shown: String
        var range: SourceRange
        var generated: Bool
        var condition: String?
    }

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        let spec = context.spec
        var buckets: [String: [Named]] = [:]
        for resource in spec.resources {
            guard case .bucket(let bucket) = resource.body else { continue }
            let condition = resource.when?.condition.canonical
            if let name = bucket.name {
                guard name.interpolated.isWhole, let key = key(name, context.symbols) else { continue }
                let named = Named(declaration: resource.name, shown: name.text, range: name.range, generated: false, condition: condition)
                report(named, among: &buckets, key: key, into: &diagnostics) { .bucketNameCollision($0, first: $1) }
            } else {
                let part = BucketNaming.compileTimePart(stack: spec.stack.value, logicalId: resource.name.logicalId)
                let key = part.escapingDollars + "-${AWS::AccountId}-${AWS::Region}"
                let named = Named(declaration: resource.name, shown: part + "-${aws.accountId}-${aws.region}",
                                  range: resource.name.range, generated: true, condition: condition)
                report(named, among: &buckets, key: key, into: &diagnostics) { .bucketNameCollision($0, first: $1) }
            }
        }
        var exports: [String: [Named]] = [:]
        for output in spec.outputs {
            guard let export = output.export, export.interpolated.isWhole, let key = key(export, context.symbols) else { continue }
            let named = Named(declaration: output.name, shown: export.text, range: export.range, generated: false,
                              condition: output.when?.condition.canonical)
            report(named, among: &exports, key: key, into: &diagnostics) { .exportNameCollision($0, first: $1) }
        }
    }

    /// Reports `named` against the first earlier declaration with its key that may exist beside it, then records it.
    private static func report(_ named: Named, among seen: inout [String: [Named]], key: String,
                               into diagnostics: inout [Diagnostic], _ diagnostic: (Named, Named) -> Diagnostic) {
        let earlier = seen[key, default: []]
        if let first = earlier.first(where: { mayCoexist($0, named) }) {
            diagnostics.append(diagnostic(named, first))
        }
        seen[key, default: []].append(named)
    }

    /// False only when both stand under `when:` conditions that differ.
    private static func mayCoexist(_ a: Named, _ b: Named) -> Bool {
        guard let first = a.condition, let second = b.condition else { return true }
        return first == second
    }

    /// The name with each parameter and pseudo parameter as a placeholder,
    /// literal `$` doubled; nil when it has any other interpolation.
    static func key(_ value: StringValue, _ symbols: SymbolTable) -> String? {
        var key = ""
        for segment in value.interpolated.segments {
            switch segment {
            case .literal(let text):
                key += text.escapingDollars
            case .expression(.reference(let reference)):
                switch symbols.resolve(reference) {
                case .success(.parameter(let parameter)) where reference.path.count == 1:
                    key += "${parameter:\(parameter.name.text)}"
                case .success(.pseudo(let pseudo)):
                    key += "${\(pseudo)}"
                default:
                    return nil
                }
            case .expression(let expression):
                guard let text = expression.literalText else { return nil }  // a fallback, a conditional value, ...
                key += text.escapingDollars
            }
        }
        return key
    }
}

private extension String {
    var escapingDollars: String { String(flatMap { $0 == "$" ? "$$" : String($0) }) }
}

extension DiagnosticCode {
    package static let bucketNameCollision = DiagnosticCode(
        "FW5103", .specChecks, "two buckets have one name",
        reference: DocumentationPage(
            "Amazon S3 User Guide, \"General purpose bucket naming rules\"",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"))
    package static let exportNameCollision = DiagnosticCode(
        "FW3059", .specChecks, "two outputs export one name",
        reference: DocumentationPage(
            "AWS CloudFormation User Guide, \"Get exported outputs from a deployed CloudFormation stack\"",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html"))
}

extension Diagnostic {
    static func bucketNameCollision(_ named: UniqueNames.Named, first: UniqueNames.Named) -> Diagnostic {
        let message = switch (named.generated, first.generated) {
        case (true, true):
            "buckets '\(named.declaration.text)' and '\(first.declaration.text)' would both get the generated name '\(named.shown)'"
        case (true, false):
            "bucket '\(named.declaration.text)' would get the generated name '\(named.shown)', which bucket '\(first.declaration.text)' is named"
        case (false, true):
            "bucket '\(named.declaration.text)' is named '\(named.shown)', the name generated for bucket '\(first.declaration.text)'"
        case (false, false):
            "buckets '\(named.declaration.text)' and '\(first.declaration.text)' are both named '\(named.shown)'"
        }
        let note = first.generated
            ? Note("bucket '\(first.declaration.text)' has no name, so it gets '\(first.shown)'", at: first.range)
            : Note("bucket '\(first.declaration.text)' is named here", at: first.range)
        return .error(.bucketNameCollision, message + "; bucket names are unique across all of S3, so the stack cannot create both",
                      at: named.range, notes: [note],
                      help: [named.generated || first.generated
                          ? "give one of them its own 'name:', or rename one of them"
                          : "give each bucket its own name"])
    }

    static func exportNameCollision(_ named: UniqueNames.Named, first: UniqueNames.Named) -> Diagnostic {
        .error(.exportNameCollision,
               "outputs '\(named.declaration.text)' and '\(first.declaration.text)' both export '\(named.shown)'; export names are unique in an account and region, so the stack cannot be deployed",
               at: named.range, notes: [Note("output '\(first.declaration.text)' exports it here", at: first.range)],
               help: ["give each export its own name"])
    }
}
