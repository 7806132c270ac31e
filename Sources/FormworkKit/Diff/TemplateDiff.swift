import FormworkCFN
import FormworkDiagnostics
import FormworkFacts

/// What a deploy of `new` over `old` does, as CloudFormation decides it
/// (`formwork diff`, CLI.md "diff --format json"): resources added, removed
/// and modified, each modification as property paths; which changes replace
/// a resource (a create-only property of its schema, a changed type, a
/// changed logical ID, or a create-only property that refers to a replaced
/// resource, followed through the graph); which lose data (a removed or
/// replaced resource of a stateful type whose policy does not keep it);
/// the security-relevant changes; and parameters, conditions and outputs.
package struct TemplateDiff: Sendable {
    package enum Change: String, Sendable { case added, removed, modified }
    package enum Replacement: String, Sendable, Comparable {
        case none, conditional, always

        private var order: Int { self == .none ? 0 : self == .conditional ? 1 : 2 }
        package static func < (a: Replacement, b: Replacement) -> Bool { a.order < b.order }
    }

    package struct PropertyChange: Sendable {
        /// A JSON pointer under the resource: `/Properties/BucketName`, `/DependsOn`.
        package var path: String
        package var old: TemplateValue?
        package var new: TemplateValue?
        package var replacement: Replacement
        /// For a replacement cascaded from another: the replaced resource the value refers to.
        package var refersToReplaced: String?
    }

    package struct ResourceChange: Sendable {
        package var logicalId: String
        package var type: String
        package var change: Change
        package var replacement: Replacement
        package var dataLoss: Bool
        package var properties: [PropertyChange] = []
        /// For a removed resource whose like (same type and properties) was added under another logical ID.
        package var renamedTo: String?
        /// For an added resource, the logical ID it was renamed from.
        package var renamedFrom: String?
        /// An API Gateway deployment whose logical ID carries a hash of the routes: a new deployment, not a loss.
        package var redeploy = false
    }

    package struct EntryChange: Sendable {
        package var name: String
        package var change: Change
        package var old: TemplateValue?
        package var new: TemplateValue?
    }

    package struct SecurityChange: Sendable {
        package var logicalId: String
        package var change: Change
        /// `iam-statement`, `resource-policy`, `lambda-permission`, `public-access`, `security-group-rule`.
        package var kind: String
        package var old: TemplateValue?
        package var new: TemplateValue?
        /// For a modified IAM statement: `widened` or `narrowed` when its actions grew or shrank.
        package var direction: String?

        package init(logicalId: String, change: Change, kind: String, old: TemplateValue?, new: TemplateValue?) {
            self.logicalId = logicalId
            self.change = change
            self.kind = kind
            self.old = old
            self.new = new
        }
    }

    package var resources: [ResourceChange] = []
    package var parameters: [EntryChange] = []
    package var conditions: [EntryChange] = []
    package var outputs: [EntryChange] = []
    package var security: [SecurityChange] = []

    package var isEmpty: Bool {
        resources.isEmpty && parameters.isEmpty && conditions.isEmpty && outputs.isEmpty && security.isEmpty
    }
    package var hasDataLoss: Bool { resources.contains(where: \.dataLoss) }
    package var hasReplacement: Bool {
        resources.contains { $0.change != .added && $0.replacement != .none && !$0.redeploy }
    }

    /// Outputs whose export is gone or renamed (another stack's `Fn::ImportValue` on it blocks the deploy).
    package var removedExports: [EntryChange] {
        outputs.filter { change in
            guard let old = change.old?["Export"]?["Name"] else { return false }
            return change.change == .removed || change.new?["Export"]?["Name"] != old
        }
    }

    // MARK: comparing

    package static func compare(_ old: Template, _ new: Template) -> TemplateDiff {
        var diff = TemplateDiff()
        diff.parameters = entries(old.parameters, new.parameters)
        diff.conditions = entries(old.conditions, new.conditions)
        diff.outputs = entries(old.outputs, new.outputs)

        var changes: [ResourceChange] = []
        for resource in old.resources {
            guard let other = new.resource(resource.logicalId) else {
                changes.append(ResourceChange(logicalId: resource.logicalId, type: resource.type, change: .removed,
                                              replacement: .always, dataLoss: Self.losesData(resource, replaced: false)))
                continue
            }
            if other.type != resource.type {
                changes.append(ResourceChange(logicalId: resource.logicalId, type: resource.type, change: .removed,
                                              replacement: .always, dataLoss: Self.losesData(resource, replaced: false)))
                changes.append(ResourceChange(logicalId: other.logicalId, type: other.type, change: .added,
                                              replacement: .none, dataLoss: false))
                continue
            }
            let properties = Self.propertyChanges(resource, other)
            guard !properties.isEmpty else { continue }
            let replacement = properties.map(\.replacement).max() ?? .none
            changes.append(ResourceChange(logicalId: resource.logicalId, type: resource.type, change: .modified,
                                          replacement: replacement,
                                          dataLoss: replacement == .always && Self.losesData(resource, replaced: true),
                                          properties: properties))
        }
        for resource in new.resources where old.resource(resource.logicalId) == nil {
            changes.append(ResourceChange(logicalId: resource.logicalId, type: resource.type, change: .added,
                                          replacement: .none, dataLoss: false))
        }
        Self.cascade(&changes, old: old, new: new)
        Self.recogniseRenames(&changes, old: old, new: new)
        diff.resources = changes.sorted { ($0.logicalId, $0.change.rawValue) < ($1.logicalId, $1.change.rawValue) }
        diff.security = SecurityChanges.between(old, new)
        return diff
    }

    /// Whether deleting `resource` (or replacing it) deletes data its policy does not keep.
    static func losesData(_ resource: Resource, replaced: Bool) -> Bool {
        guard DeletionPolicies.stateful.contains(resource.type) else { return false }
        let policy = replaced ? resource.updateReplacePolicy : resource.deletionPolicy
        return policy != "Retain" && policy != "Snapshot" && policy != "RetainExceptOnCreate"
    }

    static func entries(_ old: [Template.Entry], _ new: [Template.Entry]) -> [EntryChange] {
        var out: [EntryChange] = []
        let newByName = Dictionary(new.map { ($0.logicalId, $0.value) }, uniquingKeysWith: { a, _ in a })
        let oldNames = Set(old.map(\.logicalId))
        for entry in old {
            if let value = newByName[entry.logicalId] {
                if value != entry.value {
                    out.append(EntryChange(name: entry.logicalId, change: .modified, old: entry.value, new: value))
                }
            } else {
                out.append(EntryChange(name: entry.logicalId, change: .removed, old: entry.value, new: nil))
            }
        }
        for entry in new where !oldNames.contains(entry.logicalId) {
            out.append(EntryChange(name: entry.logicalId, change: .added, old: nil, new: entry.value))
        }
        return out.sorted { $0.name < $1.name }
    }

    /// The changed paths of one resource kept under its logical ID and type.
    static func propertyChanges(_ old: Resource, _ new: Resource) -> [PropertyChange] {
        var out: [PropertyChange] = []
        let createOnly = DeletionPolicies.replacing(old.type)
        func attribute(_ name: String, _ a: String?, _ b: String?) {
            if a != b {
                out.append(PropertyChange(path: "/\(name)", old: a.map { .string($0, nil) }, new: b.map { .string($0, nil) },
                                          replacement: .none, refersToReplaced: nil))
            }
        }
        attribute("Condition", old.condition, new.condition)
        attribute("DeletionPolicy", old.deletionPolicy, new.deletionPolicy)
        attribute("UpdateReplacePolicy", old.updateReplacePolicy, new.updateReplacePolicy)
        if Set(old.dependsOn) != Set(new.dependsOn) {
            out.append(PropertyChange(path: "/DependsOn", old: .array(old.dependsOn.map { .string($0, nil) }, nil),
                                      new: .array(new.dependsOn.map { .string($0, nil) }, nil), replacement: .none,
                                      refersToReplaced: nil))
        }
        for (name, a, b) in [("CreationPolicy", old.creationPolicy, new.creationPolicy),
                             ("UpdatePolicy", old.updatePolicy, new.updatePolicy), ("Metadata", old.metadata, new.metadata)]
            where a != b
        {
            ValueDiff.changes(a, b, path: "/" + name, replacement: .none, into: &out)
        }
        let oldProperties = Self.members(old.properties)
        let newProperties = Self.members(new.properties)
        let names = Set(oldProperties.keys).union(newProperties.keys).sorted()
        for name in names {
            let (a, b) = (oldProperties[name], newProperties[name])
            guard a != b else { continue }
            let replacement: Replacement = createOnly.contains(name)
                ? (Self.isDeployTimeValue(a) || Self.isDeployTimeValue(b) ? .conditional : .always) : .none
            ValueDiff.changes(a, b, path: "/Properties/" + SourceMap.escape(key: name), replacement: replacement, into: &out)
        }
        return out
    }

    static func members(_ value: TemplateValue) -> [String: TemplateValue] {
        guard case .object(let members) = value.kind else { return [:] }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether a value holds an intrinsic whose result is known only at deploy time
    /// (a parameter, a pseudo parameter, another resource's attribute, a condition).
    static func isDeployTimeValue(_ value: TemplateValue?) -> Bool {
        guard let value else { return false }
        switch value.kind {
        case .object(let members):
            if value.isIntrinsicFunction { return true }
            return members.contains { isDeployTimeValue($0.value) }
        case .array(let items): return items.contains { isDeployTimeValue($0) }
        default: return false
        }
    }

    /// A replaced resource gets a new physical ID: a create-only property of another resource that
    /// refers to it (`Ref`, `Fn::GetAtt`, `Fn::Sub`) replaces that one too, and so on through the graph.
    static func cascade(_ changes: inout [ResourceChange], old: Template, new: Template) {
        var replaced = Set(changes.filter { $0.change != .added && $0.replacement == .always }.map(\.logicalId))
        var grew = true
        while grew {
            grew = false
            for resource in new.resources where old.resource(resource.logicalId)?.type == resource.type {
                let createOnly = DeletionPolicies.replacing(resource.type)
                guard !replaced.contains(resource.logicalId), !createOnly.isEmpty else { continue }
                let members = Self.members(resource.properties)
                let causes = createOnly.sorted().filter { name in
                    guard let value = members[name] else { return false }
                    var found: [String: SourceRange] = [:]
                    References.collectReferences(value, into: &found, ids: replaced)
                    return !found.isEmpty
                }
                guard let cause = causes.first, let previous = old.resource(resource.logicalId) else { continue }
                var found: [String: SourceRange] = [:]
                References.collectReferences(members[cause]!, into: &found, ids: replaced)
                let change = PropertyChange(path: "/Properties/" + SourceMap.escape(key: cause), old: Self.members(previous.properties)[cause],
                                            new: members[cause], replacement: .always, refersToReplaced: found.keys.min())
                if let index = changes.firstIndex(where: { $0.logicalId == resource.logicalId && $0.change == .modified }) {
                    changes[index].replacement = .always
                    changes[index].dataLoss = Self.losesData(previous, replaced: true)
                    if !changes[index].properties.contains(where: { $0.path == change.path }) { changes[index].properties.append(change) }
                } else {
                    changes.append(ResourceChange(logicalId: resource.logicalId, type: resource.type, change: .modified,
                                                  replacement: .always, dataLoss: Self.losesData(previous, replaced: true),
                                                  properties: [change]))
                }
                replaced.insert(resource.logicalId)
                grew = true
            }
        }
    }

    /// A removed resource and an added one of the same type and properties (but the
    /// create-only ones, which often carry the name) are a rename
    /// (CloudFormation still deletes the old one); a deployment replaced by another is a redeploy.
    static func recogniseRenames(_ changes: inout [ResourceChange], old: Template, new: Template) {
        let added = changes.indices.filter { changes[$0].change == .added }
        var taken: Set<Int> = []
        for index in changes.indices where changes[index].change == .removed {
            guard let gone = old.resource(changes[index].logicalId) else { continue }
            if gone.type == "AWS::ApiGateway::Deployment" {
                if let match = added.first(where: { !taken.contains($0) && changes[$0].type == gone.type }) {
                    taken.insert(match)
                    changes[index].redeploy = true
                    changes[match].redeploy = true
                    changes[index].dataLoss = false
                }
                continue
            }
            // Names derived from the logical ID (a bucket's default name) differ: compare without the create-only ones.
            let createOnly = DeletionPolicies.replacing(gone.type)
            let kept = { (resource: Resource) in Self.members(resource.properties).filter { !createOnly.contains($0.key) } }
            guard let match = added.first(where: { i in
                !taken.contains(i) && changes[i].type == gone.type
                    && new.resource(changes[i].logicalId).map { kept($0) == kept(gone) } == true
            }) else { continue }
            taken.insert(match)
            changes[index].renamedTo = changes[match].logicalId
            changes[match].renamedFrom = gone.logicalId
        }
    }
}


/// The paths at which two property values differ. Lists of records are
/// matched by identity (`Key`, `Sid`, `Id`, `Name`, …) where every item has
/// one, so a tag inserted at the front is one addition, not a changed list.
enum ValueDiff {
    static let identityKeys = ["Key", "Sid", "Id", "Name", "AttributeName", "IndexName", "PolicyName", "ResourcePath"]

    static func changes(_ old: TemplateValue?, _ new: TemplateValue?, path: String,
                        replacement: TemplateDiff.Replacement, into out: inout [TemplateDiff.PropertyChange])
    {
        guard old != new else { return }
        switch (old?.kind, new?.kind) {
        case (.object(let a)?, .object(let b)?) where !TemplateDiff.isDeployTimeValue(old) && !TemplateDiff.isDeployTimeValue(new):
            let x = Dictionary(a.map { ($0.key, $0.value) }, uniquingKeysWith: { v, _ in v })
            let y = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { v, _ in v })
            for key in Set(x.keys).union(y.keys).sorted() {
                changes(x[key], y[key], path: path + "/" + SourceMap.escape(key: key), replacement: replacement, into: &out)
            }
        case (.array(let a)?, .array(let b)?):
            if let key = identityKeys.first(where: { key in (a + b).allSatisfy { $0[key]?.stringValue != nil } }) {
                let x = Dictionary(a.map { ($0[key]!.stringValue!, $0) }, uniquingKeysWith: { v, _ in v })
                let y = Dictionary(b.map { ($0[key]!.stringValue!, $0) }, uniquingKeysWith: { v, _ in v })
                for id in Set(x.keys).union(y.keys).sorted() {
                    changes(x[id], y[id], path: path + "/" + SourceMap.escape(key: "\(key)=\(id)"), replacement: replacement,
                            into: &out)
                }
            } else {
                out.append(.init(path: path, old: old, new: new, replacement: replacement, refersToReplaced: nil))
            }
        default:
            out.append(.init(path: path, old: old, new: new, replacement: replacement, refersToReplaced: nil))
        }
    }
}

extension TemplateValue {
    var stringValue: String? { if case .string(let s) = kind { s } else { nil } }
}
