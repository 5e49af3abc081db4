import ArgumentParser
import Foundation
import SIP

/// `callgate passwd EXTENSION`: turns an agent's password into the digest hash the config stores,
/// so the password itself is never written down.
struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Print the password_hash of an agent for the configuration (the password is read from stdin).",
        discussion: "Example: echo 's3cret' | callgate passwd 1001   →   password_hash: \"md5:…\"")

    @Argument(help: "The agent's extension (the SIP user name).")
    var `extension`: String

    @Option(help: "The digest realm: the configuration's sip.realm.")
    var realm = "callgate"

    func validate() throws {
        guard (2...10).contains(`extension`.count), `extension`.allSatisfy(\.isNumber) else {
            throw ValidationError("the extension must be 2 to 10 digits, got \(`extension`)")
        }
    }

    func run() throws {
        let password: String
        if isatty(STDIN_FILENO) == 1, let typed = getpass("password for \(`extension`): ") {
            password = String(cString: typed)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        guard !password.isEmpty else { throw ValidationError("no password given on stdin") }
        print("password_hash: \"md5:\(DigestAuth.ha1(user: `extension`, realm: realm, password: password))\"")
    }
}
