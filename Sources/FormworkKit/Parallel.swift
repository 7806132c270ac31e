#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// glibc's sched_getaffinity(2), which its module map leaves out (it is a GNU extension).
@_silgen_name("sched_getaffinity")
private func affinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif

/// Work spread over threads, its results taken in order: what lets a
/// directory of specs compile on every core and still print exactly what a
/// serial run prints.
package enum Parallel {
    /// The cores this process may run on (its affinity mask, as `nproc`
    /// counts them), at least 1.
    package static var availableCores: Int {
        #if os(Linux)
        var mask = [UInt64](repeating: 0, count: 16)  // a cpu_set_t: 1,024 CPUs
        if mask.withUnsafeMutableBytes({ affinity(0, $0.count, $0.baseAddress!) }) == 0 {
            let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
            if count > 0 { return count }
        }
        #endif
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// Runs `work` for each index of `0..<count` on up to `jobs` threads,
    /// and hands each result to `consume` on the calling thread, in index
    /// order, as soon as it and those before it are done. With one job or
    /// one index no thread is started.
    package static func forEachInOrder<Result: Sendable>(
        count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Result, consume: (Int, Result) -> Void
    ) {
        let threads = min(jobs, count)
        guard threads > 1 else {
            for index in 0..<count { consume(index, work(index)) }
            return
        }
        let queue = WorkQueue<Result>(count: count, work: work)
        var started: [pthread_t] = []
        for _ in 0..<threads {
            if let thread = startThread({ queue.work() }) { started.append(thread) }
        }
        if started.isEmpty { queue.work() }  // no thread could start: do it here
        for index in 0..<count { consume(index, queue.take(index)) }
        for thread in started { pthread_join(thread, nil) }
    }
}

/// What a thread runs, passed through pthread_create's context pointer.
private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Starts a thread running `body`; nil when none can start. Its stack is as
/// large as the main thread's usually is, so a deep spec fails or passes
/// alike on either.
private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 64 << 20)
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, &attributes, { context in
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    guard status == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
    }
    return thread
}

/// Indices handed out one at a time under a lock, results kept until taken.
private final class WorkQueue<Result: Sendable>: @unchecked Sendable {
    private let count: Int
    private let run: @Sendable (Int) -> Result
    private var next = 0
    private var results: [Result?]
    // Guarded by `mutex`: `next` and `results`. Heap-allocated, as pthread
    // objects must not move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(count: Int, work: @escaping @Sendable (Int) -> Result) {
        self.count = count
        self.run = work
        self.results = Array(repeating: nil, count: count)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(done, nil)
    }

    deinit {
        pthread_cond_destroy(done)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        done.deallocate()
    }

    /// Takes indices and runs them until none is left.
    func work() {
        while true {
            pthread_mutex_lock(mutex)
            let index = next
            next += 1
            pthread_mutex_unlock(mutex)
            guard index < count else { return }
            let result = run(index)
            pthread_mutex_lock(mutex)
            results[index] = result
            pthread_cond_broadcast(done)
            pthread_mutex_unlock(mutex)
        }
    }

    /// Waits for the result at `index` and takes it out of the queue.
    func take(_ index: Int) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while results[index] == nil { pthread_cond_wait(done, mutex) }
        let result = results[index]!
        results[index] = nil
        return result
    }
}
