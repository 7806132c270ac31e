import FormworkFacts
import Testing

@Suite struct S3Tests {
    @Test func theStorageClassTableFollowsTheWaterfall() {
        #expect(S3.StorageClass.allCases.map(\.rawValue) == [
            "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE",
        ])
        #expect(S3.StorageClass.minimumStay(from: .standardIA, to: .glacier) == 30)
        #expect(S3.StorageClass.minimumStay(from: .oneZoneIA, to: .deepArchive) == 30)
        #expect(S3.StorageClass.minimumStay(from: .standardIA, to: .oneZoneIA) == 30)
        #expect(S3.StorageClass.minimumStay(from: .standardIA, to: .glacierIR) == 0)
        #expect(S3.StorageClass.minimumStay(from: .intelligentTiering, to: .glacier) == 0)
    }

    @Test func aWildcardOverlapsItsFamilyOnly() {
        #expect(S3.eventTypesOverlap("s3:ObjectCreated:*", "s3:ObjectCreated:Put"))
        #expect(S3.eventTypesOverlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Put"))
        #expect(!S3.eventTypesOverlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Post"))
        #expect(!S3.eventTypesOverlap("s3:ObjectCreated:*", "s3:ObjectRemoved:*"))
        #expect(Set(S3.eventTypes).count == S3.eventTypes.count)
    }

    @Test func bucketNameCharacters() {
        #expect("a0.-".unicodeScalars.allSatisfy(S3.isBucketNameCharacter))
        #expect(!"A_".unicodeScalars.contains(where: S3.isBucketNameCharacter))
        #expect(!"-.".unicodeScalars.contains(where: S3.isBucketNameEdgeCharacter))
    }
}
