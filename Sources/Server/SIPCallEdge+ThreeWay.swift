import CallgateCore
import Engine
import Foundation
import Media

/// A third party an operator brings into a queue call (the API's `POST /api/calls/{id}/participants`):
/// while it rings, caller and operator talk on; once it answers, the three talk in one media
/// room. The operator may then drop out (hang up): the caller and the party talk on, directly,
/// and the queue counts the operator's call as done, as after a transfer. Or the operator stays,
/// and when the party hangs up, caller and operator are bridged again.
struct ThreeWay: Sendable {
    /// The operator's extension, and the party as asked.
    let by: String
    let to: String
    let operatorLeg: SofiaDialedLeg
    var party: SofiaDialedLeg?
    var answeredEarly = false
    var room: MediaRoom?
    var ringTimer: Task<Void, Never>?
}

extension SIPCallEdge {
    /// Rings `target` (an extension or an external number the trunks allow) for a three-way call.
    func addParty(_ target: String) async -> TransferRequestOutcome {
        guard TransferDestination.isValidNumber(target) else { return .invalid("\"\(target.prefix(80))\" is not a number or extension") }
        guard !closed, inQueue, operatorTransfer == nil, threeWay == nil, supervision == nil, let operatorLeg = bridgedAgent,
              let queues = services.queues else {
            return .notTransferable("the call is not talking to an operator (or already has a third party or supervisor)")
        }
        let resolved: DialTarget
        switch await TransferTargetsFromConfig(config: services.config, registrar: services.registrar).resolve(target) {
        case .success(let found): resolved = found
        case .failure(let refusal): return .notAllowed(refusal.description)
        }
        guard !closed, bridgedAgent === operatorLeg, threeWay == nil, let agent = await queues.transferStarted(callID) else {
            return .notTransferable("the call is not talking to an operator")
        }
        threeWay = ThreeWay(by: agent, to: target, operatorLeg: operatorLeg)
        report(.note("party", details: ["by": .string(agent), "to": .string(target), "outcome": "ringing"]))
        logger.info("operator \(agent) adds \(target) to the call")
        Task { await self.ringParty(resolved) }
        return .accepted
    }

    func ringParty(_ resolved: DialTarget) async {
        guard let current = threeWay else { return }
        let request = DialRequest(uri: resolved.uri, callerNumber: caller.user, callerName: caller.displayName ?? caller.user,
                                  headers: ["X-Callgate-Call-ID": callID, "X-Callgate-Caller": caller.user, "X-Callgate-Added-By": current.by],
                                  peer: resolved.peer, nextHop: resolved.nextHop)
        let leg: any DialedLeg
        do {
            leg = try await services.dialer.dial(request) { [weak self] event in await self?.partyEvent(event) }
        } catch {
            await partyGone(outcome: "failed")
            return
        }
        guard threeWay != nil, let party = leg as? SofiaDialedLeg else {
            await leg.hangUp()   // the call ended, or the party was dropped, while the INVITE went out
            return
        }
        threeWay?.party = party
        let seconds = services.config.sip.transferRingSeconds
        threeWay?.ringTimer = Task { [weak self] in
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            await self?.partyRingTimedOut(party)
        }
        if threeWay?.answeredEarly == true { partyAnswered() }
    }

    func partyRingTimedOut(_ party: SofiaDialedLeg) async {
        guard let current = threeWay, current.party === party, current.room == nil else { return }
        await party.hangUp()   // CANCEL: its 487 ends the attempt
    }

    /// What the dialer reports about the party's leg.
    func partyEvent(_ event: DialEvent) async {
        guard threeWay != nil else {
            // The operator dropped out earlier: the party is the caller's other side now.
            await transferredLegEvent(event)
            return
        }
        switch event {
        case .answered:
            if threeWay?.party == nil { threeWay?.answeredEarly = true } else { partyAnswered() }
        case .failed(let status, _):
            await partyGone(outcome: TransferRequestOutcome.failure(status: status))
        case .hungUp:
            await partyGone(outcome: "left")
        }
    }

    /// The party answered: caller, operator and party in one room, all hearing each other.
    func partyAnswered() {
        guard var current = threeWay, current.room == nil, let party = current.party, !closed else { return }
        current.ringTimer?.cancel()
        let room = services.mediaEngine.openRoom()
        current.room = room
        threeWay = current
        media.join(room)
        current.operatorLeg.media.join(room)
        party.media.join(room)
        report(.note("party", details: ["by": .string(current.by), "to": .string(current.to), "outcome": "joined"]))
    }

    /// The party did not answer, or left: caller and operator talk on, if the operator is still there.
    func partyGone(outcome: String) async {
        guard let current = threeWay else { return }
        threeWay = nil
        current.ringTimer?.cancel()
        report(.note("party", details: ["by": .string(current.by), "to": .string(current.to), "outcome": .string(outcome)]))
        if current.room != nil {
            media.leaveRoom()
            current.operatorLeg.media.leaveRoom()
        }
        current.room?.close()
        guard !closed else { return }
        if await services.queues?.transferFailed(callID) == true {
            bridgedAgent = current.operatorLeg
            media.bridge(with: current.operatorLeg.media)
        }
        // Otherwise the operator had hung up too: the queue sends the caller back to the scenario.
    }

    /// The operator's leg ended while a three-way call it started goes on (the queue tells us).
    /// With the party in the room: the caller and the party talk on, and the operator's call is done.
    func operatorLeft() async {
        guard let current = threeWay, let party = current.party, current.room != nil, !closed else { return }
        threeWay = nil
        media.leaveRoom()
        party.media.leaveRoom()
        current.room?.close()
        media.bridge(with: party.media)
        bridgedAgent = party
        transferredLeg = (party, current.to)
        inQueue = false   // the queue is done with this caller: the party's hangup is ours to report
        await services.queues?.transferCompleted(callID)
        report(.transferredByOperator(by: current.by, to: current.to, outcome: "completed"))
        logger.info("operator \(current.by) left the three-way call; the caller talks on with \(current.to)")
    }

    /// The call ends: a party still ringing is cancelled, one in the room hung up.
    func dropThreeWay() async {
        guard let current = threeWay else { return }
        threeWay = nil
        current.ringTimer?.cancel()
        current.room?.close()
        await current.party?.hangUp()
    }
}
