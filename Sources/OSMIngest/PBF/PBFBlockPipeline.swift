import Foundation

/// Reads and inflates the next blocks of a PBF file on a second thread while the caller decodes the
/// current one: on two cores, inflating zlib blobs costs no wall time. Memory stays bounded: a few
/// block slots circulate between the threads, and the reading thread waits when none is free.
///
/// Blocks come out in file order; an error comes out after the blocks read before it. `stop()` must be
/// called when done (also on early exits): it waits for the reading thread to finish.
final class PBFBlockPipeline: @unchecked Sendable {
    // Everything below is guarded by `condition`, except `reader`, which only the reading thread uses
    // once it has started, and the slot the caller holds.
    private let reader: PBFBlockReader
    private let condition = NSCondition()
    private var free: [PBFBlockSlot]
    private var ready: [(block: PBFBlockReader.Block, slot: PBFBlockSlot)] = []
    private var held: PBFBlockSlot?
    private var failure: OSMError?
    private var ended = false
    private var stopping = false
    private var producerExited = false

    /// `depth` slots: one decoded by the caller, the others read ahead.
    init(_ reader: PBFBlockReader, depth: Int = 3) {
        self.reader = reader
        free = (0..<max(depth, 2)).map { _ in PBFBlockSlot() }
        let thread = Thread { [self] in produce() }
        thread.name = "lifecircle.pbf-reader"
        thread.start()
    }

    private func produce() {
        while true {
            condition.lock()
            while free.isEmpty && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                break
            }
            let slot = free.removeLast()
            condition.unlock()

            let outcome: Result<PBFBlockReader.Block?, OSMError>
            do throws(OSMError) {
                outcome = .success(try reader.next(into: slot))
            } catch {
                outcome = .failure(error)
            }
            condition.lock()
            var done = true
            switch outcome {
            case .success(let block?):
                ready.append((block, slot))
                done = false
            case .success(nil):
                ended = true
            case .failure(let error):
                failure = error
            }
            condition.broadcast()
            condition.unlock()
            if done { break }
        }
        condition.lock()
        producerExited = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next block, or nil at the end of the file. The block before it is given up.
    func next() throws(OSMError) -> PBFBlockReader.Block? {
        condition.lock()
        defer { condition.unlock() }
        if let slot = held {
            free.append(slot)
            held = nil
            condition.broadcast()
        }
        while ready.isEmpty && !ended && failure == nil { condition.wait() }
        if !ready.isEmpty {
            let (block, slot) = ready.removeFirst()
            held = slot
            return block
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread and waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !producerExited { condition.wait() }
        condition.unlock()
    }
}
