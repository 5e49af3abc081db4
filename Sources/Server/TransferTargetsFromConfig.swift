import Config
import Engine
import SIP

/// Where `serve` lets a transfer ring: a configured agent's registered phone, or a number that a
/// trunk's `allow` rules let out; anything else is refused.
struct TransferTargetsFromConfig: TransferTargets {
    let config: CallgateConfig
    let registrar: Registrar

    func resolve(_ number: String) async -> Result<String, TransferRefusal> {
        if let agent = config.agent(extension: number) {
            guard let contact = await registrar.contact(for: number) else {
                return .failure(TransferRefusal("extension \(number) is not registered"))
            }
            return .success(agent.transport == .tls ? TLSURI.overTLS(contact) : contact)
        }
        if let trunk = config.trunk(forNumber: number) {
            let uri = "sip:\(SIPText.escapedUser(number))@\(trunk.address.host):\(trunk.address.port)"  // '#' is %23 in a user
            return .success(trunk.transport == .tls ? TLSURI.overTLS(uri) : uri)
        }
        return .failure(TransferRefusal("\(number) may not be dialed: no agent has that extension and no trunk allows it"))
    }
}
