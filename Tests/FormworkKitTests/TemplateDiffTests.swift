import FormworkCFN
@testable import FormworkKit
import FormworkTestSupport
import Testing

/// `TemplateDiff`: what a deploy of one compiled spec over another does.
@Suite struct TemplateDiffTests {
    static let header = "formwork: 1\nstack: media\n"

    func template(_ resources: String, outputs: String = "") throws -> Template {
        let (template, diagnostics) = Pipeline.compile(Self.header + "resources:\n" + resources + outputs)
        return try #require(template, "\(diagnostics.map(\.message))")
    }

    func diff(_ old: String, _ new: String, oldOutputs: String = "", newOutputs: String = "") throws -> TemplateDiff {
        TemplateDiff.compare(try template(old, outputs: oldOutputs), try template(new, outputs: newOutputs))
    }

    func change(_ diff: TemplateDiff, _ id: String) -> TemplateDiff.ResourceChange? {
        diff.resources.first { $0.logicalId == id }
    }

    @Test func equalSpecsAreEqual() throws {
        let spec = "  jobs: { kind: queue }\n"
        #expect(try diff(spec, spec).isEmpty)
    }

    @Test func aChangeInPlaceReplacesNothing() throws {
        let d = try diff("  jobs: { kind: queue, retentionDays: 4 }\n", "  jobs: { kind: queue, retentionDays: 7 }\n")
        let jobs = try #require(change(d, "Jobs"))
        #expect(jobs.change == .modified && jobs.replacement == .none && !jobs.dataLoss)
        #expect(jobs.properties.map(\.path) == ["/Properties/MessageRetentionPeriod"])
        #expect(!d.hasReplacement && !d.hasDataLoss)
    }

    @Test func aCreateOnlyChangeReplacesAndLosesData() throws {
        let d = try diff("  uploads: { kind: bucket, name: media-a }\n", "  uploads: { kind: bucket, name: media-b }\n")
        let uploads = try #require(change(d, "Uploads"))
        #expect(uploads.replacement == .always && uploads.dataLoss)
        #expect(uploads.properties.first { $0.path == "/Properties/BucketName" }?.replacement == .always)
    }

    @Test func aCreateOnlyChangeToADeployTimeValueIsConditional() throws {
        let old = "  uploads: { kind: bucket, name: media-a }\n"
        let (template, diagnostics) = Pipeline.compile(Self.header + "parameters:\n  env: { type: string, default: dev }\nresources:\n  uploads: { kind: bucket, name: \"media-${env}\" }\n")
        let d = TemplateDiff.compare(try self.template(old), try #require(template, "\(diagnostics.map(\.message))"))
        #expect(change(d, "Uploads")?.replacement == .conditional)
        #expect(change(d, "Uploads")?.dataLoss == false)
    }

    @Test func aRetainedResourceRemovedLosesNothing() throws {
        let d = try diff("  uploads: { kind: bucket, retain: true }\n  jobs: { kind: queue }\n", "  jobs: { kind: queue }\n")
        let uploads = try #require(change(d, "Uploads"))
        #expect(uploads.change == .removed && !uploads.dataLoss)
        let d2 = try diff("  uploads: { kind: bucket }\n  jobs: { kind: queue }\n", "  jobs: { kind: queue }\n")
        #expect(change(d2, "Uploads")?.dataLoss == true)
    }

    @Test func aTypeChangeIsARemovalAndAnAddition() throws {
        let d = try diff("  alerts: { type: AWS::SNS::Topic }\n", "  alerts: { kind: queue }\n")
        #expect(d.resources.filter { $0.logicalId == "Alerts" }.map(\.change.rawValue).sorted() == ["added", "removed"])
    }

    @Test func aRenamedBucketIsCalledARenameAndStillLosesData() throws {
        let d = try diff("  uploads: { kind: bucket }\n", "  incoming: { kind: bucket }\n")
        let old = try #require(d.resources.first { $0.logicalId == "Uploads" })
        #expect(old.change == .removed && old.renamedTo == "Incoming" && old.dataLoss)
        #expect(d.resources.first { $0.logicalId == "Incoming" }?.renamedFrom == "Uploads")
    }

    @Test func aReplacementCascadesThroughCreateOnlyReferences() throws {
        func spec(_ name: String) -> String {
            """
              jobs: { type: AWS::SQS::Queue, properties: { QueueName: \(name) } }
              mapping:
                type: AWS::Lambda::EventSourceMapping
                properties: { EventSourceArn: "${jobs.Arn}", FunctionName: worker }

            """
        }
        let d = try diff(spec("jobs-a"), spec("jobs-b"))
        #expect(change(d, "Jobs")?.replacement == .always)
        let mapping = try #require(change(d, "Mapping"), "\(d.resources.map(\.logicalId))")
        #expect(mapping.replacement == .always && !mapping.dataLoss)
        #expect(mapping.properties.map(\.path) == ["/Properties/EventSourceArn"])
    }

    @Test func aRouteAddedIsARedeploy() throws {
        func spec(_ routes: String) -> String {
            "  api:\n    kind: api\n    stage: v1\n    auth: iam\n    routes:\n\(routes)"
        }
        let d = try diff(spec("      GET /a: { mock: {} }\n"), spec("      GET /a: { mock: {} }\n      GET /b: { mock: {} }\n"))
        let deployments = d.resources.filter { $0.type == "AWS::ApiGateway::Deployment" }
        #expect(deployments.count == 2 && deployments.allSatisfy(\.redeploy))
        #expect(!d.hasDataLoss)
    }

    @Test func aWidenedPermissionIsASecurityChange() throws {
        func spec(_ verb: String) -> String {
            """
              uploads: { kind: bucket }
              thumbs:
                kind: function
                runtime: nodejs22.x
                handler: index.handler
                code: { inline: "exports.handler = async () => 1" }
                permissions: [{ \(verb): uploads }]

            """
        }
        let d = try diff(spec("read"), spec("readWrite"))
        #expect(!d.security.isEmpty)
        #expect(d.security.allSatisfy { $0.kind == "iam-statement" && $0.logicalId == "ThumbsRole" })
    }

    @Test func aRemovedExportIsFlagged() throws {
        let resources = "  jobs: { kind: queue }\n"
        let d = try diff(resources, resources,
                         oldOutputs: "outputs:\n  queueUrl: { value: '${jobs.url}', export: media-jobs }\n")
        #expect(d.removedExports.map(\.name) == ["QueueUrl"])
        let json = DiffJSON.render([("old.yaml", "new.yaml", d)])
        #expect(json.contains("\"export\": \"media-jobs\""))
    }

    @Test func aTemplateReadBackEqualsTheModelItWasWrittenFrom() throws {
        let model = try template("  uploads: { kind: bucket }\n  jobs: { kind: queue }\n")
        let text = JSONWriter.write(model)
        let read = try TemplateReader.read(Array(text.utf8)).get()
        #expect(TemplateDiff.compare(model, read).isEmpty)
    }
}
