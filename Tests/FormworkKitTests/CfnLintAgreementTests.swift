import Foundation
import FormworkKit
import FormworkTestSupport
import Testing

/// Where cfn-lint has a rule for what Formwork now generates differently,
/// it agrees: run on the compiled template and on the same template in the
/// shape Formwork used to write.
@Suite struct CfnLintAgreementTests {
    /// cfn-lint's findings (parseable format) on one template text.
    static func cfnLint(_ template: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-cfnlint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("template.json").path
        try template.write(toFile: path, atomically: true, encoding: .utf8)
        let result = CLIRunner.run("/usr/bin/env", ["cfn-lint", "--format", "parseable", "--", path])
        try #require(result.status != 127, "cfn-lint is not installed (make cfn-lint-dep)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// W1028: an `Fn::If` inside a resource on the condition the resource
    /// carries has a branch that is never taken. The role of a conditional
    /// function no longer wraps its statements in one.
    @Test func noFnIfOnTheConditionTheRoleCarries() throws {
        let compiled = Compiler.compile(file: PackagePaths.path("specs/function-conditional-role.yaml"), options: .init(sourceMap: false))
        let text = try #require(compiled.text)
        #expect(try Self.cfnLint(text) == [])

        // The shape before: the role's unconditional statements wrapped in Fn::If on the role's own condition.
        var document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var resources = try #require(document["Resources"] as? [String: Any])
        var role = try #require(resources["ArchiverRole"] as? [String: Any])
        let condition = try #require(role["Condition"] as? String)
        var properties = try #require(role["Properties"] as? [String: Any])
        var policies = try #require(properties["Policies"] as? [[String: Any]])
        var policy = try #require(policies[0]["PolicyDocument"] as? [String: Any])
        let statements = try #require(policy["Statement"] as? [Any])
        policy["Statement"] = statements.map { ["Fn::If": [condition, $0, ["Ref": "AWS::NoValue"]]] }
        policies[0]["PolicyDocument"] = policy
        properties["Policies"] = policies
        role["Properties"] = properties
        resources["ArchiverRole"] = role
        document["Resources"] = resources
        let before = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
        let findings = try Self.cfnLint(before)
        #expect(!findings.isEmpty && findings.allSatisfy { $0.contains(":W1028:") }, "\(findings)")
    }
}
