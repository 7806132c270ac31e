/// Amazon CloudWatch alarm facts: the metrics the alarms `alarms:` makes
/// watch, and the defaults Formwork gives them.
package enum CloudWatch {
    package static let alarmType = "AWS::CloudWatch::Alarm"

    /// The period every generated alarm evaluates, in seconds. Lambda sends
    /// its function metrics and SQS its queue metrics to CloudWatch every
    /// minute.
    /// Source: AWS Lambda Developer Guide, "Types of metrics for Lambda
    /// functions"; Amazon SQS Developer Guide, "Available CloudWatch metrics
    /// for Amazon SQS" (metrics collected every one minute).
    package static let period = 60

    /// `periods:` (`EvaluationPeriods`): an alarm's evaluation periods times
    /// its period can be at most one day, 1,440 one-minute periods.
    /// Source: Amazon CloudWatch API Reference, `PutMetricAlarm`
    /// (EvaluationPeriods: "multiplied by Period cannot be more than 86,400 seconds").
    package static let periodsRange = 1...(86_400 / period)

    /// `threshold:`: a count of errors, throttles or messages, or seconds of
    /// age; never negative. (Every alarm fires above it.)
    package static let thresholdRange = 0...Int(Int32.max)

    /// What one generated alarm watches, and its default threshold.
    /// Every alarm is `GreaterThanThreshold` with missing data not breaching
    /// (a function nobody invokes sends no `Errors`; an empty queue's age is
    /// no problem).
    package struct Alarm: Sendable {
        /// The key under `alarms:` and, capitalized, the logical ID's middle (`<Id>ErrorsAlarm`).
        package let key: String
        package let namespace: String
        package let metricName: String
        package let statistic: String
        /// Fires when the statistic is above this for `periods` periods in a row.
        package let threshold: Int
        package let periods: Int
        /// What the threshold counts, as docs and descriptions say it.
        package let unit: String
    }

    /// `Errors` (invocations that ended in a function error), summed each
    /// minute, above 0 for 3 minutes: the AWS recommended alarm's
    /// evaluation periods, and any error worth a look.
    /// Source: Amazon CloudWatch User Guide, "Best practice alarm
    /// recommendations for AWS services" (Lambda Errors: Sum, period 60,
    /// 3 of 3 data points, greater than threshold).
    package static let functionErrors = Alarm(
        key: "errors", namespace: "AWS/Lambda", metricName: "Errors", statistic: "Sum", threshold: 0, periods: 3,
        unit: "errors")

    /// `Throttles` (invocation requests refused for concurrency), summed
    /// each minute, above 0 for 5 minutes: a throttled asynchronous or
    /// polled event is retried, so only throttling that lasts is alarmed.
    /// Source: Amazon CloudWatch User Guide, "Best practice alarm
    /// recommendations for AWS services" (Lambda Throttles: Sum, period 60,
    /// 5 of 5 data points, greater than threshold).
    package static let functionThrottles = Alarm(
        key: "throttles", namespace: "AWS/Lambda", metricName: "Throttles", statistic: "Sum", threshold: 0, periods: 5,
        unit: "throttles")

    /// `ApproximateAgeOfOldestMessage`, its maximum each minute, above
    /// 300 s (5 minutes) for 15 minutes: consumers that have stopped or
    /// fall behind. The recommended alarm's 15 periods; the threshold is
    /// Formwork's, for queues consumed within seconds.
    /// Source: Amazon CloudWatch User Guide, "Best practice alarm
    /// recommendations for AWS services" (SQS ApproximateAgeOfOldestMessage:
    /// Maximum, period 60, 15 of 15 data points); Amazon SQS Developer
    /// Guide, "Available CloudWatch metrics for Amazon SQS".
    package static let queueOldestMessageAge = Alarm(
        key: "oldestMessageAge", namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", statistic: "Maximum",
        threshold: 300, periods: 15, unit: "seconds")

    /// `ApproximateNumberOfMessagesVisible` of a dead-letter queue, its
    /// maximum each minute, above 0 for 1 minute: every message there is
    /// one that failed.
    /// Source: Amazon CloudWatch User Guide, "Best practice alarm
    /// recommendations for AWS services" (SQS ApproximateNumberOfMessagesVisible
    /// on a dead-letter queue); Amazon SQS Developer Guide, "Available
    /// CloudWatch metrics for Amazon SQS".
    package static let deadLetterQueueDepth = Alarm(
        key: "deadLetterQueue", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", statistic: "Maximum",
        threshold: 0, periods: 1, unit: "messages")

    /// A function's alarms, in the order they are generated.
    package static let functionAlarms = [functionErrors, functionThrottles, deadLetterQueueDepth]
    /// A queue's alarms, in the order they are generated.
    package static let queueAlarms = [queueOldestMessageAge, deadLetterQueueDepth]
    /// Every alarm `alarms:` names, once.
    package static let allAlarms = [functionErrors, functionThrottles, queueOldestMessageAge, deadLetterQueueDepth]

    package static let comparisonOperator = "GreaterThanThreshold"
    package static let treatMissingData = "notBreaching"
}
