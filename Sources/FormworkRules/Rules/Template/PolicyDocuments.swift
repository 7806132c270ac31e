import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// The policy documents a template writes out. In an identity policy (a raw
/// `AWS::IAM::Role`'s, `User`'s or `Group`'s `Policies`, an
/// `AWS::IAM::Policy` or `ManagedPolicy`), an allowing statement with the
/// action `*` or the resource `*` is a warning, and with both an error: it
/// makes whoever holds it an administrator. A statement whose actions all
/// take no resource (`IAM.actionsWithoutResources`: `xray:PutTraceSegments`,
/// `logs:CreateLogDelivery`, …) may name `*` as its resource. (A function's `statements:`
/// are judged at their own lines, FW4246–FW4248; its generated role is not
/// judged again here.) In a resource policy (a bucket's, queue's, topic's,
/// secret's or event bus's policy, a KMS key's, a role's trust policy), an
/// allowing statement whose principal is `*` and that has no `Condition` is
/// a warning: it lets anyone, in any account, do what it allows. A value
/// known only at deploy time is not judged.
enum PolicyDocuments: TemplateRule {
    static let summary = "policy documents allow neither everything nor everyone"
    static let codes: [DiagnosticCode] = [.rawWildcardAction, .rawWildcardResource, .rawWildcardStatement, .publicPrincipal]

    /// Where each type keeps its identity policies: a document, or a list of `{PolicyDocument}`.
    static let identityDocuments: [String: [String]] = [
        "AWS::IAM::Role": ["Policies"], "AWS::IAM::User": ["Policies"], "AWS::IAM::Group": ["Policies"],
        "AWS::IAM::Policy": ["PolicyDocument"], "AWS::IAM::ManagedPolicy": ["PolicyDocument"],
    ]
    /// Where each type keeps its resource policy.
    static let resourceDocuments: [String: String] = [
        "AWS::IAM::Role": "AssumeRolePolicyDocument", "AWS::S3::BucketPolicy": "PolicyDocument",
        "AWS::SQS::QueuePolicy": "PolicyDocument", "AWS::SNS::TopicPolicy": "PolicyDocument",
        "AWS::KMS::Key": "KeyPolicy", "AWS::SecretsManager::ResourcePolicy": "ResourcePolicy",
    ]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.template.resources {
            let generated = resource.owner != nil && resource.typeOrigin == nil
            if !generated {
                for property in identityDocuments[resource.type] ?? [] {
                    guard let value = resource.properties[property] else { continue }
                    let documents: [TemplateValue] = if case .array(let items) = value.kind {
                        items.compactMap { $0["PolicyDocument"] }
                    } else { [value] }
                    for document in documents {
                        for statement in statements(document) { checkWildcards(statement, into: &diagnostics) }
                    }
                }
            }
            if let property = resourceDocuments[resource.type], let document = resource.properties[property] {
                for statement in statements(document) where allows(statement) && statement["Condition"] == nil {
                    if let principal = statement["Principal"], let everyone = everyone(principal) {
                        diagnostics.append(.publicPrincipal(at: everyone.origin ?? principal.origin ?? resource.origin))
                    }
                }
            }
        }
    }

    static func statements(_ document: TemplateValue) -> [TemplateValue] {
        guard let statement = document["Statement"] else { return [] }
        if case .array(let items) = statement.kind { return items }
        return [statement]
    }

    static func allows(_ statement: TemplateValue) -> Bool {
        if case .string("Allow")? = statement["Effect"]?.kind { true } else { false }
    }

    /// The literal strings of a string or a list of them (an action, resource or principal element).
    static func strings(_ value: TemplateValue?) -> [String] {
        guard let value else { return [] }
        let items: [TemplateValue] = if case .array(let list) = value.kind { list } else { [value] }
        return items.compactMap { if case .string(let text) = $0.kind { text } else { nil } }
    }

    /// The literal `*` among a string or a list of strings.
    static func star(_ value: TemplateValue?) -> TemplateValue? {
        guard let value else { return nil }
        switch value.kind {
        case .string("*"): return value
        case .array(let items): return items.first { $0.kind == .string("*") }
        default: return nil
        }
    }

    /// `"*"` or `{AWS: "*"}` (or a list holding `*`): every principal.
    static func everyone(_ principal: TemplateValue) -> TemplateValue? {
        if let all = star(principal) { return all }
        return star(principal["AWS"])
    }

    /// Whether the actions are all literal ones that take no resource.
    static func onlyActionsWithoutResources(_ actions: TemplateValue?) -> Bool {
        guard let actions else { return false }
        let items: [TemplateValue] = if case .array(let list) = actions.kind { list } else { [actions] }
        return !items.isEmpty && items.allSatisfy {
            if case .string(let action) = $0.kind { IAM.actionsWithoutResources.contains(action) } else { false }
        }
    }

    static func checkWildcards(_ statement: TemplateValue, into diagnostics: inout [Diagnostic]) {
        guard allows(statement) else { return }
        let resourceStar = onlyActionsWithoutResources(statement["Action"]) ? nil : star(statement["Resource"])
        switch (star(statement["Action"]), resourceStar) {
        case (let action?, let resource?):
            if let origin = action.origin { diagnostics.append(.rawWildcardStatement(at: origin, resource: resource.origin)) }
        case (let action?, nil):
            if let origin = action.origin { diagnostics.append(.rawWildcardAction(at: origin)) }
        case (nil, let resource?):
            if let origin = resource.origin { diagnostics.append(.rawWildcardResource(at: origin)) }
        case (nil, nil):
            break
        }
    }
}

extension DiagnosticCode {
    private static let policyReference = DocumentationPage(
        "IAM User Guide, \"Security best practices in IAM\" (apply least-privilege permissions)",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html")

    package static let rawWildcardAction = DiagnosticCode(
        "FW4321", .templateChecks, "an identity policy's statement allows every action ('*')", reference: policyReference)
    package static let rawWildcardResource = DiagnosticCode(
        "FW4322", .templateChecks, "an identity policy's statement allows its actions on every resource ('*')",
        reference: policyReference)
    package static let rawWildcardStatement = DiagnosticCode(
        "FW4323", .templateChecks, "an identity policy's statement allows every action on every resource",
        reference: policyReference)
    package static let publicPrincipal = DiagnosticCode(
        "FW4324", .templateChecks, "a resource policy allows every principal ('*') with no condition",
        reference: DocumentationPage(
            "IAM User Guide, \"AWS JSON policy elements: Principal\" (all principals)",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"))
}

extension Diagnostic {
    static func rawWildcardAction(at range: SourceRange) -> Diagnostic {
        .warning(.rawWildcardAction, "action '*' allows every action of every service", at: range,
                 help: ["name the actions needed, like 'dynamodb:GetItem', or a service's, like 'dynamodb:*'"])
    }

    static func rawWildcardResource(at range: SourceRange) -> Diagnostic {
        .warning(.rawWildcardResource, "resource '*' allows these actions on every resource in the account", at: range,
                 help: ["name the resources' ARNs, like '${orders.Arn}'; keep '*' only for actions that take no resource"])
    }

    static func rawWildcardStatement(at range: SourceRange, resource: SourceRange?) -> Diagnostic {
        .error(.rawWildcardStatement, "this statement allows every action on every resource, making its holder an administrator",
               at: range, notes: resource.map { [Note("resource '*' is here", at: $0)] } ?? [],
               help: ["name the actions and the resources' ARNs that are needed"])
    }

    static func publicPrincipal(at range: SourceRange) -> Diagnostic {
        .warning(.publicPrincipal, "principal '*' with no condition lets anyone, in any account, do what this statement allows",
                 at: range,
                 help: ["name the principals (an account, a role's ARN, a service), or add a Condition such as aws:SourceArn or aws:PrincipalOrgID"])
    }
}
