import HTTPAPI

/// `POST /api/calls/{id}/transfer`: the call router does it (``CallRouter/apiTransfer(call:to:)``).
extension Operations: CallTransferBackend {
    func transfer(call: String, to target: String) async throws(CallTransferError) {
        try await transferProvider(call, target)
    }

    func addParty(call: String, to target: String) async throws(CallTransferError) {
        try await partyProvider(call, target)
    }
}
