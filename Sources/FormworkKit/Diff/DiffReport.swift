import FormworkCFN
import FormworkSpec

/// `diff --format markdown` (a pull-request comment) and `--format text`
/// (a terminal): the same order in both, what matters first: a summary
/// line, then data loss, replacements, security changes, then the rest.
package enum DiffReport {
    package static func markdown(_ stacks: [(old: String, new: String, diff: TemplateDiff)]) -> String {
        var out = ""
        for (old, new, diff) in stacks {
            out += "### `\(new)`\n\n"
            guard !diff.isEmpty else {
                out += "No changes (against `\(old)`).\n\n"
                continue
            }
            out += summary(diff) + "\n\n"
            let lost = diff.resources.filter(\.dataLoss)
            if !lost.isEmpty {
                out += "#### :warning: Data loss\n\n| resource | type | why |\n| --- | --- | --- |\n"
                for change in lost { out += "| `\(change.logicalId)` | `\(change.type)` | \(why(change)) |\n" }
                out += "\n"
            }
            let replaced = diff.resources.filter { $0.change == .modified && $0.replacement != .none }
            if !replaced.isEmpty {
                out += "#### Replacements\n\n| resource | type | replacement | because of |\n| --- | --- | --- | --- |\n"
                for change in replaced {
                    let causes = change.properties.filter { $0.replacement != .none }.map { property in
                        "`\(property.path)`" + (property.refersToReplaced.map { " (refers to `\($0)`, replaced)" } ?? "")
                    }
                    out += "| `\(change.logicalId)` | `\(change.type)` | \(change.replacement.rawValue) | \(causes.joined(separator: ", ")) |\n"
                }
                out += "\n"
            }
            if !diff.security.isEmpty {
                out += "#### Security changes\n\n| resource | change | kind | detail |\n| --- | --- | --- | --- |\n"
                for change in diff.security {
                    let what = change.direction.map { "**\($0)**" } ?? change.change.rawValue
                    out += "| `\(change.logicalId)` | \(what) | \(change.kind) | \(details(change.old, change.new)) |\n"
                }
                out += "\n"
            }
            let exports = diff.removedExports
            if !exports.isEmpty {
                out += "#### Exports removed\n\nAnother stack's `Fn::ImportValue` on these blocks the deploy.\n\n"
                for change in exports {
                    out += "- `\(change.name)`: \(inline(change.old?["Export"]?["Name"]))\n"
                }
                out += "\n"
            }
            out += "#### All changes\n\n| resource | type | change | replacement |\n| --- | --- | --- | --- |\n"
            for change in diff.resources {
                var what = change.change.rawValue
                if let to = change.renamedTo { what += " (renamed to `\(to)`)" }
                if let from = change.renamedFrom { what += " (renamed from `\(from)`)" }
                if change.redeploy { what += " (API redeploy)" }
                out += "| `\(change.logicalId)` | `\(change.type)` | \(what) | \(change.replacement.rawValue) |\n"
            }
            for (section, entries) in [("parameter", diff.parameters), ("condition", diff.conditions), ("output", diff.outputs)] {
                for entry in entries { out += "| `\(entry.name)` | \(section) | \(entry.change.rawValue) | |\n" }
            }
            out += "\n"
            let modified = diff.resources.filter { !$0.properties.isEmpty }
            if !modified.isEmpty {
                out += "<details><summary>Property changes</summary>\n\n| resource | path | old | new |\n| --- | --- | --- | --- |\n"
                for change in modified {
                    for property in change.properties {
                        out += "| `\(change.logicalId)` | `\(property.path)` | \(inline(property.old)) | \(inline(property.new)) |\n"
                    }
                }
                out += "\n</details>\n\n"
            }
        }
        return out
    }

    /// `colors`: ANSI colours for a terminal: data loss red and bold, removals red, additions
    /// green, replacements yellow, security changes magenta.
    package static func text(_ stacks: [(old: String, new: String, diff: TemplateDiff)], colors: Bool = false) -> String {
        func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        for (old, new, diff) in stacks {
            out += "\(old) → \(new): " + (diff.isEmpty ? "no changes" : summary(diff).replacingAll("**", with: "")) + "\n"
            for change in diff.resources.sorted(by: { rank($0) < rank($1) }) {
                let replaced = change.change == .modified && change.replacement != .none
                var line = "  " + (change.change == .added ? "+" : change.change == .removed ? "-" : "~")
                line += " \(change.logicalId) (\(change.type))"
                line = change.change == .added ? paint(line, "32") : change.change == .removed ? paint(line, "31")
                    : replaced ? paint(line, "33") : line
                if change.dataLoss { line += "  " + paint("DATA LOSS", "1;31") }
                if replaced { line += "  " + paint("replacement: \(change.replacement.rawValue)", "33") }
                if let to = change.renamedTo { line += "  renamed to \(to)" }
                if change.redeploy { line += "  API redeploy" }
                out += line + "\n"
                for property in change.properties {
                    if let target = property.refersToReplaced {
                        out += "      \(property.path): refers to \(target), which is replaced\n"
                    } else {
                        out += "      \(property.path): \(inline(property.old, plain: true)) → \(inline(property.new, plain: true))\n"
                    }
                }
            }
            for change in diff.security {
                out += paint("  ! \(change.logicalId): \(change.kind) \(change.direction ?? change.change.rawValue)", "35") + "\n"
            }
            for (section, entries) in [("parameter", diff.parameters), ("condition", diff.conditions), ("output", diff.outputs)] {
                for entry in entries { out += "  \(entry.change == .added ? "+" : entry.change == .removed ? "-" : "~") \(section) \(entry.name)\n" }
            }
        }
        return out
    }

    static func rank(_ change: TemplateDiff.ResourceChange) -> Int {
        change.dataLoss ? 0 : change.change == .modified && change.replacement != .none ? 1 : 2
    }

    static func summary(_ diff: TemplateDiff) -> String {
        let count = { (change: TemplateDiff.Change) in diff.resources.filter { $0.change == change }.count }
        var parts = ["\(count(.added)) added", "\(count(.modified)) modified", "\(count(.removed)) removed"]
        let lost = diff.resources.filter(\.dataLoss).count
        let replaced = diff.resources.filter { $0.change == .modified && $0.replacement != .none }.count
        if lost > 0 { parts.insert("**\(lost) losing data**", at: 0) }
        if replaced > 0 { parts.append("\(replaced) replaced") }
        if !diff.security.isEmpty { parts.append("\(diff.security.count) security changes") }
        return "Resources: " + parts.joined(separator: ", ") + "."
    }

    static func why(_ change: TemplateDiff.ResourceChange) -> String {
        if let to = change.renamedTo { return "renamed to `\(to)`: CloudFormation deletes this one" }
        return change.change == .removed ? "removed, and its DeletionPolicy does not keep it"
            : "replaced, and its UpdateReplacePolicy does not keep it"
    }

    /// A value in a table cell: short ones inline, long ones folded.
    static func inline(_ value: TemplateValue?, plain: Bool = false) -> String {
        guard let value else { return plain ? "(none)" : "—" }
        let json = JSONWriter.write(value).split(separator: "\n").map { $0.trimmingLeadingSpaces }.joined(separator: " ")
        if plain { return json }
        let cell = json.replacingAll("|", with: "\\|")
        guard cell.count > 80 else { return "`\(cell)`" }
        let html = cell.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
        return "<details><summary><code>\(html.prefix(40))…</code></summary><code>\(html)</code></details>"
    }

    static func details(_ old: TemplateValue?, _ new: TemplateValue?) -> String {
        switch (old, new) {
        case (nil, let new?): inline(new)
        case (let old?, nil): inline(old)
        default: "\(inline(old)) → \(inline(new))"
        }
    }
}

extension Substring {
    fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}

