#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `--time-passes` measures: the wall time and heap allocations of each
/// phase and rule, summed over the specs of a run. One timer per compile,
/// used by one thread; timers are merged afterwards (`add`).
///
/// A compile without a timer pays a branch per phase and rule
/// (`Optional<PassTimer>.measure`), nothing more.
public final class PassTimer: @unchecked Sendable {
    /// A phase or rule, summed over every time it ran.
    public struct Measure: Sendable, Equatable {
        /// How many times it ran (once per spec that reached it).
        public var runs = 0
        public var nanoseconds: UInt64 = 0
        /// Calls to malloc, calloc and realloc while it ran, on its thread.
        public var allocations: UInt64 = 0
        /// Bytes those calls asked for.
        public var allocatedBytes: UInt64 = 0

        public init() {}

        mutating func add(_ other: Measure) {
            runs += other.runs
            nanoseconds += other.nanoseconds
            allocations += other.allocations
            allocatedBytes += other.allocatedBytes
        }
    }

    /// This thread's allocation counts so far, or nil when they are not
    /// counted (a process that does not count its allocations).
    public typealias AllocationCounter = @Sendable () -> (count: UInt64, bytes: UInt64)

    public private(set) var measures: [String: Measure] = [:]
    private let counter: AllocationCounter?

    public init(allocations counter: AllocationCounter? = nil) {
        self.counter = counter
    }

    /// A new timer that counts allocations as this one does: for work on
    /// another thread, `add`ed to this one once it is done.
    public func makeChild() -> PassTimer { PassTimer(allocations: counter) }

    /// Whether allocations are counted.
    public var countsAllocations: Bool { counter != nil }

    /// Runs `body`, adding its wall time and allocations to `name`.
    public func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let before = counter?()
        let start = Self.now()
        let result = try body()
        let end = Self.now()
        let after = counter?()
        var measure = Measure()
        measure.runs = 1
        measure.nanoseconds = end &- start
        if let before, let after {
            measure.allocations = after.count &- before.count
            measure.allocatedBytes = after.bytes &- before.bytes
        }
        measures[name, default: Measure()].add(measure)
        return result
    }

    /// Adds another timer's measures (a spec compiled on another thread).
    public func add(_ other: PassTimer) {
        for (name, measure) in other.measures { measures[name, default: Measure()].add(measure) }
    }

    /// Nanoseconds on the monotonic clock.
    public static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

extension Optional where Wrapped == PassTimer {
    /// `body`, timed as `name` when there is a timer.
    @inlinable
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        switch self {
        case .some(let timer): try timer.time(name, body)
        case .none: try body()
        }
    }
}
