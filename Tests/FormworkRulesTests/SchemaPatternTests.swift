import FormworkFacts
import Testing
@testable import FormworkRules

/// `SchemaPattern`, the matcher for the schemas' own regular expressions.
@Suite struct SchemaPatternTests {
    private func search(_ pattern: String, _ text: String) -> Bool? { SchemaPattern(pattern)?.search(text) }

    @Test func readsTheSchemasPlainSyntax() {
        #expect(search(#"^[\w\-]+$"#, "my-function_1") == true)
        #expect(search(#"^[\w\-]+$"#, "my function") == false)
        #expect(search(#"^#[A-F0-9]{6}$"#, "#A0B1C2") == true)
        #expect(search(#"^#[A-F0-9]{6}$"#, "#A0B1C") == false)
        #expect(search(#"^[0-9]{12}$"#, "123456789012") == true)
        #expect(search(#"^(?!aws:)[a-zA-Z+-=._:/]+$"#, "aws:name") == false)
        #expect(search(#"^(?!aws:)[a-zA-Z+-=._:/]+$"#, "team:name") == true)
        #expect(search(#"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"#, "Équipe 7") == true)
        #expect(search(#"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"#, "a;b") == false)
        #expect(search(#"\S"#, "  x ") == true, "unanchored: anywhere")
        #expect(search(#"\S"#, "   ") == false)
        #expect(search(#"^(ab|cd){2,3}$"#, "abcdab") == true)
        #expect(search(#"^(ab|cd){2,3}$"#, "ab") == false)
        #expect(search(#"^a.c$"#, "a\nc") == false, ". does not match a line feed")
        #expect(search(#"^abc$"#, "abc\n") == true, "$ matches before a final line feed, as in Python")
        #expect(search(#"^abc\Z"#, "abc\n") == false)
    }

    @Test func leavesWhatItDoesNotReadToRegex() {
        #expect(SchemaPattern(#"(?<=a)b"#) == nil)
        #expect(SchemaPattern(#"(?i)abc"#) == nil)
        #expect(SchemaPattern(#"(a)\1"#) == nil)
        #expect(SchemaPattern(#"[[:alpha:]]"#) == nil)
        #expect(SchemaPattern(#"a)"#) == nil)
        #expect(SchemaPatterns.matches(#"(?i)^abc$"#, "ABC") == true)
    }

    @Test func aHostileValueIsBoundedNotSlow() {
        let evil = SchemaPattern(#"^(a|aa)+$"#)
        #expect(evil?.search(String(repeating: "a", count: 5_000) + "b") == nil)
        #expect(search(#"^[a-z]+$"#, String(repeating: "a", count: 100_000)) == true)
    }

    /// Over every pattern of the schemas it reads, it agrees with Swift's
    /// `Regex` on a set of values (none ending in a line feed, where the two
    /// read `$` differently).
    @Test func agreesWithRegexOnEverySchemaPattern() throws {
        let samples = [
            "", "a", "abc", "ABC-123_x", "arn:aws:s3:::bucket/key", "123456789012", "hello world", "#A1B2C3",
            "aws:tag", "x.y/z=+@", "日本語", "a\tb", "-", "_", "1.2.3", "Enabled", "https://example.com/p?x=1",
            "  ", "UPPER", "lower-case", ".", "foo..bar", "sg-0123456789abcdef0", "us-east-1", "10.0.0.0/16",
            "arn:aws:iam::123456789012:role/service-role/x", "{\"a\": 1}", "a\nb",
        ]
        var patterns = Set<String>()
        for type in ResourceSchemas.typeNames {
            let schema = try #require(ResourceSchemas.schema(for: type))
            var stack: [SchemaNode] = schema.propertyNames.compactMap(schema.property)
            var seen = 0
            while let node = stack.popLast(), seen < 2_000 {
                seen += 1
                if let pattern = node.pattern { patterns.insert(pattern) }
                stack += Array(node.properties.values) + node.anyOf + node.oneOf + node.allOf + node.prefixItems
                if let items = node.items { stack.append(items) }
                if let ref = node.ref, let target = schema.definition(ref), seen < 500 { stack.append(target) }
            }
        }
        #expect(patterns.count > 1_000)
        var read = 0
        var disagreements: [String] = []
        for pattern in patterns.sorted() {
            guard let own = SchemaPattern(pattern), let regex = try? Regex(pattern).matchingSemantics(.unicodeScalar)
            else { continue }
            read += 1
            for sample in samples {
                let expected = (try? regex.firstMatch(in: sample)) != nil
                if let got = own.search(sample), got != expected {
                    disagreements.append("\(pattern) on \(sample.debugDescription): \(got), Regex \(expected)")
                }
            }
        }
        #expect(read > 1_000)
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20).joined(separator: "\n"))")
    }
}
