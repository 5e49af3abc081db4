/// A position in the configuration document, printed as `routes[1].scenario`.
struct ConfigKeyPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    static let root = ConfigKeyPath()

    func appending(_ key: String) -> ConfigKeyPath { ConfigKeyPath(components: components + [.key(key)]) }
    func appending(_ index: Int) -> ConfigKeyPath { ConfigKeyPath(components: components + [.index(index)]) }
    static func / (path: ConfigKeyPath, key: String) -> ConfigKeyPath { path.appending(key) }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
