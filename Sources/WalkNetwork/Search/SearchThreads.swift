import Foundation
import Synchronization

/// Runs independent searches on threads of their own, all at once up to a limit, and waits for them.
///
/// `DispatchQueue.concurrentPerform` runs as many jobs at a time as there are cores, so 3 equal searches on
/// 2 cores take two rounds: the third runs alone while a core idles. Here every job gets its own thread
/// (up to `limit`) and the system shares the cores among them, so the 3 end together after 1.5 searches'
/// time. Each running search holds its own labels (16 B per node), which is why `limit` bounds how many
/// run at once; further jobs wait for a thread to finish.
enum SearchThreads {
    /// Twice the cores: enough to keep every core busy to the end for the usual handful of kinds.
    static var defaultLimit: Int { 2 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `job(0) … job(count − 1)`, run concurrently; results in index order.
    static func run<T: Sendable>(_ count: Int, limit: Int = defaultLimit, _ job: @escaping @Sendable (Int) -> T)
        -> [T]
    {
        guard count > 1 else { return (0..<count).map(job) }
        let threads = min(count, max(1, limit))
        let state = JobState<T>(count: count)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<threads {
            let thread = Thread {
                while let i = state.nextJob() {
                    state.store(job(i), at: i)
                }
                finished.signal()
            }
            thread.start()
        }
        for _ in 0..<threads { finished.wait() }
        return state.results()
    }
}

/// The next job to take and the results so far, shared by the threads of one `SearchThreads.run`.
private final class JobState<T: Sendable>: Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int
    private let slots: Mutex<[T?]>

    init(count: Int) {
        self.count = count
        slots = Mutex([T?](repeating: nil, count: count))
    }

    func nextJob() -> Int? {
        let i = next.add(1, ordering: .relaxed).oldValue
        return i < count ? i : nil
    }

    func store(_ value: sending T, at i: Int) {
        slots.withLock { $0[i] = value }
    }

    /// Every job's result; called once all threads are done, so every slot is filled.
    func results() -> [T] {
        slots.withLock { slots in slots.compactMap { $0 } }
    }
}
