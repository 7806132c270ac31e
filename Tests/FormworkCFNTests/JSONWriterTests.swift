@testable import FormworkCFN
import FormworkDiagnostics
import Testing

@Suite struct JSONWriterTests {
    let here = SourceRange(file: "s.yaml", line: 1, column: 1)

    @Test func sectionsAndResourceAttributesInFixedOrderPropertiesSorted() {
        var template = Template(description: "demo")
        template.outputs = [.init("QueueUrl", .object([("Value", .ref("Jobs", here))], here))]
        var queue = Resource(logicalId: "Jobs", type: "AWS::SQS::Queue", properties: [
            ("VisibilityTimeout", .int(30, here)), ("MessageRetentionPeriod", .int(345600, here)),
        ], origin: here)
        queue.deletionPolicy = "Delete"
        queue.dependsOn = ["Other"]
        queue.condition = "IsProd"
        template.append(queue)
        template.parameters = [.init("Env", .object([("Type", .string("String", here)), ("Default", .string("dev", here))], here))]
        #expect(JSONWriter.write(template) == """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "demo",
              "Parameters": {
                "Env": {
                  "Default": "dev",
                  "Type": "String"
                }
              },
              "Resources": {
                "Jobs": {
                  "Type": "AWS::SQS::Queue",
                  "Condition": "IsProd",
                  "DependsOn": [
                    "Other"
                  ],
                  "DeletionPolicy": "Delete",
                  "Properties": {
                    "MessageRetentionPeriod": 345600,
                    "VisibilityTimeout": 30
                  }
                }
              },
              "Outputs": {
                "QueueUrl": {
                  "Value": {
                    "Ref": "Jobs"
                  }
                }
              }
            }

            """)
    }

    /// `--minify`: the same document with no space or line break outside
    /// strings, and a source map with the same pointers and ranges.
    @Test func minifiedIsTheSameDocumentCompactWithTheSameMap() throws {
        let other = SourceRange(file: "s.yaml", line: 3, column: 5)
        var template = Template(description: "a b")
        template.parameters = [.init("Env", .object([("Type", .string("String", here))], here))]
        var queue = Resource(logicalId: "Jobs", type: "AWS::SQS::Queue", properties: [
            ("Tags", .array([.object([("Key", .string("k v", other)), ("Value", .string("x\ny", other))], other)], other)),
            ("Empty", .array([], here)), ("None", .object([], here)),
        ], origin: here)
        queue.dependsOn = ["Other"]
        template.append(queue)
        let pretty = JSONWriter.emit(template)
        let minified = JSONWriter.emit(template, minify: true)
        #expect(minified.text == #"{"AWSTemplateFormatVersion":"2010-09-09","Description":"a b","Parameters":{"Env":{"Type":"String"}},"#
            + #""Resources":{"Jobs":{"Type":"AWS::SQS::Queue","DependsOn":["Other"],"Properties":{"Empty":[],"None":{},"#
            + #""Tags":[{"Key":"k v","Value":"x\ny"}]}}}}"# + "\n")
        let prettyMap = try #require(pretty.sourceMap).entries.map { "\($0.pointer) \($0.range)" }
        let minifiedMap = try #require(minified.sourceMap).entries.map { "\($0.pointer) \($0.range)" }
        #expect(!prettyMap.isEmpty)
        #expect(minifiedMap == prettyMap)
        #expect(JSONWriter.write(template, minify: true) == minified.text)
        #expect(JSONWriter.compactByteCount(of: pretty.text) == minified.text.utf8.count)
    }

    /// The compact size counted from pretty text is what `--minify` writes, escapes and spaces in strings included.
    @Test func compactByteCountIsTheMinifiedSize() {
        var template = Template(description: #"say "hi" \ bye"#)
        template.outputs = [.init("Out", .object([("Value", .string("a \" b\n  c", here))], here))]
        #expect(JSONWriter.compactByteCount(of: JSONWriter.write(template)) == JSONWriter.write(template, minify: true).utf8.count)
    }

    @Test func resourcesKeepModelOrder() {
        var template = Template()
        for id in ["Zeta", "Alpha"] { template.append(Resource(logicalId: id, type: "AWS::SNS::Topic", properties: [], origin: here)) }
        let json = JSONWriter.write(template)
        let ids = json.split(separator: "\n").filter { $0.hasSuffix(": {") }.map { $0.trimmingPrefix(while: { $0 == " " }) }
        #expect(ids == ["\"Resources\": {", "\"Zeta\": {", "\"Alpha\": {"])
        #expect(!json.contains("Properties"))
    }

    @Test func escapesEveryControlAndSeparatorCharacter() {
        var out = ""
        JSONWriter.writeString("a\"b\\c\n\t\u{01}\u{7F}\u{2028}é😀", into: &out)
        #expect(out == #""a\"b\\c\n\t\u0001\u007f\u2028é😀""#)
    }

    /// Each character that needs an escape, at every offset of a long ASCII
    /// run (the writer skips eight bytes at a time where none does), is
    /// escaped as the scalar-by-scalar rule says.
    @Test func escapesAtEveryOffsetOfALongRun() {
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let base = "abcdefghijklmnopqrstuvwxyz0123456789"
        for special in ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "é", "€", "😀", "\u{2027}", " ", "~"] {
            for offset in 0...base.count {
                let s = String(base.prefix(offset)) + special + String(base.dropFirst(offset)) + special
                var out = ""
                JSONWriter.writeString(s, into: &out)
                #expect(out == reference(s), "\(special) at \(offset)")
            }
        }
    }

    @Test func emptyContainers() {
        #expect(JSONWriter.write(.object([("A", .array([], here)), ("B", .object([], here))], here)) == """
            {
              "A": [],
              "B": {}
            }
            """)
    }

    @Test func escapesAsTheScalarWriterDid() {
        func written(_ s: String) -> String {
            var out = ""
            JSONWriter.writeString(s, into: &out)
            return out
        }
        // Every control character: the five with names by name, the rest as lowercase \u00XX.
        #expect(written("\u{00}\u{07}\u{08}\u{09}\u{0A}\u{0B}\u{0C}\u{0D}\u{1B}\u{1F} ")
            == #""\u0000\u0007\b\t\n\u000b\f\r\u001b\u001f ""#)
        #expect(written("\u{2029}x\u{2028}") == #""\u2029x\u2028""#)
        // Other characters whose UTF-8 starts like U+2028 (E2 80 ..) or ends a string are written as they are.
        #expect(written("\u{2027}\u{202A}€…\u{2030}") == "\"\u{2027}\u{202A}€…\u{2030}\"")
        #expect(written("ab€") == "\"ab€\"")
        #expect(written("") == #""""#)
        #expect(written(#"\\"#) == #""\\\\""#)
        // Long runs either side of an escape are copied whole.
        let run = String(repeating: "abcé", count: 50)
        #expect(written(run + "\"" + run) == "\"" + run + "\\\"" + run + "\"")
    }

    @Test func keysAreSortedByTheirBytesAndTiesKeepTheirOrder() {
        let value = TemplateValue(.object([
            .init("b", .int(1, here)), .init("B", .int(2, here)), .init("a", .int(3, here)),
            .init("é", .int(4, here)), .init("a", .int(5, here)), .init("Z", .int(6, here)),
        ]), origin: here)
        #expect(JSONWriter.write(value) == """
            {
              "B": 2,
              "Z": 6,
              "a": 3,
              "a": 5,
              "b": 1,
              "é": 4
            }
            """)
    }

    @Test func nestedIndentationPastSixtyFourLevels() {
        var value = TemplateValue.string("x", here)
        for _ in 0..<70 { value = .array([value], here) }
        let lines = JSONWriter.write(value).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 141)
        for depth in 0..<70 {
            #expect(lines[depth] == String(repeating: "  ", count: depth) + "[")
            #expect(lines[140 - depth] == String(repeating: "  ", count: depth) + "]")
        }
        #expect(lines[70] == String(repeating: "  ", count: 70) + "\"x\"")
    }

    @Test func minifiedNestingAndEmptyContainers() {
        var template = Template()
        var resource = Resource(logicalId: "R", type: "AWS::SNS::Topic", properties: [
            ("Z", .object([("y", .array([.object([], here), .array([], here), .bool(true, here)], here)),
                           ("x", .init(.null, origin: here))], here)),
            ("A", .string("\u{7F}", here)),
        ], origin: here)
        resource.metadata = .object([("M", .object([], here))], here)
        resource.updateReplacePolicy = "Retain"
        template.append(resource)
        #expect(JSONWriter.write(template, minify: true) == #"{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"R":{"#
            + #""Type":"AWS::SNS::Topic","UpdateReplacePolicy":"Retain","Metadata":{"M":{}},"#
            + #""Properties":{"A":"\u007f","Z":{"x":null,"y":[{},[],true]}}}}}"# + "\n")
    }

    /// Whitespace outside strings is not counted; inside them every byte is,
    /// an escaped quote or backslash included, and an unterminated string runs to the end.
    @Test func compactByteCountSkipsOnlyWhitespaceBetweenTokens() {
        #expect(JSONWriter.compactByteCount(of: "{ \"a b\" :\n\t[ 1 ,\r 2 ] }\n") == #"{"a b":[1,2]}"#.utf8.count + 1)
        #expect(JSONWriter.compactByteCount(of: #" "a\\" , "b\" c" "#) == #""a\\","b\" c""#.utf8.count + 1)
        #expect(JSONWriter.compactByteCount(of: #"[ "a  b"#) == #"["a  b"#.utf8.count + 1)
        #expect(JSONWriter.compactByteCount(of: #"[ "a \"#) == #"["a \"#.utf8.count + 1)
        #expect(JSONWriter.compactByteCount(of: "") == 1)
    }

    /// With a limit the count is exact up to it, and over it past it, whatever the limit.
    @Test func compactByteCountUpToALimit() {
        let text = "{ \"a b\" :\n\t[ 1 ,\r 2 ] }\n"
        let exact = JSONWriter.compactByteCount(of: text)
        for limit in 0...exact + 2 {
            let count = JSONWriter.compactByteCount(of: text, limit: limit)
            if exact <= limit { #expect(count == exact) } else { #expect(count > limit) }
        }
    }
}
