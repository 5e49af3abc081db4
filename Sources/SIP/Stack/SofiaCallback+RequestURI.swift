import CSofiaSIP
import SofiaShim

extension SofiaCallback {
    /// The request's Request-URI as Sofia prints it ("" for a response), for the digest `uri` check.
    var requestURI: String {
        guard let request = sip?.pointee.sip_request else { return "" }
        let url = request.pointee.rq_url
        return withUnsafePointer(to: url) { duplicated(ss_url_dup($0)) } ?? ""
    }
}
