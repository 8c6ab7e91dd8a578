/// Reads a whole PBF file: the header block first (checking its required features), then each data
/// block in turn, decoded straight to the visitor.
struct PBFFileReader {
    private let file: InputFile

    init(_ file: InputFile) {
        self.file = file
    }

    func read<V: OSMElementVisitor>(
        into visitor: inout V, options: OSMReadOptions, progress: inout ProgressThrottle, headerOnly: Bool
    ) throws -> OSMFileHeader {
        let path = file.path
        // The header block is read here; the data blocks on a second thread, ahead of decoding.
        let reader = PBFBlockReader(file)
        let headerSlot = PBFBlockSlot()
        guard let first = try reader.next(into: headerSlot) else { throw OSMError(.notOSM, file: path, "is empty") }
        guard first.type == "OSMHeader" else {
            throw OSMError(.notOSM, file: path, "is not an OSM PBF file (its first block is \"\(first.type)\")")
        }
        let header: OSMFileHeader
        do throws(WireError) {
            header = try withExtendedLifetime(headerSlot) { () throws(WireError) in
                try PBFFeatures.decodeHeader(first.data)
            }
        } catch {
            throw OSMError(error, file: path, block: first)
        }
        try PBFFeatures.check(header.requiredFeatures, file: path, at: first.location)
        if headerOnly { return header }

        let blocks = PBFBlockPipeline(reader)
        defer { blocks.stop() }
        var decoder = PrimitiveBlockDecoder()
        let stopAfterNodes = header.isSortedByTypeThenID && options.wantsOnlyNodes
        var finalOffset = first.endOffset
        while let block = try blocks.next() {
            if block.type == "OSMHeader" {
                throw OSMError(.malformed, file: path, at: block.location, "a second header block")
            }
            guard block.type == "OSMData" else { continue }  // the format says to skip unknown blocks
            let contents: PrimitiveBlockDecoder.Contents
            do {
                contents = try decoder.decode(block.data, options: options, visitor: &visitor)
            } catch let error as WireError {
                throw OSMError(error, file: path, block: block)
            }
            progress.report(block.endOffset)
            finalOffset = block.endOffset
            if stopAfterNodes && (contents.ways || contents.relations) { break }
            if visitor.wantsNoMore { break }
        }
        progress.finish(finalOffset)
        return header
    }
}

extension OSMError {
    /// A decoding error inside an inflated block.
    init(_ error: WireError, file: String, block: PBFBlockReader.Block) {
        let what = block.type == "OSMHeader" ? "header block" : "data block"
        self.init(
            .malformed, file: file, at: block.location,
            "\(error.reason) (byte \(error.offset) of the inflated \(what))")
    }
}
