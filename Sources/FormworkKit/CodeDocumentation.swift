import FormworkDiagnostics

/// Formwork's version, as `formwork --version` and the SARIF log's
/// `tool.driver.version` give it.
public enum FormworkVersion {
    public static let current = "0.11.0"
}

/// What is said of a code outside the source: `formwork explain`, the SARIF
/// rules and docs/diagnostics.md all read `DiagnosticRegistry` (the code's
/// summary, phase, rule and AWS page) and the rules' doc comments
/// (`RuleDocumentation`, generated from them), so they say the same thing.
/// Nothing is read from disk or the network at run time.
public enum CodeDocumentation {
    /// The code of `text` (`FW1234`, any case), when the registry has it.
    public static func code(named text: String) -> DiagnosticCode? {
        let wanted = text.uppercased()
        return DiagnosticRegistry.all.first { $0.rawValue == wanted }
    }

    /// The name the SARIF log gives the code's rule: the Formwork rule that
    /// reports it, else its phase.
    public static func ruleName(of code: DiagnosticCode) -> String {
        DiagnosticRegistry.rule(reporting: code)?.name ?? "phase-\(code.phase.rawValue)"
    }

    /// The code's entry in prose: its summary, where it comes from, the
    /// rule's documentation, its AWS page.
    public static func fullDescription(of code: DiagnosticCode) -> String {
        var parts = [sentence(code.summary)]
        if let rule = DiagnosticRegistry.rule(reporting: code) {
            parts.append("Reported by the \(rule.readsTemplate ? "template" : "spec") rule \(rule.name) (\(rule.summary))\(rule.isGate ? ", a gate: its errors stop the rules after it" : "").")
            if let documentation = RuleDocumentation.text[rule.name] { parts.append(unwrapped(documentation)) }
        } else {
            parts.append("Reported by the \(code.phase.title) phase.")
        }
        if let reference = code.reference { parts.append("Source: \(reference.title), \(reference.url).") }
        return parts.joined(separator: " ")
    }

    /// The code's section of docs/diagnostics.md, relative to the repository root.
    public static func helpURI(of code: DiagnosticCode) -> String { "docs/diagnostics.md#\(code.anchor)" }

    /// What the SARIF log says of the code.
    public static func sarifDescription(of code: DiagnosticCode) -> SARIFRuleDescription {
        SARIFRuleDescription(name: ruleName(of: code), shortDescription: code.summary,
                             fullDescription: fullDescription(of: code), helpURI: helpURI(of: code))
    }

    /// `formwork explain CODE`: the code's entry as a terminal shows it.
    public static func explanation(of code: DiagnosticCode) -> String {
        var out = "\(code.rawValue): \(code.summary)\n\n"
        out += "Phase: \(code.phase.title)\n"
        if let rule = DiagnosticRegistry.rule(reporting: code) {
            out += "Rule: \(rule.name)\(rule.isGate ? " (gate)" : ""), in \(rule.sourceFile); reads the \(rule.readsTemplate ? "template" : "spec")\n"
            out += "      \(rule.summary)\n"
            let others = rule.codes.filter { $0 != code }.map(\.rawValue)
            if !others.isEmpty { out += "      also reports \(others.joined(separator: ", "))\n" }
            if let documentation = RuleDocumentation.text[rule.name] { out += "\n\(documentation)\n" }
        }
        if let reference = code.reference { out += "\nSource: \(reference.title)\n  \(reference.url)\n" }
        if let example = RuleDocumentation.examples[code.rawValue] {
            out += "\nExample, from \(example.source):\n\n"
            for line in example.text.split(separator: "\n", omittingEmptySubsequences: false) { out += "    \(line)\n" }
            let fixes = example.text.split(separator: "\n").filter { $0.hasPrefix("  help: ") }.map { $0.dropFirst(8) }
            if !fixes.isEmpty { out += "\nTo fix it:\n" + fixes.map { "  - \($0)\n" }.joined() }
        }
        out += "\nSee \(helpURI(of: code))\n"
        return out
    }

    private static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    /// Doc-comment lines joined into paragraphs (a blank line ends one), the paragraphs by spaces.
    private static func unwrapped(_ text: String) -> String {
        var paragraphs: [String] = [""]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append("") }
            } else {
                paragraphs[paragraphs.count - 1] += (paragraphs[paragraphs.count - 1].isEmpty ? "" : " ") + line
            }
        }
        return paragraphs.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
