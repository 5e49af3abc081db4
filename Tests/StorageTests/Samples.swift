import CallgateCore
import Foundation
import Storage

enum Samples {
    static let start = Date(timeIntervalSince1970: 1_795_000_000.25)

    static func call(_ id: String, startedAt: Date = start) -> StoredCall {
        StoredCall(id: id, sipCallID: "sip-\(id)@127.0.0.1", from: "1001", to: "100", direction: .inbound, startedAt: startedAt)
    }
}
