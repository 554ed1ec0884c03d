import Dispatch
import Foundation

/// Chunks of lines handed to a fixed number of lanes (threads), each with its own
/// `LineEvaluator`, and their outputs handed back by sequence number. A lane takes the
/// next chunk as soon as it is free, so no lane waits for a slower one; the caller
/// takes the outputs in order.
///
/// Unchecked, because lanes wait for chunks and the caller for outputs, which needs a
/// condition variable (`Mutex` has none). The invariant: `waiting`, `outputs` and `closed`
/// are read and written only inside `condition.withLock`; `lanes` is only entered and
/// waited on, which `DispatchGroup` makes safe.
final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    /// Chunks waiting for a lane, oldest first (guarded by `condition`).
    private var waiting: [(sequence: Int, chunk: LineChunk)] = []
    private var outputs: [Int: BatchRunner.ChunkOutput] = [:]
    private var closed = false
    private let lanes = DispatchGroup()

    /// `inputs` takes back each chunk's bytes once evaluated.
    init(lanes count: Int, inputs: BufferPool, make: @escaping @Sendable () -> LineEvaluator) {
        for _ in 0 ..< count {
            DispatchQueue.global().async(group: lanes) { [self] in
                // Each lane makes and owns its evaluator: nothing it reads at every line
                // is shared with another core.
                var evaluator = make()
                while case (let sequence, var chunk)? = take() {
                    let output = evaluator.evaluate(chunk)
                    inputs.give(&chunk.bytes)
                    condition.withLock {
                        outputs[sequence] = output
                        condition.broadcast()
                    }
                }
            }
        }
    }

    func submit(_ chunk: LineChunk, sequence: Int) {
        condition.withLock {
            waiting.append((sequence, chunk))
            condition.broadcast()
        }
    }

    /// The output of chunk `sequence`, once a lane has made it.
    func output(sequence: Int) -> BatchRunner.ChunkOutput {
        condition.withLock {
            while outputs[sequence] == nil { condition.wait() }
            return outputs.removeValue(forKey: sequence)!
        }
    }

    /// Stops the lanes (chunks not yet taken are dropped) and waits for them.
    func close() {
        condition.withLock {
            closed = true
            waiting.removeAll()
            condition.broadcast()
        }
        lanes.wait()
    }

    /// The next chunk for a lane; nil once closed.
    private func take() -> (Int, LineChunk)? {
        condition.withLock {
            while waiting.isEmpty, !closed { condition.wait() }
            guard !closed else { return nil }
            return waiting.removeFirst()
        }
    }
}
