/// Amazon EventBridge schedule expressions: the values and wildcards of each
/// cron field and the units of a rate.
/// Source: Amazon EventBridge User Guide, "Using cron and rate expressions to
/// schedule rules in Amazon EventBridge" and "Cron expressions reference";
/// cfn-lint rule E3027 checks a subset.
package enum EventBridge {
    /// One cron field: its values, names and the wildcards it accepts.
    package struct CronField: Sendable {
        package var name: String
        package var values: ClosedRange<Int>
        /// Names standing for values, the first for `values.lowerBound`.
        package var names: [String] = []
        package var wildcards: String

        package func allows(_ wildcard: Character) -> Bool { wildcards.contains(wildcard) }
    }

    /// The six fields of `cron(...)`, in order.
    package static let cronFields: [CronField] = [
        CronField(name: "minutes", values: 0...59, wildcards: ", - * /"),
        CronField(name: "hours", values: 0...23, wildcards: ", - * /"),
        CronField(name: "day-of-month", values: 1...31, wildcards: ", - * ? / L W"),
        CronField(name: "month", values: 1...12,
                  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
                  wildcards: ", - * /"),
        CronField(name: "day-of-week", values: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
                  wildcards: ", - * ? L #"),
        CronField(name: "year", values: 1970...2199, wildcards: ", - * /"),
    ]

    /// `n` in day-of-week `<day>#<n>`: the n-th such day of the month.
    package static let cronWeekOfMonthRange = 1...5

    /// The units of `rate(<value> <unit>)`: singular for a value of 1, plural otherwise.
    package static let rateUnits = ["minute", "minutes", "hour", "hours", "day", "days"]
}
