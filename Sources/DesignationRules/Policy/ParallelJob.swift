import Dispatch
import Foundation

/// A piece of work that needs nothing from the others run beside it, with a rough cost
/// (any unit, as long as the jobs run together share it) so that the longest start first.
struct ParallelJob<Result: Sendable>: Sendable {
    var cost: Int
    var run: @Sendable () -> Result
}

/// Runs the jobs on every core and returns their results in the jobs' order, whatever
/// order they finished in.
///
/// The costliest start first, so that a long job does not start last while the other
/// cores have nothing left to do. Each job is let go by the core that ran it, so what it
/// alone holds (a parsed file, say) is freed there too, not afterwards on the caller's:
/// pass the jobs with `consume`, since a copy left with the caller keeps them alive until
/// the caller lets go of it, and it then frees them alone while the other cores wait.
func runInParallel<Result: Sendable>(_ jobs: consuming [ParallelJob<Result>]) -> [Result] {
    let count = jobs.count
    if count <= 1 { return jobs.map { $0.run() } }
    let order = jobs.indices.sorted { jobs[$0].cost > jobs[$1].cost }
    let pending = ResultSlots<@Sendable () -> Result>(count: count)
    for (index, job) in jobs.enumerated() { pending[index] = job.run }
    jobs = []
    let results = ResultSlots<Result>(count: count)
    // Dispatch hands out the iterations in increasing order, so iteration k runs the
    // k-th costliest job.
    DispatchQueue.concurrentPerform(iterations: count) { iteration in
        let index = order[iteration]
        let run = pending[index]!
        pending[index] = nil
        results[index] = run()
    }
    return results.takeValues()
}

/// A value that moves from one job to a later one and is never used by two threads at
/// once: `runInParallel` returns only once its jobs are done, which orders the handover.
struct Handover<Value>: @unchecked Sendable {
    var value: Value
}

/// Fixed slots that parallel workers fill, one each, without sharing anything else.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    /// The values, moved out rather than copied (each copy of a result counts a
    /// reference to every part of it), leaving the slots empty.
    func takeValues() -> [Value] {
        lock.withLock {
            var values: [Value] = []
            values.reserveCapacity(slots.count)
            for index in slots.indices { values.append(slots[index].take()!) }
            return values
        }
    }
}
