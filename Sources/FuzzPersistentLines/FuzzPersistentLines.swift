import CallgateCore
@testable import Scripting

/// libFuzzer target: a persistent worker's stdout, cut into reads, through `LineSplitter` and
/// then each line through `Reply.persistentBody(of:callID:)` and `Reply(_:)`, as
/// `PersistentWorker` does. The first two bytes choose the line limit and the read sizes, so
/// lines straddle reads. Checks that no line holds a newline or exceeds the limit. Only the first
/// few lines go on to the JSON step (each costs a parse): the splitter sees them all.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPersistentLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let limit = 16 + Int(data[0]) * 16
    let readSize = 1 + Int(data[1] & 0x3F)
    let stream = UnsafeRawBufferPointer(start: data + 2, count: size - 2)
    var splitter = LineSplitter(limit: limit)
    var offset = 0
    var answered = 0
    while offset < stream.count {
        let chunk = UnsafeRawBufferPointer(rebasing: stream[offset..<min(offset + readSize, stream.count)])
        offset += chunk.count
        for line in splitter.append(chunk) {
            if line.count > limit { fatalError("line of \(line.count) bytes passed the limit \(limit)") }
            if line.contains(UInt8(ascii: "\n")) { fatalError("line holds a newline") }
            if answered < 8 { answer(line); answered += 1 }
        }
    }
    if !splitter.overflowed, let remainder = splitter.remainder, remainder.count > limit {
        fatalError("remainder of \(remainder.count) bytes passed the limit \(limit)")
    }
    return 0
}

private func answer(_ line: [UInt8]) {
    do {
        let body = try Reply.persistentBody(of: line, callID: "call-1")
        do { _ = try Reply(body) } catch { _ = "\(error)" }
    } catch {
        _ = (error.description, error.json.encoded())
    }
}
