import Foundation
import Hummingbird

extension RouterMethods {
    /// Answers 405, with an `Allow` header, to the usual methods a path does not take, so a client
    /// that POSTs to a GET resource learns its mistake instead of a 404.
    @discardableResult
    func rejectOtherMethods(_ path: RouterPath, allowed: [HTTPRequest.Method]) -> Self {
        let usual: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for method in usual where !allowed.contains(method) {
            on(path, method: method) { request, _ -> Response in
                throw APIError.methodNotAllowed(request.method, allowed: allowed)
            }
        }
        return self
    }
}

extension Parameters {
    /// A path parameter, percent-decoded (`/api/queues/after%20hours`).
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
