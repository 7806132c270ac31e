import FormworkCFN
import FormworkFacts
import FormworkDiagnostics
import FormworkSpec

/// Every rule, in the order it runs. A test checks that each rule under
/// `Rules/` is listed here, that each code belongs to exactly one rule, and
/// that docs/diagnostics.md documents each rule and code.
package enum RuleRegistry {
    /// Spec rules: the spec as a whole (names, references, conditions, tags),
    /// then each kind's settings. `DeclaredQuotas` is a gate: a spec it
    /// rejects is checked no further.
    package static let specRules: [any SpecRule.Type] = [
        DeclaredQuotas.self,
        UnknownNames.self,
        ResourceReferences.self,
        PermissionTargets.self,
        PolicyStatements.self,
        PermissionUses.self,
        ConditionOperands.self,
        ListInString.self,
        MistypedInterpolations.self,
        LogicalIdCollisions.self,
        UnusedParameters.self,
        ParameterConstraints.self,
        NullGuards.self,
        ConditionalValues.self,
        MappingLookups.self,
        RequiredSettings.self,
        TagKeysAndValues.self,
        LambdaRuntimes.self,
        LogRetention.self,
        EnvironmentNames.self,
        ScheduleExpressions.self,
        QueueTriggers.self,
        DeadLetterQueues.self,
        FifoQueues.self,
        FunctionNetworks.self,
        EncryptionKeys.self,
        EventTriggers.self,
        Alarms.self,
        S3Triggers.self,
        InvokerAccounts.self,
        UniqueNames.self,
        S3TriggerLoops.self,
        BucketNames.self,
        BucketAccessLogs.self,
        PublicBuckets.self,
        LifecycleRules.self,
        ExplicitAPIAuth.self,
        OpenFunctionRoutes.self,
        APIRoutes.self,
        APIStageNames.self,
        APIAllowOrigins.self,
        CORSCredentials.self,
        UntaggableTypes.self,
        SnapshotRetention.self,
        ComponentOverrides.self,
    ]

    /// Template rules: the template as a whole, then each type's values.
    /// `TemplateQuotas` is a gate: a template over them is checked no further.
    package static let templateRules: [any TemplateRule.Type] = [
        TemplateQuotas.self,
        InlineTemplateSize.self,
        LogicalIds.self,
        ResourceTypes.self,
        ResourceProperties.self,
        CreationAndUpdatePolicies.self,
        DependencyCycles.self,
        TagsPerResource.self,
        QueueVisibilityTimeouts.self,
        QueueEncryptionProducers.self,
        LogGroupKeys.self,
        LambdaEnvironmentSize.self,
        EnvironmentSecrets.self,
        PolicyDocuments.self,
    ]

    /// Every rule, spec rules first. Each element is converted statically
    /// (`map`): `specRules + templateRules` upcasts the arrays with a dynamic
    /// cast per element, each a scan of the conformance tables (9 M
    /// instructions, 40% of a small spec's compile).
    package static var all: [any Rule.Type] { specRules.map { $0 } + templateRules.map { $0 } }

    /// The diagnostics of every spec rule; with a timer, each rule is timed
    /// under its name.
    package static func check(_ context: SpecContext, timer: PassTimer? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, rule) in specRules.enumerated() {
            if let timer {
                timer.time(specRuleNames[index]) { rule.check(context, into: &diagnostics) }
            } else {
                rule.check(context, into: &diagnostics)
            }
            if rule.isGate, diagnostics.hasErrors { break }
        }
        return diagnostics
    }

    /// The diagnostics of every template rule; with a timer, each rule is
    /// timed under its name.
    package static func check(_ context: TemplateContext, timer: PassTimer? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, rule) in templateRules.enumerated() {
            if let timer {
                timer.time(templateRuleNames[index]) { rule.check(context, into: &diagnostics) }
            } else {
                rule.check(context, into: &diagnostics)
            }
            if rule.isGate, diagnostics.hasErrors { break }
        }
        return diagnostics
    }

    /// Whether the template rules will read the template's text: not when
    /// `TemplateQuotas`, which runs first and is a gate, rejects it for its
    /// resource count alone (it then checks its size against no text).
    package static func needsText(_ template: Template) -> Bool {
        template.resources.count <= CloudFormation.Quotas.resources
    }

    /// The rules' names, in the order they run (what `--time-passes` shows).
    package static let specRuleNames = specRules.map { name(of: $0) }
    package static let templateRuleNames = templateRules.map { name(of: $0) }

    /// The rule's type name, which is also its file's name.
    package static func name(of rule: any Rule.Type) -> String { String(describing: rule) }

    /// How a rule reads: the spec or the template.
    package static func input(of rule: any Rule.Type) -> RuleInput { rule is any SpecRule.Type ? .spec : .template }
}
