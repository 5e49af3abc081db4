import CSofiaSIP
import SofiaShim

#if canImport(Glibc)
import Glibc
#endif

/// A Sofia tag list built in Swift (nua's variadic API is out of Swift's reach). String values
/// are copied into C memory owned by the list; nua deep-copies tags during the call, so the
/// list only has to outlive `withTags`.
final class TagList {
    private var items: [tagi_t] = []
    private var owned: [UnsafeMutablePointer<CChar>] = []

    init() {}

    func add(_ tag: tagi_t) {
        items.append(tag)
    }

    func add(_ make: (UnsafePointer<CChar>) -> tagi_t, _ value: String) {
        guard let copy = strdup(value) else { return }
        owned.append(copy)
        items.append(make(copy))
    }

    func withTags<R>(_ body: (UnsafePointer<tagi_t>) -> R) -> R {
        let all = items + [ss_tag_end()]
        return all.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    deinit {
        owned.forEach { free($0) }
    }
}
