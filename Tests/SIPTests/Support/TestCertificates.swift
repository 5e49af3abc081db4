import Foundation

/// Certificates made by a real `openssl` run in a temporary folder: a fresh self-signed pair, a
/// second key, and an expired certificate of the first key (`openssl ca` with set dates).
struct TestCertificates {
    let folder: URL
    var certificate: String { folder.appendingPathComponent("cert.pem").path }
    var key: String { folder.appendingPathComponent("key.pem").path }
    var otherKey: String { folder.appendingPathComponent("other-key.pem").path }
    var expired: String { folder.appendingPathComponent("expired.pem").path }
    /// A certificate with a 1024-bit RSA key (`weak-key.pem`): below OpenSSL's security level 2.
    var weak: String { folder.appendingPathComponent("weak.pem").path }
    var weakKey: String { folder.appendingPathComponent("weak-key.pem").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ca/newcerts"), withIntermediateDirectories: true)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "30",
                     "-subj", "/CN=callgate.test"])
        try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other-key.pem"])
        try openssl(["req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "weak-key.pem", "-out", "weak.pem", "-days", "30",
                     "-subj", "/CN=weak.test"])
        try "".write(to: folder.appendingPathComponent("ca/index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(to: folder.appendingPathComponent("ca/serial"), atomically: true, encoding: .utf8)
        try """
            [ca]
            default_ca = d
            [d]
            dir = ./ca
            database = $dir/index.txt
            new_certs_dir = $dir/newcerts
            serial = $dir/serial
            default_md = sha256
            policy = p
            unique_subject = no
            [p]
            commonName = supplied

            """.write(to: folder.appendingPathComponent("ca.cnf"), atomically: true, encoding: .utf8)
        try openssl(["req", "-new", "-key", "key.pem", "-subj", "/CN=expired.test", "-out", "expired.csr"])
        try openssl(["ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "key.pem", "-in", "expired.csr", "-out", "expired.pem",
                     "-startdate", "20200101000000Z", "-enddate", "20200102000000Z"])
    }

    /// Writes `text` into the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["openssl": arguments.joined(separator: " ")]) }
    }
}
