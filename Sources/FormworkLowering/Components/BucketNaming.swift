import FormworkCFN
import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// Bucket names known without referring to the bucket.
///
/// A bucket that a function's `s3` trigger names gets a notification
/// configuration pointing at the function, while the function's role policy
/// needs the bucket's ARN: with the ARN taken from a `Ref` of the bucket, the
/// two wait on each other. So such a bucket must have a name known before it
/// exists, and its `arn` attribute is built from that name. A bucket with a
/// `name` uses it; every bucket without one gets a generated name, whether
/// a trigger names it or not: a bucket's `BucketName` is fixed when it is
/// created (changing it replaces the bucket), so adding or removing a
/// trigger must not change it.
///
///     <stack>-<logical id, lower-cased>-${AWS::AccountId}-${AWS::Region}
///
/// The account and region are pseudo parameters (no cycle) and make the name
/// unique per account and region, as S3's global namespace requires. The
/// compile-time part is cut so that the whole name fits S3's 63 characters
/// with a 12-digit account and a region name of up to `maxRegionLength`
/// characters; a cut part ends in a hash of the whole part, so two long
/// names stay apart.
package enum BucketNaming {
    /// The longest region name, and one more character for a two-digit region number.
    package static let maxRegionLength = CloudFormation.longestRegionName.count + 1
    /// 63 − 12 − 16 − the two hyphens around the account = 33.
    package static let compileTimeBudget =
        S3.bucketNameLengthRange.upperBound - CloudFormation.accountIdLength - maxRegionLength - 2
    static let hashLength = 8

    /// The buckets some function's `s3` trigger names.
    package static func triggeredBuckets(_ spec: Spec) -> Set<String> {
        var names: Set<String> = []
        for resource in spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for trigger in function.triggers {
                if case .s3(let bucket, _, _, _) = trigger.source { names.insert(bucket.text) }
            }
        }
        return names
    }

    /// The generated `Fn::Sub` name format of every bucket without a `name`, by resource name.
    package static func generatedNames(_ spec: Spec) -> [String: String] {
        var names: [String: String] = [:]
        for resource in spec.resources {
            guard case .bucket(let bucket) = resource.body, bucket.name == nil else { continue }
            names[resource.name.text] = generatedFormat(stack: spec.stack.value, logicalId: resource.name.logicalId)
        }
        return names
    }

    package static func generatedFormat(stack: String, logicalId: String) -> String {
        compileTimePart(stack: stack, logicalId: logicalId) + "-${AWS::AccountId}-${AWS::Region}"
    }

    /// `<stack>-<logicalid>`: lower-case letters, digits and single hyphens,
    /// starting with a letter or digit and not with a reserved prefix, at
    /// most `compileTimeBudget` characters.
    package static func compileTimePart(stack: String, logicalId: String) -> String {
        var part = cleaned(stack + "-" + logicalId.lowercased())
        if part.isEmpty { part = "bucket" }
        if S3.reservedBucketNamePrefixes.contains(where: part.hasPrefix) { part = "fw-" + part }
        guard part.count > compileTimeBudget else { return part }
        let kept = trimmingHyphens(String(part.prefix(compileTimeBudget - hashLength - 1)))
        return kept + "-" + StableHash.hex(part, length: hashLength)
    }

    /// Lower-cased; other characters become hyphens; runs of hyphens become one; no hyphen at either end.
    private static func cleaned(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let keep = scalar.isASCIILowercase || scalar.isASCIIDigit
            if keep {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        return trimmingHyphens(out)
    }

    private static func trimmingHyphens(_ text: String) -> String {
        var text = Substring(text)
        while text.last == "-" { text = text.dropLast() }
        while text.first == "-" { text = text.dropFirst() }
        return String(text)
    }
}

extension Attributes {
    /// The `Fn::Sub` format of a bucket's name, written without a `Ref` of the
    /// bucket: its `name` (when every `${...}` in it is a parameter or pseudo
    /// parameter), or its generated name; nil otherwise.
    func bucketNameFormat(_ resource: ResourceDecl) -> String? {
        guard case .bucket(let bucket) = resource.body else { return nil }
        guard let name = bucket.name else { return generatedBucketNames[resource.name.text] }
        var format = ""
        for segment in name.interpolated.segments {
            switch segment {
            case .literal(let text):
                format += text.escapedForSub
            case .expression(.reference(let reference)):
                // Resolving a resource's attribute could come back here (a name built from its own ARN).
                if symbols.resources[reference.path[0]] != nil { return nil }
                switch symbols.resolve(reference) {
                case .success(.parameter(let parameter)) where parameter.type.value != .list:
                    format += "${\(parameter.name.logicalId)}"
                case .success(.pseudo(let pseudo)):
                    format += "${\(pseudo)}"
                default:
                    return nil
                }
            case .expression(let expression):
                guard let text = expression.literalText else { return nil }  // a fallback, a conditional value, ...
                format += text.escapedForSub
            }
        }
        return format
    }
}

extension Lowering {
    /// A bucket's name as a template value that does not `Ref` the bucket:
    /// its `name`, or its generated name. A
    /// component that must not wait for the bucket (its notification
    /// targets, their policies) uses this instead of `${bucket}`.
    func nameExpression(for decl: ResourceDecl) -> TemplateValue? {
        guard case .bucket(let bucket) = decl.body else { return nil }
        if let name = bucket.name { return emitter.emit(name) }
        return attributes.generatedBucketNames[decl.name.text].map { .sub($0, decl.name.range) }
    }
}
