import Foundation

/// What one lane needs to evaluate lines, made once and kept for the whole run: its own
/// worker (with its own copy of the program), decoders and writer, so that nothing read
/// at every line is shared between cores.
struct LineEvaluator {
    private var worker: DecisionWorker
    /// For each text the region extends, a worker of its own, for the lines it governs
    /// (the region's own text not being in force on the day that decides).
    private var ancestors: [DecisionWorker]
    private let decoder: ProfileDecoder
    private let writer: DecisionWriter
    /// Where a chunk's output array comes from (`BatchRunner` gives it back once written).
    private let outputs: BufferPool
    /// The decision of the line at hand, kept so that its lists keep their room.
    private var decision = Decision()

    init(vocabulary: Vocabulary, evaluator: Evaluator, asOf: CivilDate, outputs: BufferPool) {
        self.outputs = outputs
        worker = DecisionWorker(evaluator: evaluator, asOf: asOf, vocabulary: vocabulary)
        ancestors = evaluator.ancestors.map { DecisionWorker(evaluator: $0, asOf: asOf, vocabulary: vocabulary) }
        decoder = ProfileDecoder(vocabulary: vocabulary, asOf: asOf)
        writer = DecisionWriter(evaluator: evaluator)
    }

    mutating func evaluate(_ chunk: LineChunk) -> BatchRunner.ChunkOutput {
        var output = BatchRunner.ChunkOutput(bytes: outputs.take())
        // A decision record takes about 400 bytes: room for all at once, with no copy as it grows.
        output.bytes.reserveCapacity(chunk.entries.count * 512)
        chunk.bytes.withUnsafeBufferPointer { all in
            for (offset, entry) in chunk.entries.enumerated() {
                let number = chunk.firstNumber + offset
                switch entry {
                case .tooLong(let length):
                    BatchRecord.error(line: number, code: "line-too-long", [
                        Diagnostic(code: "line-too-long", at: nil, "the line has \(length) bytes; a profile line may have at most 1 MiB"),
                    ]).write(compactTo: &output.bytes)
                    output.errors += 1
                case .text(let start, let end):
                    evaluate(UnsafeBufferPointer(rebasing: all[start ..< end]), number: number, into: &output)
                }
                output.bytes.append(UInt8(ascii: "\n"))
                output.lines += 1
            }
        }
        return output
    }

    private mutating func evaluate(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, into output: inout BatchRunner.ChunkOutput) {
        do throws(DiagnosticList) {
            guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
                throw DiagnosticList([Diagnostic(code: "empty-line", at: nil, "the line is empty; expected one JSON profile per line")])
            }
            var profile: Profile?
            if try !worker.load(bytes, source: { FileName.lineName(number) }) {
                profile = try decoder.decode(Array(bytes), source: FileName.lineName(number))
                worker.load(profile!)
            }
            let layer = worker.governingLayer()
            if layer == 0 {
                worker.decide(into: &decision)
            } else {
                try decideUnderAncestor(layer, bytes, profile, number: number)
            }
            output.verdictCounts[Verdict.allCases.firstIndex(of: decision.verdict)!] += 1
            writer.write(line: number, decision, to: &output.bytes)
        } catch {
            output.errors += 1
            writer.writeError(line: number, code: "bad-input", error.diagnostics, to: &output.bytes)
        }
    }

    /// Decides the line under the `layer`-th text the region extends: read again, into
    /// that text's own cells (its rules may read facts the region's do not).
    private mutating func decideUnderAncestor(_ layer: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ profile: Profile?,
                                              number: Int) throws(DiagnosticList) {
        // In place: a copy of the worker would copy its cells at the first change.
        let index = layer - 1
        if let profile {
            ancestors[index].load(profile)
        } else if try !ancestors[index].load(bytes, source: { FileName.lineName(number) }) {
            ancestors[index].load(try decoder.decode(Array(bytes), source: FileName.lineName(number)))
        }
        ancestors[index].decide(into: &decision)
        decision.layer = layer
    }
}
