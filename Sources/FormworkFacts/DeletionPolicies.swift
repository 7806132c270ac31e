/// What a stack's deletion, or a replacement, loses, and what
/// `DeletionPolicy` can keep of it.
package enum DeletionPolicies {
    /// The types that hold data a delete or a replacement loses; each gets an
    /// explicit `DeletionPolicy` and `UpdateReplacePolicy` (`Delete`, or
    /// `Retain` with `retain: true`). The schemas cannot tell what a resource
    /// holds, so this list is Formwork's reading of each service's guide: a
    /// type is here when deleting it deletes stored items (objects, rows,
    /// messages, log events, images, secrets, keys and what they encrypt,
    /// file systems, disks, databases, streams).
    package static let stateful: Set<String> = [
        "AWS::S3::Bucket", "AWS::S3Express::DirectoryBucket", "AWS::S3Tables::TableBucket",
        "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
        "AWS::SQS::Queue", "AWS::Logs::LogGroup", "AWS::KMS::Key", "AWS::ECR::Repository",
        "AWS::SecretsManager::Secret", "AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream",
        "AWS::EFS::FileSystem", "AWS::FSx::FileSystem", "AWS::EC2::Volume",
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster",
        "AWS::Redshift::Cluster", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
        "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain", "AWS::Cognito::UserPool",
        "AWS::Backup::BackupVault", "AWS::Timestream::Table", "AWS::QLDB::Ledger", "AWS::Glacier::Vault",
        "AWS::CodeCommit::Repository", "AWS::MemoryDB::Cluster",
    ]

    /// The types `DeletionPolicy: Snapshot` (and `UpdateReplacePolicy: Snapshot`) applies to.
    /// Source: AWS CloudFormation User Guide, "DeletionPolicy attribute" (Snapshot).
    package static let snapshot: Set<String> = [
        "AWS::DocDB::DBCluster", "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
    ]

    /// Properties whose change replaces the resource that its resource
    /// schema does not list as create-only (the provider updates them by
    /// replacing the resource). Source: AWS CloudFormation Template
    /// Reference, each property's "Update requires: Replacement"
    /// (AWS::DynamoDB::Table `KeySchema` and `LocalSecondaryIndexes`).
    package static let replacingBeyondSchema: [String: Set<String>] = [
        "AWS::DynamoDB::Table": ["KeySchema", "LocalSecondaryIndexes"],
    ]

    /// The top-level properties of `type` whose change replaces the resource.
    package static func replacing(_ type: String) -> Set<String> {
        (ResourceSchemas.schema(for: type)?.createOnly ?? []).union(replacingBeyondSchema[type] ?? [])
    }
}
