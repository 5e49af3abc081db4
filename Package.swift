// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "callgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "callgate", targets: ["callgate"]),
        // The ACD decision benchmark of `make bench` (tools/bench/run.sh).
        .executable(name: "callgate-bench-acd", targets: ["callgate-bench-acd"]),
        // The answering-machine detection benchmark of `make bench` (tools/bench/amd.sh).
        .executable(name: "callgate-bench-amd", targets: ["callgate-bench-amd"]),
        // The predictive-pacing simulation of `make bench` (tools/bench/pacing.sh).
        .executable(name: "callgate-bench-pacing", targets: ["callgate-bench-pacing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // Pure: call state machine, events, actions, reply validation. No I/O, no C.
        .target(name: "CallgateCore"),
        // posix_spawn with a new process group, default signals and closed descriptors; pidfds.
        .target(name: "CSpawn"),
        // Runs scenario executables: no shell, JSON on stdin, deadline, output caps.
        .target(
            name: "Scripting",
            dependencies: [
                "CallgateCore", "CSpawn",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Wires scenarios to calls; the simulated call edge used by `callgate test`.
        .target(
            name: "Engine",
            dependencies: [
                "CallgateCore", "Scripting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The RTP media engine: one paced media thread, G.711, G.722 and Opus, RFC 4733 DTMF, WAV prompts and recording, bridging.
        .target(
            name: "Media",
            dependencies: [
                "CSRTP",
                "COpus", "CSpanDSP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // libsrtp2 as a system library, used only by Media (SDES-SRTP, docs/sip.md#srtp).
        .systemLibrary(name: "CSRTP", path: "Sources/CSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        // Opus and spandsp's G.722 as system libraries, for Media's coders only.
        .systemLibrary(name: "COpus", path: "Sources/COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSpanDSP", path: "Sources/CSpanDSP", pkgConfig: "spandsp", providers: [.apt(["libspandsp-dev"])]),
        // Sofia-SIP as a system library; shim.h includes libc before sofia (fd_set clash otherwise).
        .systemLibrary(
            name: "CSofiaSIP", path: "Sources/CSofiaSIP", pkgConfig: "sofia-sip-ua",
            providers: [.apt(["libsofia-sip-ua-dev"])]
        ),
        // C shim: one function per Sofia tag, nua_* wrappers taking tag arrays, posting, log capture.
        .target(name: "SofiaShim", dependencies: ["CSofiaSIP"]),
        // SIP over TLS: checks a certificate and key, and sets the minimum TLS version, with the
        // OpenSSL that Sofia's TLS transport links (libssl-dev).
        .target(name: "CTLSCheck", linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        // The SIP front: Sofia on its own thread behind a small Sendable API; SDP and digest helpers.
        .target(
            name: "SIP",
            dependencies: [
                "SofiaShim", "CSofiaSIP", "CTLSCheck",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // callgate serve: the Sofia and RTP adapters of Engine's ports, SQLite behind the store
        // ports, and the wiring; scenarios only through Engine's ScenarioHost (no Scripting here).
        .target(
            name: "Server",
            dependencies: [
                "CallgateCore", "Engine", "SIP", "Media", "Storage", "Config", "HTTPAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // SQLite through GRDB: migrations, call records, trails, registrar bindings.
        .target(
            name: "Storage",
            dependencies: [
                "CallgateCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        // The YAML configuration of `callgate serve`: parsing, defaults, validation, routing tables.
        .target(name: "Config", dependencies: ["CallgateCore", "Yams"]),
        // The HTTP API: health, queues, agents and agent actions, the event WebSocket; sees the engine
        // only through its OperationsBackend protocol.
        .target(
            name: "HTTPAPI",
            dependencies: [
                "CallgateCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "callgate",
            dependencies: [
                "CallgateCore", "Scripting", "Engine", "Config", "Storage", "Server", "SIP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "callgate-bench-acd", dependencies: ["CallgateCore"]),
        .executableTarget(name: "callgate-bench-amd", dependencies: ["Media"]),
        .executableTarget(name: "callgate-bench-pacing", dependencies: ["CallgateCore"]),
        .testTarget(name: "CallgateCoreTests", dependencies: ["CallgateCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ScriptingTests", dependencies: ["Scripting", "CallgateCore"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Scripting", "CallgateCore", "Storage"]),
        .testTarget(name: "CLITests", dependencies: []),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "CallgateCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "CallgateCore"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        // The HTTP API over real sockets against an in-memory backend.
        .testTarget(
            name: "HTTPAPITests",
            dependencies: [
                "HTTPAPI", "CallgateCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SIPTests",
            dependencies: ["SIP", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Scenarios")]
        ),
        // The whole engine against real peers: SIPp callers, RTP from the test, callgate serve as a process.
        .testTarget(name: "ServerTests", dependencies: ["Storage", "CallgateCore"], exclude: ["SIPp"]),
    ]
)

// libFuzzer targets (docs/security.md#fuzzing, tools/fuzz/run.sh), declared only when CALLGATE_FUZZ
// is set: they need `--sanitize=fuzzer`, so a normal `swift build --build-tests` never sees them.
if Context.environment["CALLGATE_FUZZ"] != nil {
    // libFuzzer supplies `main`; the target only exports LLVMFuzzerTestOneInput.
    let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    package.targets += [
        // Sofia's parser fed from a buffer, as nta feeds it from a socket.
        .target(name: "FuzzSofiaShim", dependencies: ["CSofiaSIP"]),
        // libFuzzer's custom mutator: renumbers every occurrence of a number at once.
        .target(name: "FuzzNumberMutator"),
        .executableTarget(
            name: "FuzzSIPMessage", dependencies: ["SIP", "FuzzSofiaShim", "FuzzNumberMutator"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzSDP", dependencies: ["SIP", "FuzzNumberMutator"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzRTP", dependencies: ["Media"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzReply", dependencies: ["CallgateCore"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzPersistentLines", dependencies: ["Scripting", "CallgateCore"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzConfig", dependencies: ["Config", "FuzzNumberMutator"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzHTTPBody", dependencies: ["HTTPAPI", "CallgateCore"], swiftSettings: fuzzer),
    ]
}
