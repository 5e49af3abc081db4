import CSofiaSIP
import Logging
import SofiaShim

/// REGISTER: a digest-authenticated registrar that reports bindings and keeps none itself
/// (the engine keeps the location table).
extension SofiaAgent {
    func onRegister(_ e: SofiaCallback) {
        guard let handle = e.handle, let nua = e.nua else { return }
        defer { releaseIfStray(handle) }
        guard e.status < 200 else { return }
        let message = e.message
        let source = duplicated(ss_current_source_dup(nua)) ?? ""
        let transport = ss_current_transport(nua).map { String(cString: $0) }
        let user = message.to.user

        let tags = TagList()
        tags.add(ss_nutag_with_this(nua))
        switch admit(message, method: "REGISTER", user: user, requestURI: e.requestURI, source: source) {
        case .rejected(let status, let challenge):
            if let challenge { tags.add(ss_siptag_www_authenticate_str, challenge) }
            respond(handle, status: status, tags: tags)
            return
        case .accepted:
            if mustRefuseCleartext(user: user, message: message, method: "REGISTER", source: source) {
                refuseCleartext(handle, tags: tags)
                return
            }
        }
        // RFC 3261 10.3 step 6: "*" removes every binding, and only alone with Expires: 0.
        if message.contacts.contains(where: \.isWildcard), message.contacts.count > 1 || message.expires != 0 {
            logger.info("SIP: 400 for REGISTER of \(user) from \(source): Contact: * needs Expires: 0 and no other contact")
            respond(handle, status: 400, tags: tags)
            return
        }

        var bindings: [Registration] = []
        var contactValues: [String] = []
        for contact in message.contacts {
            if contact.isWildcard {
                bindings.append(Registration(user: user, contact: "*", expires: 0, source: source,
                                             userAgent: message.userAgent))
                continue
            }
            let expires = RegistrarPolicy.expires(contactParameter: contact.expires, header: message.expires)
            let target = NATContact.target(contact: contact.uri, source: source, transport: transport, viaSentBy: message.viaSentBy)
            bindings.append(Registration(user: user, contact: contact.uri, expires: expires, source: source,
                                         userAgent: message.userAgent, target: target))
            if expires > 0 { contactValues.append("<\(contact.uri)>;expires=\(expires)") }
        }
        if !contactValues.isEmpty { tags.add(ss_siptag_contact_str, contactValues.joined(separator: ", ")) }
        respond(handle, status: 200, tags: tags)
        for binding in bindings {
            let nat = binding.target.map { ", behind NAT: reached at \($0)" } ?? ""
            logger.info("SIP: \(binding.user) registered \(binding.contact) for \(binding.expires) s from \(source)\(nat)")
            emit(.registered(binding))
        }
    }
}
