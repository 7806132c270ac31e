import FormworkDiagnostics
import FormworkSpec
import FormworkTestSupport
import Testing
@testable import FormworkLowering
@testable import FormworkRules

@Suite struct LifecycleRulesTests {
    /// The lifecycle diagnostics of `rules`, the YAML under `lifecycle:` of bucket `uploads`.
    func check(_ marked: MarkedText) -> [String] {
        guard let spec = Pipeline.decode(marked.text).spec else {
            Issue.record("the spec does not decode")
            return []
        }
        var diagnostics: [Diagnostic] = []
        LifecycleRules.check(SpecContext(spec: spec, symbols: SymbolTable(spec)), into: &diagnostics)
        return marked.findings(diagnostics)
    }

    func spec(_ rules: String) -> MarkedText {
        MarkedText("""
        formwork: 1
        stack: demo
        resources:
          uploads:
            kind: bucket
            lifecycle:
        \(rules)
        """)
    }

    @Test func aValidConfigurationHasNoFindings() {
        let text = spec("""
              - id: archive
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: 45, storageClass: INTELLIGENT_TIERING }
                  - { days: 60, storageClass: GLACIER }
                  - { days: 240, storageClass: DEEP_ARCHIVE }
                expiration: { days: 365 }
                noncurrentTransitions:
                  - { days: 0, storageClass: GLACIER_IR }
                noncurrentExpiration: { days: 1 }
              - id: uploads
                abortIncompleteUploads: { days: 1 }
        """)
        #expect(check(text) == [])
    }

    @Test func unknownAndForbiddenStorageClassesAreReportedAtTheClass() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: ⟨typo⟩STANDARD_AI }
                  - { days: 60, storageClass: ⟨standard⟩STANDARD }
        """)
        #expect(check(text) == ["FW4100@typo", "FW4101@standard"])
    }

    @Test func theSuggestionForATypoIsTheClosestClass() throws {
        let located = Located("GLACEIR", SourceRange(file: "t.yaml", line: 1, column: 1))
        #expect(Diagnostic.unknownStorageClass(located).fixIts.first?.edits.first?.text == "GLACIER")
        let lower = Located("deep_archive", SourceRange(file: "t.yaml", line: 1, column: 1))
        #expect(Diagnostic.unknownStorageClass(lower).fixIts.first?.edits.first?.text == "DEEP_ARCHIVE")
    }

    @Test func infrequentAccessNeedsThirtyDaysForCurrentAndNoncurrentVersions() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: ⟨ia⟩29, storageClass: STANDARD_IA }
                noncurrentTransitions:
                  - { days: ⟨oz⟩0, storageClass: ONEZONE_IA }
                  - { days: 0, storageClass: GLACIER }
        """)
        // GLACIER at 0 noncurrent days is before ONEZONE_IA at 0: also out of order.
        #expect(check(text).prefix(2) == ["FW4102@ia", "FW4102@oz"])
    }

    @Test func thirtyDaysIsEnoughForInfrequentAccess() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: ONEZONE_IA }
        """)
        #expect(check(text) == [])
    }

    @Test func transitionsFollowTheWaterfallWithStrictlyIncreasingDays() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 90, storageClass: STANDARD_IA }
                  - { days: ⟨glacier⟩30, storageClass: GLACIER }
              - id: b
                transitions:
                  - { days: 60, storageClass: GLACIER_IR }
                  - { days: ⟨same⟩60, storageClass: GLACIER }
        """)
        #expect(check(text) == ["FW4103@glacier", "FW4103@same"])
    }

    @Test func intelligentTieringCannotGoBackToStandardIA() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: ⟨it⟩31, storageClass: INTELLIGENT_TIERING }
                  - { days: 60, storageClass: STANDARD_IA }
        """)
        // Down the waterfall INTELLIGENT_TIERING follows STANDARD_IA, so its 31 days are too few.
        #expect(check(text) == ["FW4103@it"])
    }

    @Test func oneZoneToGlacierInstantRetrievalIsUnsupported() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: ONEZONE_IA }
                  - { days: 90, storageClass: ⟨gir⟩GLACIER_IR }
        """)
        #expect(check(text) == ["FW4104@gir"])
    }

    @Test func infrequentAccessHasAThirtyDayStayBeforeArchiveClasses() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: 40, storageClass: INTELLIGENT_TIERING }
                  - { days: ⟨glacier⟩59, storageClass: GLACIER }
              - id: b
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: 60, storageClass: GLACIER }
              - id: c
                noncurrentTransitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: ⟨oz⟩31, storageClass: ONEZONE_IA }
              - id: d
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: 31, storageClass: GLACIER_IR }
        """)
        // Through INTELLIGENT_TIERING the stay still counts; GLACIER_IR has no such minimum.
        #expect(check(text) == ["FW4105@glacier", "FW4105@oz"])
    }

    @Test func aClassAppearsOncePerList() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: GLACIER }
                  - { days: 60, storageClass: ⟨second⟩GLACIER }
                noncurrentTransitions:
                  - { days: 30, storageClass: GLACIER }
        """)
        #expect(check(text) == ["FW4106@second"])
    }

    @Test func expirationsComeAfterEveryTransitionOfTheirList() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 30, storageClass: STANDARD_IA }
                  - { days: 100, storageClass: GLACIER }
                expiration: { days: ⟨exp⟩100 }
                noncurrentTransitions:
                  - { days: 10, storageClass: GLACIER }
                noncurrentExpiration: { days: 11 }
              - id: b
                transitions:
                  - { days: 10, storageClass: GLACIER }
                noncurrentExpiration: { days: 5 }
        """)
        // Rule b: a noncurrent expiration is not compared with current-version transitions.
        #expect(check(text) == ["FW4107@exp"])
    }

    @Test func aRuleNeedsAnAction() {
        let text = spec("""
              - id: ⟨id⟩empty
                prefix: logs/
        """)
        #expect(check(text) == ["FW4108@id"])
    }

    @Test func anActionThatDidNotDecodeIsNotReportedMissing() {
        let text = spec("""
              - id: badDays
                expiration: { days: 0 }
              - id: badTransition
                noncurrentTransitions: [{ days: x, storageClass: GLACIER }]
              - id: typo
                abortIncompleteUpload: { days: 7 }
              - id: ⟨empty⟩empty
                transitions: []
        """)
        // The decoder reports the first three; an empty list was read, and is no action.
        #expect(check(text) == ["FW4108@empty"])
        let decoded = Pipeline.decode(text.text)
        #expect(decoded.diagnostics.map(\.code.rawValue) == ["FW2004", "FW2001", "FW2002"])
    }

    @Test func ruleIdsAreUniqueAndShort() {
        let long = String(repeating: "x", count: 256)
        let text = spec("""
              - id: archive
                expiration: { days: 1 }
              - id: ⟨dup⟩archive
                expiration: { days: 2 }
              - id: ⟨long⟩\(long)
                expiration: { days: 3 }
              - id: \(String(repeating: "y", count: 255))
                expiration: { days: 4 }
        """)
        #expect(check(text) == ["FW4109@dup", "FW4110@long"])
    }

    @Test func atMostOneThousandRules() {
        let rules = (1...1_001).map { "      - \($0 == 1_001 ? "⟨extra⟩" : ""){ id: r\($0), expiration: { days: \($0) } }" }
        #expect(check(spec(rules.joined(separator: "\n"))) == ["FW4111@extra"])
        let thousand = (1...1_000).map { "      - { id: r\($0), expiration: { days: \($0) } }" }.joined(separator: "\n")
        #expect(check(spec(thousand)) == [])
    }

    @Test func everyViolationIsReportedInOneRun() {
        let text = spec("""
              - id: a
                transitions:
                  - { days: 5, storageClass: STANDARD_IA }
                  - { days: 6, storageClass: COLD }
                expiration: { days: 6 }
              - id: a
        """)
        #expect(Set(check(text).map { String($0.prefix(6)) }) == ["FW4102", "FW4100", "FW4107", "FW4108", "FW4109"])
    }

    @Test func codesAreDistinctAndInTheirRange() {
        let codes = DiagnosticCode.allLifecycleCodes.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0 >= "FW4100" && $0 <= "FW4149" })
    }
}
