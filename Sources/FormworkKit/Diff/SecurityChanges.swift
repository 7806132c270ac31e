import FormworkCFN

/// The changes of a diff that widen or narrow access, in their own list as
/// `cdk diff` shows them: IAM statements (identity and trust policies),
/// resource policies, Lambda permissions, S3 public-access settings and
/// security-group rules. A statement is matched by its `Sid`, else by its
/// whole text, so an edited statement without a Sid is one removed and one added.
enum SecurityChanges {
    static func between(_ old: Template, _ new: Template) -> [TemplateDiff.SecurityChange] {
        var out: [TemplateDiff.SecurityChange] = []
        let ids = Set(old.resources.map(\.logicalId)).union(new.resources.map(\.logicalId)).sorted()
        for id in ids {
            let (a, b) = (old.resource(id), new.resource(id))
            let type = (b ?? a)!.type
            switch type {
            case "AWS::Lambda::Permission", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
                if a?.properties != b?.properties {
                    out.append(.init(logicalId: id, change: a == nil ? .added : b == nil ? .removed : .modified,
                                     kind: type == "AWS::Lambda::Permission" ? "lambda-permission" : "security-group-rule",
                                     old: a?.properties, new: b?.properties))
                }
            default:
                for (kind, path) in Self.policyPaths(type) {
                    statements(a.map { Self.statements(at: path, in: $0.properties) } ?? [],
                               b.map { Self.statements(at: path, in: $0.properties) } ?? [],
                               id: id, kind: kind, into: &out)
                }
                // A setting is a change where the resource stays; a resource added or removed whole is
                // in the resource list, and its own settings are not a widening or a narrowing.
                guard let a, let b else { continue }
                for key in ["PublicAccessBlockConfiguration", "SecurityGroupIngress", "SecurityGroupEgress"] {
                    let (x, y) = (a.properties[key], b.properties[key])
                    if x != y, x != nil || y != nil {
                        out.append(.init(logicalId: id, change: x == nil ? .added : y == nil ? .removed : .modified,
                                         kind: key == "PublicAccessBlockConfiguration" ? "public-access" : "security-group-rule",
                                         old: x, new: y))
                    }
                }
            }
        }
        return out
    }

    /// Where a type keeps policy documents: each path's last step `*` is every item of a list.
    static func policyPaths(_ type: String) -> [(kind: String, path: [String])] {
        switch type {
        case "AWS::IAM::Role":
            [("iam-statement", ["Policies", "*", "PolicyDocument"]), ("iam-statement", ["AssumeRolePolicyDocument"])]
        case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
            [("iam-statement", ["PolicyDocument"])]
        case "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy":
            [("resource-policy", ["PolicyDocument"])]
        default:
            []
        }
    }

    static func statements(at path: [String], in value: TemplateValue) -> [TemplateValue] {
        guard let step = path.first else {
            switch value["Statement"]?.kind {
            case .array(let items)?: return items
            case .object?: return [value["Statement"]!]
            default: return []
            }
        }
        if step == "*" {
            guard case .array(let items) = value.kind else { return [] }
            return items.flatMap { statements(at: Array(path.dropFirst()), in: $0) }
        }
        return value[step].map { statements(at: Array(path.dropFirst()), in: $0) } ?? []
    }

    static func statements(_ old: [TemplateValue], _ new: [TemplateValue], id: String, kind: String,
                           into out: inout [TemplateDiff.SecurityChange])
    {
        var unmatched = new
        for statement in old {
            if let index = unmatched.firstIndex(of: statement) {
                unmatched.remove(at: index)
                continue
            }
            // The same statement edited: the same Sid, or else the same effect, principal, resource and condition.
            let sameStatement = { (other: TemplateValue) -> Bool in
                if let sid = statement["Sid"] { return other["Sid"] == sid }
                return ["Effect", "Principal", "NotPrincipal", "Resource", "NotResource", "Condition"].allSatisfy {
                    other[$0] == statement[$0]
                }
            }
            if let index = unmatched.firstIndex(where: sameStatement) {
                var change = TemplateDiff.SecurityChange(logicalId: id, change: .modified, kind: kind, old: statement,
                                                         new: unmatched[index])
                change.direction = direction(statement, unmatched[index])
                out.append(change)
                unmatched.remove(at: index)
                continue
            }
            out.append(.init(logicalId: id, change: .removed, kind: kind, old: statement, new: nil))
        }
        for statement in unmatched {
            out.append(.init(logicalId: id, change: .added, kind: kind, old: nil, new: statement))
        }
    }

    /// `widened` when the new statement allows what the old did and more (its actions a superset),
    /// `narrowed` for the reverse, nil when neither holds.
    static func direction(_ old: TemplateValue, _ new: TemplateValue) -> String? {
        func actions(_ statement: TemplateValue) -> Set<String>? {
            switch statement["Action"]?.kind {
            case .string(let one)?: return [one]
            case .array(let items)?:
                let strings = items.compactMap(\.stringValue)
                return strings.count == items.count ? Set(strings) : nil
            default: return nil
            }
        }
        guard old["Effect"]?.stringValue == "Allow", let a = actions(old), let b = actions(new), a != b else { return nil }
        if b.isSuperset(of: a) { return "widened" }
        if b.isSubset(of: a) { return "narrowed" }
        return nil
    }
}
