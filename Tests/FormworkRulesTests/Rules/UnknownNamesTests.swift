import FormworkDiagnostics
@testable import FormworkLowering
@testable import FormworkRules
import FormworkTestSupport
import Testing

@Suite struct UnknownNamesTests {
    @Test func referencesResolveWithDidYouMeanAtTheColumn() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              jobs: { kind: queue }
              topic:
                type: AWS::SNS::Topic
                properties:
                  TopicName: "x-${⟨parameter⟩envv}-${jobs.⟨attribute⟩arm}-${aws.⟨pseudo⟩regin}-${env.⟨member⟩x}"
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3050@parameter", "FW3051@attribute", "FW3051@pseudo", "FW3051@member"])
        #expect(diagnostics.compactMap { $0.fixIts.first?.edits.first?.text } == ["env", "arn", "region"])
    }

    @Test func rawAttributesComeFromTheTypeTableWhenKnown() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            resources:
              topic: { type: AWS::SNS::Topic }
              thing: { type: Custom::Thing }
            outputs:
              a: ${topic.TopicArn}
              b: ${topic.⟨arn⟩Arn}
              c: ${thing.Anything.Nested}
            """)
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW3051@arn"])
        #expect(diagnostics.first?.help.first?.contains("TopicArn") == true)
    }

    @Test func aFailedDeclarationStillDeclaresItsName() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              ⟨badParameter⟩Env: { default: dev }
              mode: ⟨notMapping⟩prod
            resources:
              broken: { kind: ⟨kind⟩queu }
              ⟨badResource⟩my-topic: { type: AWS::SNS::Topic }
              jobs:
                kind: queue
                dependsOn: [broken]
                deadLetter: { queue: broken }
                when: mode
            outputs:
              a: ${broken}
              b: ${broken.arn}
              c: ${⟨typo⟩brokn.url}
              d: ${Env}-${mode ?? 'x'}-${broken ?? 'y'}
            """)
        // No unknown name, wrong kind, always-set test, unneeded fallback or
        // unused parameter about them: only their own errors, and a did-you-mean to one.
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2006@badParameter", "FW2001@notMapping", "FW2012@kind", "FW2006@badResource", "FW3050@typo"])
        #expect(diagnostics.last?.fixIts.first?.edits.first?.text == "broken")
    }

    @Test func noNameIsUnknownWhenTheDeclarationsWereNotRead() {
        let text = MarkedText("""
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            ⟨typo⟩resource:
              jobs: { kind: queue }
            outputs:
              a: ${jobs.arn}-${env}-${aws.⟨pseudo⟩regin}
            """)
        // Neither "needs resources", nor 'jobs' unknown; a pseudo parameter is still checked.
        let (_, diagnostics) = Pipeline.compile(text.text)
        #expect(text.findings(diagnostics) == ["FW2002@typo", "FW3051@pseudo"])
    }

    /// Past the first 200 unknown names by position, no did-you-mean is
    /// searched; the resource names written as values are counted in one
    /// note at the first of them, so a hostile spec costs no search per name.
    @Test func unknownNamesPastTheCapAreCountedNotSearched() {
        let names = (0..<250).map { "job\($0)" }
        let text = """
            formwork: 1
            stack: demo
            parameters:
              env: { default: dev }
            resources:
              jobs:
                kind: queue
                when: envv
                dependsOn: [\(names.joined(separator: ", "))]
            """
        let (_, diagnostics) = Pipeline.compile(text)
        let unknown = diagnostics.filter { $0.code == .unknownName }
        #expect(unknown.count == 201)
        // The `when:` name comes first and gets its did-you-mean, as do the first dependsOn names.
        #expect(unknown.first?.fixIts.first?.edits.first?.text == "env")
        #expect(unknown[1].message.contains("'job0'"))
        #expect(unknown[1].fixIts.first?.edits.first?.text == "jobs")
        let note = unknown.last
        #expect(note?.severity == .note)
        #expect(note?.message == "51 more names from here on are not a resource of this spec")
        let line = text.split(separator: "\n").last!
        #expect(note?.range.start.column == line.distance(from: line.startIndex, to: line.firstRange(of: "job199")!.lowerBound) + 1)
    }
}
