import Foundation
import Testing
@testable import SIP

/// The TLS listener's certificate and key: checked with OpenSSL before Sofia starts, then
/// assembled into Sofia's folder; and URIs rewritten to be dialed over TLS.
@Suite struct TLSMaterialTests {
    @Test func aMatchingPairPassesAndIsAssembledPrivately() throws {
        let files = try TestCertificates()
        defer { files.remove() }
        try TLSMaterial.check(certificate: files.certificate, key: files.key)
        let directory = files.folder.appendingPathComponent("var/tls").path
        try TLSMaterial.prepare(certificate: files.certificate, key: files.key, directory: directory)
        let agent = try String(contentsOfFile: directory + "/agent.pem", encoding: .utf8)
        #expect(agent.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(agent.contains("-----BEGIN CERTIFICATE-----"))
        let cafile = try String(contentsOfFile: directory + "/cafile.pem", encoding: .utf8)
        #expect(cafile.hasPrefix("-----BEGIN CERTIFICATE-----") && !cafile.contains("PRIVATE KEY"))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/agent.pem")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // What was assembled is itself a good pair (the same check Sofia's loading makes).
        try TLSMaterial.check(certificate: directory + "/agent.pem", key: directory + "/agent.pem")
    }

    @Test func eachProblemNamesTheFileAtFault() throws {
        let files = try TestCertificates()
        defer { files.remove() }
        let garbage = try files.write("garbage.pem", "not a certificate at all\n")
        let cases: [(String, String, TLSMaterialError.Role, String, String)] = [
            (files.folder.appendingPathComponent("missing.pem").path, files.key, .certificate, "missing.pem", "does not exist"),
            (files.certificate, files.folder.appendingPathComponent("nokey.pem").path, .key, "nokey.pem", "does not exist"),
            (garbage, files.key, .certificate, "garbage.pem", "holds no PEM certificate"),
            (files.certificate, garbage, .key, "garbage.pem", "holds no unencrypted PEM private key"),
            (files.certificate, files.otherKey, .key, "other-key.pem", "does not match the certificate in \(files.certificate)"),
            (files.expired, files.key, .certificate, "expired.pem", "expired on 2020-01-02 00:00:00 UTC"),
            (files.weak, files.weakKey, .certificate, "weak.pem", "was refused with its key"),
        ]
        for (certificate, key, role, name, problem) in cases {
            let error = #expect(throws: TLSMaterialError.self) { try TLSMaterial.check(certificate: certificate, key: key) }
            #expect(error?.role == role, "\(name)")
            #expect(error?.path.hasSuffix("/" + name) == true, "\(String(describing: error))")
            #expect(error?.description.contains(problem) == true, "\(String(describing: error))")
        }
    }

    @Test(arguments: [
        ("sip:1001@192.0.2.7:5061", "sip:1001@192.0.2.7:5061;transport=tls"),
        ("sip:1001@192.0.2.7:5062;transport=udp", "sip:1001@192.0.2.7:5062;transport=tls"),
        ("sip:1001@192.0.2.7:5062;TRANSPORT=TCP;ob", "sip:1001@192.0.2.7:5062;ob;transport=tls"),
        ("sip:1001@192.0.2.7;transport=TLS", "sip:1001@192.0.2.7;transport=TLS"),
        ("sips:1001@192.0.2.7", "sips:1001@192.0.2.7"),
        ("sip:+1555;phone-context=x@carrier.example:5061", "sip:+1555;phone-context=x@carrier.example:5061;transport=tls"),
        ("sip:1001@192.0.2.7?X-A=1", "sip:1001@192.0.2.7;transport=tls?X-A=1"),
    ])
    func overTLS(uri: String, expected: String) {
        #expect(TLSURI.overTLS(uri) == expected)
    }
}
