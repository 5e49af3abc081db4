import Config
import Engine
import SIP

/// Where `serve` lets a transfer ring: a configured agent's registered phone, or a number that a
/// trunk's `allow` rules let out; anything else is refused.
struct TransferTargetsFromConfig: TransferTargets {
    let config: CallgateConfig
    let registrar: Registrar

    func resolve(_ number: String) async -> Result<DialTarget, TransferRefusal> {
        if config.agent(extension: number) != nil {
            guard let target = await registrar.reach(for: number) else {
                return .failure(TransferRefusal("extension \(number) is not registered"))
            }
            return .success(target)
        }
        if let trunk = config.trunk(forNumber: number) {
            // '#' is %23 in a user
            return .success(DialTarget(uri: "sip:\(SIPText.escapedUser(number))@\(trunk.address.host):\(trunk.address.port)",
                                       peer: .trunk(trunk.name)))
        }
        return .failure(TransferRefusal("\(number) may not be dialed: no agent has that extension and no trunk allows it"))
    }
}
