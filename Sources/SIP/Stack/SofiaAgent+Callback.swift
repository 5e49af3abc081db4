import CSofiaSIP
import SofiaShim

/// One nua event as the C callback hands it over. The pointers are valid only during the
/// callback: handlers copy what they need (``SofiaMessage``) before returning.
struct SofiaCallback: @unchecked Sendable {
    let event: nua_event_t
    let status: Int32
    let phrase: String
    let nua: OpaquePointer?
    let handle: OpaquePointer?
    let sip: UnsafePointer<sip_t>?
    let tags: UnsafePointer<tagi_t>?

    var message: SofiaMessage { sip.map(SofiaMessage.init) ?? SofiaMessage() }
}

/// Sofia's C callback. It captures nothing (so it converts to `nua_callback_f`); the agent
/// travels in `magic`, and its logger with it.
let sofiaEventCallback: nua_callback_f = { event, status, phrase, nua, magic, nh, _, sip, tags in
    guard let magic else { return }
    let agent = Unmanaged<SofiaAgent>.fromOpaque(magic).takeUnretainedValue()
    let callback = SofiaCallback(event: event, status: status, phrase: phrase.map { String(cString: $0) } ?? "",
                                 nua: nua, handle: nh, sip: sip, tags: tags.map { UnsafePointer($0) })
    agent.assertOnSofiaThread()
    agent.assumeIsolated { $0.handle(callback) }
}

extension SofiaAgent {
    func handle(_ e: SofiaCallback) {
        switch e.event {
        case nua_i_invite: onInvite(e)
        case nua_i_cancel: onCancel(e)
        case nua_i_ack: onAck(e)
        case nua_i_bye: onBye(e)
        case nua_i_info: onInfo(e)
        case nua_i_register: onRegister(e)
        case nua_i_state: onState(e)
        case nua_r_invite: onInviteResponse(e)
        case nua_r_options: onPingResponse(e)
        case nua_r_register: onRegisterResponse(e)
        case nua_r_unregister: onUnregisterResponse(e)
        case nua_r_shutdown: shutdownReported(status: e.status)
        case nua_i_refer: onRefer(e)
        case nua_i_options, nua_i_message, nua_i_method, nua_i_subscribe, nua_i_publish,
             nua_i_notify, nua_i_update, nua_i_prack:
            releaseIfStray(e.handle)
        case nua_i_error:
            let leg = leg(for: e.handle).map { "\($0.id)" } ?? "-"
            logger.notice("SIP: Sofia reports \(e.status) \(e.phrase)", metadata: ["sip.leg": "\(leg)"])
        default:
            break
        }
    }

    /// Out-of-dialog requests get a fresh handle the application owns: destroy it once answered.
    func releaseIfStray(_ handle: OpaquePointer?) {
        guard let handle, legByHandle[handle] == nil, !closingHandles.contains(handle), pings[handle] == nil else { return }
        nua_handle_destroy(handle)
    }
}
