import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// A queue encrypted with the AWS managed key (`KmsMasterKeyId:
/// alias/aws/sqs`, a queue's default) takes messages only from principals
/// of the account: the key's policy cannot be changed to let a service
/// use it (`SQS.awsManagedKey`). So an `AWS::SQS::QueuePolicy` that lets a
/// `Service` principal (`sns.amazonaws.com`, `s3.amazonaws.com`,
/// `events.amazonaws.com`, ...) send to such a queue grants what can never
/// work: the service's messages fail with a KMS error, silently for S3
/// notifications and EventBridge targets. An error at the queue's
/// encryption (or its declaration, for the default), with a note at the
/// principal. Of a conditional encryption (`KmsMasterKeyId` an `Fn::If`),
/// a branch on the AWS managed key is the error. A queue is the policy's `Queues` (`Ref`) or the statement's
/// `Resource` (`Fn::GetAtt [Q, Arn]`); values known only at deploy time
/// are not judged.
enum QueueEncryptionProducers: TemplateRule {
    static let summary = "a queue that AWS services send to is not encrypted with the AWS managed key"
    static let codes: [DiagnosticCode] = [.serviceSendsToManagedKeyQueue]

    static func check(_ context: TemplateContext, into diagnostics: inout [Diagnostic]) {
        let template = context.template
        var reported: Set<String> = []
        for policy in template.resources where policy.type == "AWS::SQS::QueuePolicy" {
            guard let document = policy.properties["PolicyDocument"] else { continue }
            let listed = ids(policy.properties["Queues"], ref: true)
            for statement in PolicyDocuments.statements(document) where PolicyDocuments.allows(statement) && sends(statement) {
                guard let service = services(statement["Principal"]).first else { continue }
                for id in listed + ids(statement["Resource"], ref: false) where !reported.contains(id) {
                    guard let queue = template.resource(id), queue.type == "AWS::SQS::Queue",
                          let written = queue.properties["KmsMasterKeyId"],
                          // Of an Fn::If (a conditional `encryption:`), any branch.
                          let key = written.ifBranches.first(where: { $0.kind == .string(SQS.awsManagedKey) })
                    else { continue }
                    reported.insert(id)
                    diagnostics.append(.serviceSendsToManagedKeyQueue(queue, key: key, service: service, conditional: written.ifBranches.count > 1))
                }
            }
        }
    }

    /// Whether the statement's actions let its principal send a message.
    static func sends(_ statement: TemplateValue) -> Bool {
        PolicyDocuments.strings(statement["Action"]).contains { IAM.action($0, covers: "sqs:SendMessage") }
    }

    /// The `Service` principals a statement names.
    static func services(_ principal: TemplateValue?) -> [TemplateValue] {
        guard let service = principal?["Service"] else { return [] }
        if case .array(let items) = service.kind { return items.filter { if case .string = $0.kind { true } else { false } } }
        if case .string = service.kind { return [service] }
        return []
    }

    /// The logical IDs a list (or one value) of `Ref Q` (`ref`) or `Fn::GetAtt [Q, Arn]` names.
    static func ids(_ value: TemplateValue?, ref: Bool) -> [String] {
        guard let value else { return [] }
        let items: [TemplateValue] = if case .array(let list) = value.kind { list } else { [value] }
        return items.compactMap { ref ? $0.refTarget : $0.getAttTarget(attribute: "Arn") }
    }
}

extension DiagnosticCode {
    package static let serviceSendsToManagedKeyQueue = DiagnosticCode(
        "FW4340", .templateChecks, "an AWS service may send to a queue encrypted with the AWS managed key, which it cannot use",
        reference: DocumentationPage(
            "Amazon SQS Developer Guide, \"Amazon SQS key management\" (compatibility between AWS services and encrypted queues)",
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html"))
}

extension Diagnostic {
    static func serviceSendsToManagedKeyQueue(_ queue: Resource, key: TemplateValue, service: TemplateValue,
                                              conditional: Bool = false) -> Diagnostic {
        let name = queue.owner ?? queue.logicalId
        guard case .string(let principal) = service.kind else { preconditionFailure("services() keeps strings") }
        let origin = key.origin ?? queue.origin
        let notes = service.origin.map { [Note("\(principal) is allowed to send here", at: $0)] } ?? []
        let message = "queue '\(name)' is encrypted with the AWS managed key \(SQS.awsManagedKey), which \(principal) cannot use, so none of its messages arrive"
        if queue.typeOrigin != nil || queue.owner == nil {
            return .error(.serviceSendsToManagedKeyQueue, message, at: origin, notes: notes,
                          help: ["set SqsManagedSseEnabled: true instead of KmsMasterKeyId, or use a customer managed key whose policy allows \(principal)"])
        }
        // `encryption: kms` written: the fix-it rewrites it; the default: the help says what to add.
        // A branch of a conditional value is quoted: `'sqs'`.
        let fixIts = key.origin.flatMap {
            $0 == queue.origin ? nil : [FixIt("write 'encryption: sqs' (SQS-managed encryption, which AWS services can send to)",
                                              replacing: $0, with: conditional ? "'sqs'" : "sqs")]
        } ?? []
        return .error(.serviceSendsToManagedKeyQueue, message, at: origin, notes: notes, fixIts: fixIts,
                      help: fixIts.isEmpty ? ["write 'encryption: sqs' on queue '\(name)' (SQS-managed encryption, which AWS services can send to)"] : [])
    }
}
