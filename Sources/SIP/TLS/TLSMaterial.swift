import CTLSCheck
import Foundation

/// The certificate and key of the TLS listener: checked before Sofia starts (Sofia itself says
/// little more than "invalid local certificate" in its debug log and listens anyway), then
/// assembled into the folder Sofia reads (`agent.pem` = key + certificates, `cafile.pem` = the
/// certificates, so that Sofia's OpenSSL sends the chain), private to the engine's user.
public enum TLSMaterial {
    /// Checks the pair with the OpenSSL Sofia links: both files readable PEM, the key is the
    /// certificate's, the certificate valid now, and OpenSSL accepts them in a TLS context.
    public static func check(certificate: String, key: String) throws(TLSMaterialError) {
        for (path, role) in [(certificate, TLSMaterialError.Role.certificate), (key, .key)] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw TLSMaterialError(role: role, path: path, problem: "does not exist")
            }
            guard !isFolder.boolValue else { throw TLSMaterialError(role: role, path: path, problem: "is a folder, not a PEM file") }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw TLSMaterialError(role: role, path: path, problem: "cannot be read (check its permissions)")
            }
        }
        var detail = [CChar](repeating: 0, count: 256)
        var notAfter = [CChar](repeating: 0, count: 64)
        let result = ctls_check_pair(certificate, key, &detail, detail.count, &notAfter, notAfter.count)
        let reason = String(cString: detail)
        let expiry = String(cString: notAfter)
        let because = reason.isEmpty ? "" : " (OpenSSL: \(reason))"
        switch ctls_problem(rawValue: UInt32(bitPattern: result)) {
        case CTLS_OK:
            return
        case CTLS_CERT_NOT_PEM:
            throw TLSMaterialError(role: .certificate, path: certificate,
                                   problem: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)\(because)")
        case CTLS_KEY_NOT_PEM:
            throw TLSMaterialError(role: .key, path: key,
                                   problem: "holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----); "
                                       + "an encrypted key must be decrypted first: openssl pkey -in KEY -out PLAIN\(because)")
        case CTLS_KEY_MISMATCH:
            throw TLSMaterialError(role: .key, path: key, problem: "does not match the certificate in \(certificate)")
        case CTLS_CERT_EXPIRED:
            throw TLSMaterialError(role: .certificate, path: certificate, problem: "expired on \(expiry)")
        case CTLS_CERT_NOT_YET_VALID:
            throw TLSMaterialError(role: .certificate, path: certificate, problem: "is not valid before \(reason)")
        case CTLS_UNREADABLE:
            throw TLSMaterialError(role: .certificate, path: certificate, problem: "cannot be read")
        default:
            throw TLSMaterialError(role: .certificate, path: certificate,
                                   problem: "was refused with its key \(key) by OpenSSL\(because)")
        }
    }

    /// Checks the pair, then writes `agent.pem` and `cafile.pem` into `directory` (created, mode
    /// 0700; files 0600), replacing what an earlier start left there.
    public static func prepare(certificate: String, key: String, directory: String) throws(TLSMaterialError) {
        try check(certificate: certificate, key: key)
        let certificates: String, keyText: String
        do {
            certificates = try String(contentsOfFile: certificate, encoding: .utf8)
            keyText = try String(contentsOfFile: key, encoding: .utf8)
        } catch {
            throw TLSMaterialError(role: .certificate, path: certificate, problem: "cannot be read as text: \(error)")
        }
        let blocks = pemBlocks(certificates, label: "CERTIFICATE")
        let agent = pemBlocks(keyText, label: "PRIVATE KEY").joined() + blocks.joined()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
            for (name, text) in [("agent.pem", agent), ("cafile.pem", blocks.joined())] {
                let path = directory + "/" + name
                try? FileManager.default.removeItem(atPath: path)
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                                     attributes: [.posixPermissions: 0o600]) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            }
        } catch {
            throw TLSMaterialError(role: .directory, path: directory, problem: "cannot be written: \(error)")
        }
    }

    /// The PEM blocks whose label ends in `label` (so "PRIVATE KEY" also takes "RSA PRIVATE KEY"
    /// and "EC PRIVATE KEY"), each from BEGIN to END with a final newline.
    static func pemBlocks(_ text: String, label: String) -> [String] {
        var blocks: [String] = []
        var current: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty {
                if trimmed.hasPrefix("-----BEGIN "), trimmed.hasSuffix("\(label)-----") { current = [trimmed] }
            } else {
                current.append(trimmed)
                if trimmed.hasPrefix("-----END ") {
                    blocks.append(current.joined(separator: "\n") + "\n")
                    current = []
                }
            }
        }
        return blocks
    }
}

/// A certificate or key file the TLS listener cannot use, and why.
public struct TLSMaterialError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Role: String, Sendable {
        case certificate, key, directory
    }

    /// Which of the configured files is at fault (`sip.tls.certificate` or `sip.tls.key`).
    public var role: Role
    public var path: String
    public var problem: String

    public var description: String { "\(path) \(problem)" }
}
