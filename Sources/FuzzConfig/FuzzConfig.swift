import Config
import FuzzNumberMutator  // linked for its custom mutator

/// libFuzzer target: YAML text through `CallgateConfig.parse(yaml:file:baseDirectory:)`, the
/// loader of `callgate serve --config` (Yams, decoding, defaults, validation without file
/// checks). A bad file must be a `ConfigError` with a message, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try CallgateConfig.parse(yaml: text, file: "fuzz.yaml", baseDirectory: "/nonexistent/fuzz")
    } catch {
        _ = "\(error)"
    }
    return 0
}
