import FormworkDiagnostics
import FormworkKit

/// The `--time-passes` table, as compilers print theirs (LLVM's
/// `-time-passes`, clang's `-ftime-report`): one row per phase in pipeline
/// order, each rule under its phase, with wall time, share of the total,
/// runs and allocations, then the total.
struct PassReport {
    let timer: PassTimer
    let specs: Int
    let jobs: Int
    let wallNanoseconds: UInt64

    /// The command line's own phases, after the compiler's.
    static let commandLinePasses: [(name: String, group: String?)] = [("render", nil), ("write", nil)]

    var text: String {
        let passes = Compiler.timedPasses + Self.commandLinePasses
        let listed = Set(passes.map(\.name))
        let others = timer.measures.keys.filter { !listed.contains($0) }.sorted().map { (name: $0, group: String?.none) }
        let rows = passes + others
        var total = PassTimer.Measure()
        for row in rows where row.group == nil {
            if let measure = timer.measures[row.name] {
                total.nanoseconds += measure.nanoseconds
                total.allocations += measure.allocations
                total.allocatedBytes += measure.allocatedBytes
            }
        }
        total.runs = specs
        let rule = "===" + String(repeating: "-", count: 72) + "==="
        var out = rule + "\n" + Self.centered("Formwork pass timing report", width: rule.count) + "\n" + rule + "\n"
        out += "  \(Self.count(specs, "spec")) on \(Self.count(jobs, "job")) in \(Self.fixed(Double(wallNanoseconds) / 1e9, 3)) s wall clock.\n"
        out += "  Each pass is summed over the specs it ran for, on every job's thread: wall time,\n"
        out += timer.countsAllocations
            ? "  allocations (calls to malloc, calloc and realloc) and the KiB they asked for.\n\n"
            : "  (allocations are not counted on this platform).\n\n"
        out += Self.row("wall [ms]", "% total", "runs", "allocations", "KiB", "pass")
        for row in rows {
            let measure = timer.measures[row.name] ?? PassTimer.Measure()
            out += line(measure, of: total, name: (row.group == nil ? "" : "  ") + row.name)
        }
        out += line(total, of: total, name: "total")
        return out
    }

    private func line(_ measure: PassTimer.Measure, of total: PassTimer.Measure, name: String) -> String {
        let share = total.nanoseconds == 0 ? 0 : Double(measure.nanoseconds) / Double(total.nanoseconds) * 100
        let counted = timer.countsAllocations
        return Self.row(Self.fixed(Double(measure.nanoseconds) / 1e6, 3), Self.fixed(share, 1) + "%", Self.grouped(UInt64(measure.runs)),
                        counted ? Self.grouped(measure.allocations) : "-",
                        counted ? Self.grouped((measure.allocatedBytes + 1023) / 1024) : "-", name)
    }

    private static func row(_ wall: String, _ share: String, _ runs: String, _ allocations: String, _ kib: String,
                            _ name: String) -> String
    {
        "  " + pad(wall, 12) + pad(share, 9) + pad(runs, 8) + pad(allocations, 14) + pad(kib, 12) + "  " + name + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func centered(_ text: String, width: Int) -> String {
        String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
    }

    private static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// `value` with `digits` decimals, without Foundation's formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = UInt64((value * scale).rounded())
        let whole = scaled / UInt64(scale)
        let fraction = String(scaled % UInt64(scale))
        return digits == 0 ? "\(whole)" : "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }
}
