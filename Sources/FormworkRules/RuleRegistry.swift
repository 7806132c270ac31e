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
            diagnostics += check(context, rule: index, timer: timer)
            if rule.isGate, diagnostics.hasErrors { break }
        }
        return diagnostics
    }

    /// The diagnostics of spec rule `index` alone (`specRules`); with a timer, timed under its name.
    package static func check(_ context: SpecContext, rule index: Int, timer: PassTimer? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let timer {
            timer.time(specRuleNames[index]) { specRules[index].check(context, into: &diagnostics) }
        } else {
            specRules[index].check(context, into: &diagnostics)
        }
        return diagnostics
    }

    /// The diagnostics of every template rule; with a timer, each rule is
    /// timed under its name.
    package static func check(_ context: TemplateContext, timer: PassTimer? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, rule) in templateRules.enumerated() {
            diagnostics += check(context, rule: index, timer: timer)
            if rule.isGate, diagnostics.hasErrors { break }
        }
        return diagnostics
    }

    /// The diagnostics of template rule `index` alone (`templateRules`); with a timer, timed under its name.
    package static func check(_ context: TemplateContext, rule index: Int, timer: PassTimer? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let timer {
            timer.time(templateRuleNames[index]) { templateRules[index].check(context, into: &diagnostics) }
        } else {
            templateRules[index].check(context, into: &diagnostics)
        }
        return diagnostics
    }

    /// The rules' diagnostics, each rule's in `found` at its index in
    /// `specRules` or `templateRules`, put together as running them one after
    /// another gives: in rule order, none after a gate that found an error.
    /// A rule reads the spec or the template alone, never another rule's
    /// diagnostics (it starts from none), so rules of a phase may run in any
    /// order, on any thread.
    package static func assemble(_ found: [[Diagnostic]], of input: RuleInput) -> [Diagnostic] {
        let gates = input == .spec ? specRules.map { $0.isGate } : templateRules.map { $0.isGate }
        var diagnostics: [Diagnostic] = []
        for (index, isGate) in gates.enumerated() {
            diagnostics += found[index]
            if isGate, diagnostics.hasErrors { break }
        }
        return diagnostics
    }

    /// The template rules' indices, those that read the text last: the
    /// order to start them in while the text is being written.
    package static let templateRulesTextLast: [Int] =
        templateRules.indices.filter { !templateRules[$0].readsText } + templateRules.indices.filter { templateRules[$0].readsText }

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
