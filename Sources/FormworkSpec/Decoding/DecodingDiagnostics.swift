import FormworkDiagnostics
import FormworkFacts
import FormworkYAML

// The decoder's codes (FW2xxx) and messages.

extension DiagnosticCode {
    package static let typeMismatch = DiagnosticCode("FW2001", .decoding, "a value has the wrong type")
    package static let unknownKey = DiagnosticCode("FW2002", .decoding, "a key the language does not define at that place")
    package static let missingKey = DiagnosticCode("FW2003", .decoding, "a required key is missing")
    package static let badNumber = DiagnosticCode("FW2004", .decoding, "a number is out of range or not a whole number")
    package static let invalidChoice = DiagnosticCode("FW2005", .decoding, "a value is not one of the words allowed there")
    package static let invalidName = DiagnosticCode("FW2006", .decoding, "a name is not lowerCamel")
    package static let unsupportedVersion = DiagnosticCode("FW2007", .decoding, "the language version is not 1")
    package static let invalidStackName = DiagnosticCode("FW2008", .decoding, "the stack name is malformed")
    package static let unsupportedTag = DiagnosticCode("FW2009", .decoding, "a YAML tag the language does not take")
    package static let emptyCollection = DiagnosticCode("FW2010", .decoding, "a list or mapping that must not be empty is empty")
    package static let kindOrType = DiagnosticCode("FW2011", .decoding, "a resource needs exactly one of kind and type")
    package static let unknownKind = DiagnosticCode("FW2012", .decoding, "an unknown resource kind")
    package static let invalidRoute = DiagnosticCode("FW2013", .decoding, "a route key or target is malformed")
    package static let booleanForString = DiagnosticCode("FW2014", .decoding, "a YAML 1.1 boolean where a string is expected")
    package static let conflictingKeys = DiagnosticCode("FW2015", .decoding, "keys that exclude each other are both present")
    package static let invalidTypeName = DiagnosticCode("FW2016", .decoding, "a raw resource type name is malformed")
    package static let invalidEnvironmentName = DiagnosticCode(
        "FW2017", .decoding, "an environment variable name is malformed",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Use Lambda environment variables\" (key requirements)",
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"))
    package static let triggerSources = DiagnosticCode("FW2018", .decoding, "a trigger names more than one source")
    package static let leadingZeroNumber = DiagnosticCode(
        "FW2030", .decoding, "a number written with a leading 0, which YAML 1.1 reads as octal or as a string")

    package static let constraintForType = DiagnosticCode(
        "FW2050", .decoding, "a parameter constraint that does not apply to the parameter's type",
        reference: DocumentationPage("CloudFormation template Parameters syntax",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"))
    package static let optionalAWSType = DiagnosticCode(
        "FW2051", .decoding, "an optional parameter of an AWS-specific type, whose empty default CloudFormation rejects",
        reference: DocumentationPage("CloudFormation-supplied parameter types",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html"))

    package static let malformedOverridePath = DiagnosticCode(
        "FW2052", .decoding, "an override's property path has an empty part")

    package static let allDecodingCodes: [DiagnosticCode] = [
        .typeMismatch, .unknownKey, .missingKey, .badNumber, .invalidChoice, .invalidName, .unsupportedVersion,
        .invalidStackName, .unsupportedTag, .emptyCollection, .kindOrType, .unknownKind, .invalidRoute,
        .booleanForString, .conflictingKeys, .invalidTypeName, .invalidEnvironmentName, .triggerSources,
        .leadingZeroNumber, .constraintForType, .optionalAWSType, .malformedOverridePath,
        .tooManyItems, .interpolationInPattern, .patternScalar,
    ]
}

extension Diagnostic {
    static func typeMismatch(expected: String, for what: String, found node: YAMLNode, unquote: Bool = false) -> Diagnostic {
        .error(.typeMismatch, "expected \(expected) for \(what), found \(node.kindDescription)", at: node.range,
               fixIts: unquote ? node.scalar.map { [FixIt("remove the quotes", replacing: node.range, with: $0.value)] } ?? [] : [])
    }

    static func unknownKey(_ key: String, in what: String, at range: SourceRange, allowed: [String],
                           suggestion: String?) -> Diagnostic {
        if let suggestion {
            return .error(.unknownKey, "unknown key '\(key)' in \(what)", at: range,
                          fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        }
        return .error(.unknownKey, "unknown key '\(key)' in \(what)", at: range,
                      help: ["valid keys here: \(allowed.joined(separator: ", "))"])
    }

    static func missingKey(_ key: String, in what: String, at range: SourceRange) -> Diagnostic {
        .error(.missingKey, "\(what) needs '\(key)'", at: range)
    }

    static func booleanForString(_ text: String, for what: String, at range: SourceRange) -> Diagnostic {
        .error(.booleanForString, "'\(text)' is a boolean in YAML 1.1, but \(what) is a string", at: range,
               fixIts: [FixIt("quote it: '\(text)'", replacing: range, with: "'\(text)'")])
    }

    /// `010`, which YAML 1.1 reads as the octal number 8. Where any value
    /// may stand (`keepsText`), quoting keeps the text; elsewhere the
    /// alternative is the value YAML read.
    static func octalNumber(_ number: LeadingZeroNumber, keepsText: Bool, at range: SourceRange) -> Diagnostic {
        let value = number.octalValue.map(String.init) ?? ""
        let alternative = keepsText
            ? FixIt("quote it to keep the text: '\(number.text)'", replacing: range, with: "'\(number.text)'")
            : FixIt("write \(value) to keep the value YAML read", replacing: range, with: value)
        return .warning(.leadingZeroNumber, "'\(number.text)' is an octal number in YAML 1.1: it reads as \(value), not \(number.decimal)",
                        at: range, fixIts: [FixIt("write \(number.decimal) for decimal \(number.decimal)", replacing: range, with: number.decimal), alternative])
    }

    /// `0900`: a leading 0 makes YAML 1.1 read a number as octal, and 9 is
    /// not an octal digit, so it is the string "0900". An error where a
    /// number is expected (`asError`), a warning where a string may stand.
    static func leadingZeroString(_ number: LeadingZeroNumber, asError: Bool, at range: SourceRange) -> Diagnostic {
        let digit = number.text.first { $0 == "8" || $0 == "9" }.map(String.init) ?? "8"
        let message = "'\(number.text)' is a string in YAML 1.1, not the number \(number.decimal): "
            + "a leading 0 makes a number octal, and \(digit) is not an octal digit"
        let write = FixIt("write \(number.decimal) for the number", replacing: range, with: number.decimal)
        if asError { return .error(.leadingZeroNumber, message, at: range, fixIts: [write]) }
        return .warning(.leadingZeroNumber, message, at: range,
                        fixIts: [write, FixIt("quote it to keep the text: '\(number.text)'", replacing: range, with: "'\(number.text)'")])
    }

    static func numberOutOfRange(_ text: String, for what: String, bounds: ClosedRange<Int>, at range: SourceRange) -> Diagnostic {
        .error(.badNumber, "\(what) must be from \(bounds.lowerBound) to \(bounds.upperBound), found \(text)", at: range)
    }

    static func notWholeNumber(_ text: String, for what: String, at range: SourceRange) -> Diagnostic {
        .error(.badNumber, "\(what) must be a whole number, found \(text)", at: range)
    }

    static func notJSONNumber(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.badNumber, "\(text) is not a number JSON can hold", at: range,
               help: ["quote it if a string was meant"])
    }

    static func invalidChoice(_ text: String, for what: String, choices: [String], at range: SourceRange) -> Diagnostic {
        if let suggestion = Suggestions.closest(to: text, in: choices) {
            return .error(.invalidChoice, "'\(text)' is not a valid \(what)", at: range,
                          fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
        }
        return .error(.invalidChoice, "'\(text)' is not a valid \(what)", at: range,
                      help: ["use one of: \(choices.joined(separator: ", "))"])
    }

    static func invalidName(_ text: String, at range: SourceRange) -> Diagnostic {
        let message = "'\(text)' is not a valid name; names are lowerCamel ([a-z][A-Za-z0-9]*)"
        guard let suggestion = Name.suggestion(for: text) else {
            return .error(.invalidName, message, at: range, help: ["names start with a lower-case letter, then letters and digits"])
        }
        return .error(.invalidName, message, at: range, fixIts: [FixIt("rename it '\(suggestion)'", replacing: range, with: suggestion)])
    }

    static func invalidReference(_ text: String, for what: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidName, "\(what) must name a resource, found '\(text)'", at: range,
               help: ["write the resource's name, as declared under resources:"])
    }

    static func emptyResources(at range: SourceRange) -> Diagnostic {
        .error(.emptyCollection, "a spec needs at least one resource", at: range)
    }

    static func emptyList(_ what: String, at range: SourceRange) -> Diagnostic {
        .error(.emptyCollection, "\(what) must not be empty", at: range)
    }

    static func unsupportedVersion(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.unsupportedVersion, "unsupported language version \(text); this compiler reads version 1", at: range,
               fixIts: [FixIt("write 'formwork: 1'", replacing: range, with: "1")])
    }

    static func invalidStackName(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidStackName,
               "'\(text)' is not a valid stack name; it must start with a lower-case letter and have at most 64 lower-case letters, digits and hyphens",
               at: range)
    }

    static func optionalWithDefault(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.conflictingKeys, "optional parameter '\(name)' cannot have a default (its default is the empty string)",
               at: range, help: ["remove 'default', or remove 'optional: true'"])
    }

    static func patternOnNonString(_ type: String, at range: SourceRange) -> Diagnostic {
        .error(.conflictingKeys, "'pattern' applies to string and list parameters, not \(type)", at: range,
               help: ["bound a number with minValue and maxValue"])
    }

    /// `minLength` on a number, `minValue` on a string: `appliesTo` is what the key bounds.
    static func constraintForType(_ key: String, _ type: String, appliesTo: String, at range: SourceRange) -> Diagnostic {
        let help = appliesTo == "number"
            ? "bound text with minLength, maxLength or pattern; minValue and maxValue are for number parameters"
            : "bound a number with minValue and maxValue; minLength and maxLength are for text and list items"
        return .error(.constraintForType, "'\(key)' applies to \(appliesTo == "number" ? "number" : "string and list") parameters, not \(type)",
                      at: range, help: [help])
    }

    /// A type that is none of the language's words nor CloudFormation's parameter types: FW2005, as any word out of a list.
    static func unknownParameterType(_ text: String, at range: SourceRange) -> Diagnostic {
        let message = "'\(text)' is not a valid parameter type"
        // CloudFormation's own names for the three the language spells in its words.
        let words = ["String": "string", "Number": "number", "CommaDelimitedList": "list"]
        if let word = words[text] {
            return .error(.invalidChoice, message, at: range,
                          fixIts: [FixIt("write '\(word)', the language's word for \(text)", replacing: range, with: word)])
        }
        let candidates = ParameterType.allCases.map(\.rawValue) + ParameterTypes.all
        if let closest = Suggestions.closest(to: text, in: candidates) {
            return .error(.invalidChoice, message, at: range, fixIts: [FixIt.didYouMean(closest, replacing: range)])
        }
        return .error(.invalidChoice, message, at: range,
                      help: ["types: string, number, list, or a CloudFormation parameter type such as AWS::EC2::VPC::Id, "
                          + "List<AWS::EC2::Subnet::Id> or AWS::SSM::Parameter::Value<String>"])
    }

    static func malformedOverridePath(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.malformedOverridePath, "'\(text)' is not a property path; write property names joined by dots, like LoggingConfig.LogFormat",
               at: range)
    }

    static func optionalAWSType(_ type: String, at range: SourceRange) -> Diagnostic {
        .error(.optionalAWSType,
               "a parameter of type \(type) cannot be optional: CloudFormation checks its value names an existing resource, and the empty default names none",
               at: range, help: ["give it a default, or make it a string parameter"])
    }

    /// `replacement`: the YAML text of the interpolation a CloudFormation short form means, when it has one.
    static func unsupportedTag(_ tag: String, at range: SourceRange, replacement: String? = nil) -> Diagnostic {
        let shown = tag.hasPrefix("!") ? tag : "!<\(tag)>"
        if let replacement {
            return .error(.unsupportedTag, "the YAML tag \(shown) is not part of the Formwork language", at: range,
                          fixIts: [FixIt("write \(replacement); Formwork emits the intrinsic function",
                                         replacing: range, with: replacement)])
        }
        let isIntrinsic = CloudFormation.shortFormTags.contains(tag)
        let help = if isIntrinsic {
            "write ${name} or ${name.attribute}; Formwork emits the intrinsic function"
        } else if tag.hasPrefix("!") && !tag.hasPrefix("!!") {
            // `when: !sourceBucketName` reads as a tag in YAML: a negation must be quoted.
            "a plain value starting with '!' is a YAML tag; quote it if it is text, like '\(tag)'"
        } else {
            "remove the tag"
        }
        return .error(.unsupportedTag, "the YAML tag \(shown) is not part of the Formwork language", at: range,
                      help: [help])
    }

    static func missingKindOrType(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.kindOrType, "resource '\(name)' needs 'kind' (bucket, function, queue, api) or 'type' (a CloudFormation type)",
               at: range)
    }

    static func kindAndType(_ name: String, at range: SourceRange) -> Diagnostic {
        .error(.kindOrType, "resource '\(name)' has both 'kind' and 'type'; keep one", at: range)
    }

    static func unknownKind(_ kind: String, at range: SourceRange, kinds: [String]) -> Diagnostic {
        guard let suggestion = Suggestions.closest(to: kind, in: kinds) else {
            return .error(.unknownKind, "unknown kind '\(kind)'", at: range,
                          help: ["kinds are \(kinds.joined(separator: ", ")); for any other resource write 'type: AWS::...'"])
        }
        return .error(.unknownKind, "unknown kind '\(kind)'", at: range,
                      fixIts: [FixIt.didYouMean(suggestion, replacing: range)])
    }

    static func invalidTypeName(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidTypeName, "'\(text)' is not a CloudFormation type name", at: range,
               help: ["write it as Provider::Service::Resource, for example AWS::SNS::Topic"])
    }

    static func conflictingKeys(_ a: String, _ b: String, in what: String, at range: SourceRange) -> Diagnostic {
        .error(.conflictingKeys, "\(what) takes '\(a)' or '\(b)', not both", at: range)
    }

    static func invalidEnvironmentName(_ text: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidEnvironmentName,
               "'\(text)' is not a valid environment variable name; Lambda takes a letter, then letters, digits and underscores",
               at: range)
    }

    static func triggerSourceCount(found: [String], at range: SourceRange) -> Diagnostic {
        guard !found.isEmpty else { return .error(.missingKey, "a trigger needs one of s3, sqs, schedule", at: range) }
        return .error(.triggerSources, "a trigger names one source, but this one names \(found.joined(separator: " and "))",
                      at: range, help: ["write one trigger per source"])
    }

    static func permissionShape(at range: SourceRange, verbs: [String]) -> Diagnostic {
        .error(.typeMismatch, "a permission is one verb and a resource name, like '- read: uploads'", at: range,
               help: ["verbs: \(verbs.joined(separator: ", "))"])
    }

    static func invalidRouteKey(_ text: String, at range: SourceRange, methods: [String]) -> Diagnostic {
        .error(.invalidRoute, "'\(text)' is not a route; write METHOD /path, like 'GET /status'", at: range,
               help: ["methods: \(methods.joined(separator: ", ")); path segments are words or {param}"])
    }

    static func routeTargetCount(_ key: String, at range: SourceRange) -> Diagnostic {
        .error(.invalidRoute, "route '\(key)' needs exactly one of 'mock' and 'function'", at: range)
    }
}
