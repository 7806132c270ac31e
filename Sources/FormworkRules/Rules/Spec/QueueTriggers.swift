import FormworkDiagnostics
import FormworkSpec

/// A function has at most one `sqs` trigger per queue: a second would be a
/// second event source mapping between the same queue and function, which
/// Lambda refuses. Reported at the second trigger's queue, with a note at
/// the first.
enum QueueTriggers: SpecRule {
    static let summary = "a function is triggered at most once by each queue"
    static let codes: [DiagnosticCode] = [.duplicateQueueTrigger]

    static func check(_ context: SpecContext, into diagnostics: inout [Diagnostic]) {
        for resource in context.spec.resources {
            guard case .function(let function) = resource.body else { continue }
            var queues: [String: Name] = [:]
            for trigger in function.triggers {
                guard case .sqs(let queue, _, _) = trigger.source else { continue }
                if let first = queues[queue.text] {
                    let diagnostic = Diagnostic.duplicateQueueTrigger(queue, first: first, function: resource.name.text)
                    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                } else {
                    queues[queue.text] = queue
                }
            }
        }
    }
}

extension DiagnosticCode {
    package static let duplicateQueueTrigger = DiagnosticCode("FW5308", .specChecks, "a function is triggered twice by one queue")
}

extension Diagnostic {
    static func duplicateQueueTrigger(_ queue: Name, first: Name, function: String) -> Diagnostic {
        .error(.duplicateQueueTrigger, "queue '\(queue.text)' already triggers function '\(function)'", at: queue.range,
               notes: [Note("the first trigger on '\(queue.text)' is here", at: first.range)],
               help: ["remove one of the two triggers"])
    }
}
