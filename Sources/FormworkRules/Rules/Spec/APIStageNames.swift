import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// An api's `stage` name is 1 to 128 letters, digits, `-` and `_`, as API
/// Gateway takes it (`APIGateway`); a name it refuses fails the deployment's
/// stage only at deploy time. Literal text is checked; what an interpolation
/// adds is not known yet, so an interpolated name's length is not checked.
enum APIStageNames: SpecRule {
    static let summary = "an api's stage name is one API Gateway takes"
    static let codes: [DiagnosticCode] = [.invalidStageName]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .api(let api) = resource.body, let stage = api.stage, stage.interpolated.isWhole else { continue }
            if let diagnostic = check(stage) { diagnostics.append(diagnostic) }
        }
    }

    /// The one finding about a stage name, or nil when it is valid as far as it shows.
    static func check(_ stage: StringValue) -> Diagnostic? {
        var invalid: [Character] = []
        var literalCount = 0
        for segment in stage.interpolated.segments {
            guard case .literal(let text) = segment else { continue }
            for character in text {
                literalCount += 1
                if !APIGateway.isStageNameCharacter(character), !invalid.contains(character) { invalid.append(character) }
            }
        }
        if !invalid.isEmpty {
            let replacement = stage.interpolated.hasExpressions
                ? nil : String(stage.text.map { APIGateway.isStageNameCharacter($0) ? $0 : "-" })
            return .invalidStageName(stage, invalid: invalid, replacement: replacement)
        }
        if !stage.interpolated.hasExpressions, !APIGateway.stageNameLengthRange.contains(literalCount) {
            return .stageNameLength(stage, count: literalCount)
        }
        return nil
    }
}

extension DiagnosticCode {
    package static let invalidStageName = DiagnosticCode(
        "FW5210", .specChecks, "an api's stage name breaks API Gateway's rules",
        reference: DocumentationPage(
            "Amazon API Gateway API Reference, \"Stage\" (stageName)",
            "https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html"))
}

extension Diagnostic {
    static func invalidStageName(_ stage: StringValue, invalid: [Character], replacement: String?) -> Diagnostic {
        let shown = invalid.map { "'\($0)'" }.joined(separator: ", ")
        let message = "stage name '\(stage.text)' contains \(shown); API Gateway takes only letters, digits, '-' and '_'"
        guard let replacement else {
            return .error(.invalidStageName, message, at: stage.range,
                          help: ["use only letters, digits, '-' and '_' around the interpolation"])
        }
        return .error(.invalidStageName, message, at: stage.range,
                      fixIts: [FixIt("write '\(replacement)'", replacing: stage.range, with: replacement)])
    }

    static func stageNameLength(_ stage: StringValue, count: Int) -> Diagnostic {
        .error(.invalidStageName, "a stage name must be \(APIGateway.stageNameLengthRange.lowerBound) to \(APIGateway.stageNameLengthRange.upperBound) characters, found \(count)", at: stage.range,
               help: ["name the stage, like 'stage: prod' or 'stage: ${env}'"])
    }
}
