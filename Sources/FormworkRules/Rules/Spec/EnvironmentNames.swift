import FormworkDiagnostics
import FormworkFacts
import FormworkSpec

/// A function's environment variables do not use a name Lambda reserves
/// for itself (`AWS_REGION`, `AWS_LAMBDA_FUNCTION_NAME`, `_HANDLER`, …, the
/// list cfn-lint checks too): Lambda refuses to create a function that
/// sets one. Reported at the variable's name.
enum EnvironmentNames: SpecRule {
    static let summary = "a function's environment variables avoid the names Lambda reserves"
    static let codes: [DiagnosticCode] = [.reservedEnvironmentVariable]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            for variable in function.environment where Lambda.reservedEnvironmentNames.contains(variable.name.value) {
                let diagnostic = Diagnostic.reservedEnvironmentVariable(variable.name)
                // One environment aliased into several functions is reported once.
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
        }
    }
}

extension DiagnosticCode {
    package static let reservedEnvironmentVariable = DiagnosticCode(
        "FW5309", .specChecks, "an environment variable Lambda reserves",
        reference: DocumentationPage(
            "AWS Lambda Developer Guide, \"Use Lambda environment variables\" (defined runtime environment variables)",
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"))
}

extension Diagnostic {
    static func reservedEnvironmentVariable(_ name: Located<String>) -> Diagnostic {
        .error(.reservedEnvironmentVariable, "Lambda reserves the environment variable '\(name.value)'", at: name.range,
               help: ["choose another name; Lambda sets '\(name.value)' itself"])
    }
}
