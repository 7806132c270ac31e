import FormworkSpec
import FormworkTestSupport
import Testing

/// `statements:` items: lists or lone strings, an effect, IAM's condition block, `when:`.
@Suite struct StatementDecoderTests {
    private func decode(_ statements: String) -> (statements: [PolicyStatement], findings: [String]) {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              worker:
                kind: function
                handler: index.handler
                runtime: nodejs22.x
                code: { inline: "exports.handler = async () => 1;" }
                statements:
            \(statements)
            """)
        let (spec, diagnostics) = Pipeline.decode(text.text)
        guard case .function(let function)? = spec?.resources.first?.body else { return ([], text.findings(diagnostics)) }
        return (function.statements, text.findings(diagnostics))
    }

    @Test func listsAndLoneStringsAlike() throws {
        let (statements, findings) = decode("""
                  - actions: [s3:GetObject, s3:PutObject]
                    resources: ['arn:${aws.partition}:s3:::logs/*']
                  - effect: deny
                    actions: s3:DeleteObject
                    resources: 'arn:${aws.partition}:s3:::logs/*'
                    condition: { Bool: { aws:SecureTransport: 'false' } }
                    when: aws.region == 'us-east-1'
            """)
        #expect(findings.isEmpty)
        #expect(statements.map { $0.actions.map(\.value) } == [["s3:GetObject", "s3:PutObject"], ["s3:DeleteObject"]])
        #expect(statements.map(\.effect.value) == [.allow, .deny])
        #expect(statements.map { $0.condition != nil } == [false, true])
        #expect(statements.map { $0.when?.text } == [nil, "aws.region == 'us-east-1'"])
    }

    @Test(arguments: [
        ("  - { actions: [], resources: ['*'] }", "FW2010"),
        ("  - { actions: [s3:GetObject] }", "FW2003"),
        ("  - { actions: [s3:GetObject], resources: ['*'], effect: permit }", "FW2005"),
        ("  - { actions: [s3:GetObject], resources: ['*'], condition: StringEquals }", "FW2001"),
        ("  - { actions: [s3:GetObject], resource: ['*'] }", "FW2002"),
        ("  - { actions: { s3: GetObject }, resources: ['*'] }", "FW2001"),
    ])
    func misshapenStatementsAreLocatedErrors(item: String, code: String) {
        let (statements, findings) = decode("    " + item)
        #expect(statements.isEmpty)
        #expect(findings.map { String($0.prefix(6)) }.contains(code), "\(item): \(findings)")
    }
}
