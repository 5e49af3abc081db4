import Config
import Engine
import SIP

/// Where `serve` lets a transfer ring: a configured agent's registered phone, or a number that a
/// trunk's `allow` rules let out; anything else is refused.
struct TransferTargetsFromConfig: TransferTargets {
    let config: CallgateConfig
    let registrar: Registrar

    func resolve(_ number: String) async -> Result<DialTarget, TransferRefusal> {
        if let agent = config.agent(extension: number) {
            guard var target = await registrar.reach(for: number) else {
                return .failure(TransferRefusal("extension \(number) is not registered"))
            }
            if agent.transport == .tls { target.uri = TLSURI.overTLS(target.uri) }
            return .success(target)
        }
        if let trunk = config.trunk(forNumber: number) {
            let uri = "sip:\(SIPText.escapedUser(number))@\(trunk.address.host):\(trunk.address.port)"  // '#' is %23 in a user
            return .success(DialTarget(uri: trunk.transport == .tls ? TLSURI.overTLS(uri) : uri, peer: .trunk(trunk.name)))
        }
        return .failure(TransferRefusal("\(number) may not be dialed: no agent has that extension and no trunk allows it"))
    }
}
