import FormworkDiagnostics
import FormworkKit
import FormworkTestSupport
import Testing

/// `CfnLint`: cfn-lint's findings on compiled templates, at the spec lines that caused them.
@Suite struct CfnLintBridgeTests {
    static let spec = """
        formwork: 1
        stack: db
        resources:
          db:
            type: AWS::RDS::DBInstance
            properties:
              DBInstanceClass: db.t3.micro
              Engine: postgres
              EngineVersion: "16.4"
              AllocatedStorage: "20"
              MasterUsername: app
              ManageMasterUserPassword: true
          jobs:
            kind: queue
        """

    @Test func aFindingIsReportedAtTheSpecLineOfItsValue() throws {
        let clean = Compiler.compile(bytes: Array(Self.spec.utf8), path: "db.yaml")
        #expect(!clean.hasErrors, "\(clean.diagnostics.map(\.message))")
        let broken = Compiler.compile(bytes: Array("formwork: 1\nstack: x\nresources: {}\n".utf8), path: "none.yaml")
        let results = try CfnLint.check([clean, broken]).get()
        #expect(results.count == 2 && results[1].isEmpty)
        // E3062: cfn-lint knows which instance classes postgres 16.4 runs on; Formwork does not.
        let finding = try #require(results[0].first { $0.code.rawValue == "E3062" }, "\(results[0].map(\.message))")
        #expect(finding.severity == .error && finding.code.phase == .templateChecks)
        #expect(finding.message.hasPrefix("cfn-lint: 'db.t3.micro' is not one of"))
        #expect(finding.range.file == "db.yaml")
        #expect(finding.range.start.line == 7 && finding.range.start.column == 24, "DBInstanceClass's value")
        // W3691 is about the properties as a whole: at the properties mapping.
        let whole = try #require(results[0].first { $0.code.rawValue == "W3691" })
        #expect(whole.severity == .warning && whole.range.start.line == 7 && whole.range.start.column == 7)
    }

    @Test func aMissingCfnLintIsSaidSo() {
        let clean = Compiler.compile(bytes: Array(Self.spec.utf8), path: "db.yaml")
        #expect(throws: CfnLint.Failure.notInstalled) {
            try CfnLint.check([clean], executable: "formwork-no-such-cfn-lint").get()
        }
    }
}
