import Foundation
import Yams

extension CallgateConfig {
    /// The name error messages give the embedded default.
    public static let embeddedDefaultFile = "(embedded default)"

    /// Reads, parses and validates (without file checks) a configuration file. Relative paths
    /// in it resolve against the file's folder.
    public static func load(file: String) throws(ConfigError) -> CallgateConfig {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
            throw ConfigError(file: file, message: "does not exist")
        }
        guard !isFolder.boolValue else { throw ConfigError(file: file, message: "is a folder, not a configuration file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: file, message: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, message: "is not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
        return try parse(yaml: text, file: file, baseDirectory: folder)
    }

    /// Parses and validates (without file checks) configuration text; `file` names it in errors.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws(ConfigError) -> CallgateConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw syntaxError(error, file: file, yaml: yaml)
        }
        let base = URL(fileURLWithPath: baseDirectory).standardizedFileURL.path
        let document = YAMLValue(node: root ?? Node([(Node, Node)]()), path: .root, file: file)
        let config = try CallgateConfig(document: document, baseDirectory: base)
        try config.validate(checkFiles: false)
        return config
    }

    /// The configuration used when `callgate serve` is given no `--config`, with paths under
    /// `baseDirectory` (the current directory by default).
    public static func embeddedDefault(
        baseDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ConfigError) -> CallgateConfig {
        try parse(yaml: embeddedDefaultYAML, file: embeddedDefaultFile, baseDirectory: baseDirectory)
    }

    static func syntaxError(_ error: any Error, file: String, yaml: String) -> ConfigError {
        guard let error = error as? YamlError else { return ConfigError(file: file, message: "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "syntax error: \(problem)"
            if problem == "but found another document" {
                message = "syntax error: a second YAML document starts here; the configuration is one document (remove the ---)"
            } else if let context {
                message += " (\(context.text) at line \(context.mark.line))"
            }
            message += hint(for: problem, line: mark.line, yaml: yaml)
            return ConfigError(file: file, line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "the key \(keys) appears more than once in the same mapping")
        case .reader(let problem, _, _, _):
            return ConfigError(file: file, message: "is not valid text: \(problem)")
        default:
            return ConfigError(file: file, message: "syntax error: \(error)")
        }
    }

    /// The usual YAML traps for patterns: a bare `*` is an alias, `\+` is no escape in double quotes.
    static func hint(for problem: String, line: Int, yaml: String) -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        if problem.contains("unknown escape character") {
            return "; in double quotes write a backslash as \\\\, or use single quotes: '/^\\+1555/'"
        }
        if text.contains(": *") || text.contains("- *") || problem.contains("alias") {
            return "; a pattern that starts with * must be quoted: \"*\""
        }
        return ""
    }
}
