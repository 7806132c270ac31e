import Testing
@testable import FormworkFacts

/// The embedded resource schemas (scripts/schemas.py → CFormworkSchemas).
@Suite struct ResourceSchemasTests {
    @Test func holdsEveryTypeOfThePinnedCfnLint() throws {
        #expect(ResourceSchemas.source == "cfn-lint-1.51.0-us-east-1")
        #expect(ResourceSchemas.count == 1585)
        let names = ResourceSchemas.typeNames
        #expect(names.count == 1585 && names == names.sorted())
        #expect(ResourceSchemas.contains("AWS::SNS::Topic"))
        #expect(!ResourceSchemas.contains("AWS::SNS::Topc"))
        #expect(!ResourceSchemas.contains("AWS::SNS::Topi"))
        #expect(!ResourceSchemas.contains(""))
        // The first and last names of the index are found too.
        #expect(ResourceSchemas.contains(names[0]) && ResourceSchemas.contains(names[names.count - 1]))
    }

    @Test func customTypesAndModulesNeedNoSchema() {
        #expect(ResourceSchemas.isSchemaless("Custom::Thumbnailer"))
        #expect(ResourceSchemas.isSchemaless("Acme::Network::Vpc::MODULE"))
        #expect(!ResourceSchemas.isSchemaless("AWS::SNS::Topic"))
    }

    @Test func aQueueSchemaHasItsPropertiesRangesAndAttributes() throws {
        let queue = try #require(ResourceSchemas.schema(for: "AWS::SQS::Queue"))
        #expect(queue === ResourceSchemas.schema(for: "AWS::SQS::Queue"), "parsed once and kept")
        let timeout = try #require(queue.property("VisibilityTimeout"))
        #expect(timeout.types == ["integer"] && timeout.minimum == 0 && timeout.maximum == 43200)
        #expect(queue.readOnly == ["Arn", "QueueUrl"])
        #expect(queue.createOnly.contains("FifoQueue"))
        #expect(queue.primaryIdentifier == ["QueueUrl"])
        #expect(queue.attributes.contains("Arn") && queue.attributes.contains("QueueUrl"))
        #expect(queue.tagging == .init(property: "Tags", shape: .keyValueList))
        #expect(!queue.allowsOtherProperties)
        let tags = try #require(queue.property("Tags")?.items)
        let tag = try #require(queue.resolve(tags))
        #expect(tag.required.sorted() == ["Key", "Value"])
    }

    @Test func tagShapesAndPropertiesComeFromTheSchemas() throws {
        #expect(ResourceSchemas.schema(for: "AWS::SSM::Parameter")?.tagging == .init(property: "Tags", shape: .map))
        #expect(ResourceSchemas.schema(for: "AWS::Cognito::UserPool")?.tagging == .init(property: "UserPoolTags", shape: .map))
        #expect(ResourceSchemas.schema(for: "AWS::Events::EventBus")?.tagging?.shape == .keyValueList)
        #expect(ResourceSchemas.schema(for: "AWS::Lambda::Permission")?.tagging == nil)
    }

    @Test func definitionsAreReachedByRefAndPrefixItems() throws {
        let table = try #require(ResourceSchemas.schema(for: "AWS::DynamoDB::Table"))
        #expect(table.required.contains("KeySchema"))
        #expect(table.attributes == ["Arn", "StreamArn"])
        let keySchema = try #require(table.definition("KeySchema"))
        #expect(keySchema.types == ["array"])
        #expect(keySchema.prefixItems.first?.properties["KeyType"]?.constValue == .string("HASH"))
        #expect(table.definition("NoSuchDefinition") == nil)
    }

    @Test func recursiveDefinitionsResolveLazily() throws {
        // A WAFv2 statement holds statements (AndStatement → Statements → Statement).
        let rule = try #require(ResourceSchemas.schema(for: "AWS::WAFv2::WebACL"))
        let statement = try #require(rule.definition("Statement"))
        let and = try #require(statement.properties["AndStatement"].flatMap(rule.resolve))
        let inner = try #require(and.properties["Statements"]?.items.flatMap(rule.resolve))
        #expect(inner === statement)
    }

    @Test func theJSONParserReadsEscapesAndRejectsTrailingBytes() {
        func parse(_ text: String) -> SchemaJSON? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { SchemaJSON.parse($0) }
        }
        #expect(parse(#"{"a":[1,-2.5e3,true,null,"x\"\\\/\n\u00e9\ud83d\ude00"]}"#)
            == .object([("a", .array([.number(1), .number(-2500), .bool(true), .null, .string("x\"\\/\né😀")]))]))
        #expect(parse(#"{"a":1} x"#) == nil)
        #expect(parse(#"{"a":"#) == nil)
        #expect(parse(#"[1,]"#) == nil)
    }
}
