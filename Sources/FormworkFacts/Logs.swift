/// Amazon CloudWatch Logs facts.
package enum Logs {
    /// The values `RetentionInDays` accepts, in increasing order.
    /// Source: CloudWatch Logs API Reference, "PutRetentionPolicy" (retentionInDays),
    /// and the `AWS::Logs::LogGroup` resource schema bundled with cfn-lint 1.51.0.
    package static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    /// From the shortest retention to the longest.
    package static let retentionDaysRange = retentionDays[0]...retentionDays[retentionDays.count - 1]

    /// Whether `principal` is CloudWatch Logs' service principal in some
    /// region (`logs.us-east-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`),
    /// the one a KMS key's policy lets encrypt log groups.
    /// Source: Amazon CloudWatch Logs User Guide, "Encrypt log data in
    /// CloudWatch Logs using AWS Key Management Service", step 2.
    package static func isServicePrincipal(_ principal: String) -> Bool {
        guard principal.hasPrefix("logs."), principal.hasSuffix(".amazonaws.com") else { return false }
        let region = principal.dropFirst(5).dropLast(14)
        return !region.isEmpty && !region.contains(".")
    }
}
