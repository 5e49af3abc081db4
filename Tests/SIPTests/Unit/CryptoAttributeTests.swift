import SIP
import Testing

/// SDES (RFC 4568): `a=crypto` lines parsed and written, offers and answers under each policy, keys
/// redacted from anything that is logged.
@Suite struct CryptoAttributeTests {
    /// 30 bytes 0...29 in base64.
    static let keyText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd"
    static let keyBytes = (0..<30).map { UInt8($0) }
    static let ourKey = [UInt8](repeating: 0xAB, count: 30)

    static func offer(proto: String = "RTP/SAVP", cryptos: [String]) -> String {
        (["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 4000 \(proto) 0 101",
          "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000"] + cryptos.map { "a=crypto:\($0)" })
            .joined(separator: "\r\n") + "\r\n"
    }

    @Test func parsesAndWritesALine() throws {
        let line = try #require(CryptoAttribute(attributeValue: "1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"))
        #expect(line.tag == 1 && line.suite == "AES_CM_128_HMAC_SHA1_80" && line.keySalt == Self.keyBytes && line.lifetime == nil)
        #expect(line.attributeValue == "1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)")
        #expect(CryptoAttribute(attributeValue: "7 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)|2^20")?.lifetime == 1 << 20)
        #expect(CryptoAttribute(attributeValue: "2 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)|4096")?.lifetime == 4096)
        #expect("\(line)" == "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>")
    }

    @Test(arguments: [
        "1 AES_256_CM_HMAC_SHA1_80 inline:\(keyText)",                    // a suite we do not speak
        "1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBka",  // 27 bytes
        "1 AES_CM_128_HMAC_SHA1_80 inline:\(keyText)|2^20|1:4",           // MKI
        "1 AES_CM_128_HMAC_SHA1_80 inline:\(keyText)|1:4",                // MKI without lifetime
        "1 AES_CM_128_HMAC_SHA1_80 inline:\(keyText);inline:\(keyText)",  // two keys
        "1 AES_CM_128_HMAC_SHA1_80 inline:\(keyText) KDR=1",              // session parameter
        "1 AES_CM_128_HMAC_SHA1_80 \(keyText)",                           // no inline:
        "x AES_CM_128_HMAC_SHA1_80 inline:\(keyText)",                    // tag not a number
        "1 AES_CM_128_HMAC_SHA1_80 inline:AAEC*wQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd",  // not base64
        "1 AES_CM_128_HMAC_SHA1_80 inline:\(keyText)|2^99",               // lifetime out of range
    ])
    func refusesLinesItCannotUse(value: String) {
        #expect(CryptoAttribute(attributeValue: value) == nil)
    }

    @Test func offerKeepsTheLinesItCanUseInOrder() throws {
        let sdp = Self.offer(cryptos: ["1 AES_256_CM_HMAC_SHA1_80 inline:\(Self.keyText)", "2 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)"])
        let audio = try #require(SessionDescription.parse(sdp)?.audio)
        #expect(audio.cryptos.map(\.tag) == [2])
    }

    @Test func optionalAnswersCryptoWithCryptoUnderTheOffersTag() throws {
        let sdp = Self.offer(cryptos: ["3 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)", "4 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"])
        let answer = try #require(SessionDescription.answer(to: sdp, address: "127.0.0.1", port: 30000, srtp: .optional, key: Self.ourKey))
        #expect(answer.sdp.contains("m=audio 30000 RTP/SAVP 0 101\r\n"))
        #expect(answer.sdp.contains("a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:\(String(repeating: "q6ur", count: 10))\r\n"))
        #expect(answer.sdp.split(separator: "\r\n").filter { $0.hasPrefix("a=crypto") }.count == 1, "one line")
        #expect(answer.crypto == NegotiatedCrypto(suite: "AES_CM_128_HMAC_SHA1_32", localKey: Self.ourKey, remoteKey: Self.keyBytes))
        #expect(!"\(answer.crypto!)".contains("171"), "keys are not printed")
        // RTP/AVP with crypto (baresip's best-effort `srtp`): encrypted, the profile mirrored.
        let bestEffort = try #require(SessionDescription.answer(to: Self.offer(proto: "RTP/AVP", cryptos: ["1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"]),
                                                                address: "127.0.0.1", port: 30000, srtp: .optional, key: Self.ourKey))
        #expect(bestEffort.sdp.contains("m=audio 30000 RTP/AVP 0 101\r\n") && bestEffort.crypto != nil)
    }

    @Test func eachPolicyAcceptsWhatItShould() {
        let clear = Self.offer(proto: "RTP/AVP", cryptos: [])
        let secure = Self.offer(cryptos: ["1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"])
        let unusable = Self.offer(cryptos: ["1 AES_256_CM_HMAC_SHA1_80 inline:\(Self.keyText)"])
        func answer(_ sdp: String, _ policy: SRTPPolicy) -> SDPAnswer? {
            SessionDescription.answer(to: sdp, address: "127.0.0.1", port: 30000, srtp: policy, key: Self.ourKey)
        }
        #expect(answer(clear, .off)?.crypto == nil && answer(clear, .off) != nil)
        #expect(answer(clear, .optional) != nil && answer(clear, .optional)?.crypto == nil)
        #expect(answer(clear, .required) == nil, "488")
        #expect(answer(secure, .off) == nil, "RTP/SAVP without SRTP: 488")
        #expect(answer(secure, .required)?.crypto != nil)
        #expect(answer(unusable, .optional) == nil && answer(unusable, .required) == nil)
        #expect(answer(clear, .off)?.sdp.contains("crypto") == false)
        // Without a key of ours there is nothing to answer crypto with.
        #expect(SessionDescription.answer(to: secure, address: "127.0.0.1", port: 30000, srtp: .required) == nil)
        let bestEffort = Self.offer(proto: "RTP/AVP", cryptos: ["1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"])
        #expect(SessionDescription.answer(to: bestEffort, address: "127.0.0.1", port: 30000, srtp: .optional)?.crypto == nil,
                "keyless: answered in clear, never with an empty key")
    }

    @Test func offersFollowThePolicyAndTheAnswerPicksOurLine() throws {
        let cryptos = SessionDescription.offeredCryptos(keys: [Self.keyBytes, Self.ourKey])
        #expect(cryptos.map(\.tag) == [1, 2])
        let required = SessionDescription.offer(address: "127.0.0.1", port: 30000, srtp: .required, cryptos: cryptos)
        #expect(required.contains("m=audio 30000 RTP/SAVP 0 8 101\r\n"))
        #expect(required.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)\r\n"))
        #expect(required.contains("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:"))
        let optional = SessionDescription.offer(address: "127.0.0.1", port: 30000, srtp: .optional, cryptos: cryptos)
        #expect(optional.contains("m=audio 30000 RTP/AVP 0 8 101\r\n") && optional.contains("a=crypto:1 "))
        #expect(!SessionDescription.offer(address: "127.0.0.1", port: 30000, srtp: .off, cryptos: cryptos).contains("crypto"))

        // The peer (as an answerer would) picks tag 2 and gives its own key.
        let peer = try #require(SessionDescription.parse(Self.offer(cryptos: ["2 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)"]))?.audio)
        let chosen = try #require(SessionDescription.chosenCrypto(offered: cryptos, answer: peer))
        #expect(chosen == NegotiatedCrypto(suite: "AES_CM_128_HMAC_SHA1_32", localKey: Self.ourKey, remoteKey: Self.keyBytes))
        let mismatched = try #require(SessionDescription.parse(Self.offer(cryptos: ["2 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)"]))?.audio)
        #expect(SessionDescription.chosenCrypto(offered: cryptos, answer: mismatched) == nil, "tag 2 is not the 80-bit suite")
    }

    @Test func redactionRemovesEveryKey() {
        let sdp = Self.offer(cryptos: ["1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)|2^20", "2 AES_CM_128_HMAC_SHA1_32 inline:\(Self.keyText)"])
        let redacted = SessionDescription.redactingCrypto(sdp)
        #expect(!redacted.contains(Self.keyText))
        #expect(redacted.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>\r\n"))
        #expect(redacted.contains("m=audio 4000 RTP/SAVP 0 101\r\n"), "the rest is untouched")
        #expect(SessionDescription.redactingCrypto("sofia:    a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)")
                == "sofia:    a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>")
        #expect(SessionDescription.redactingCrypto("no keys here") == "no keys here")
    }

    /// Lines cut short or with a byte changed anywhere (what a hostile peer sends) parse or are
    /// refused, never crash, and whatever parses still has a 30-byte key and a known suite.
    @Test func mutatedLinesNeverCrashAndNeverYieldABadKey() {
        let line = Array("1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.keyText)|2^20".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            var bytes = Array(line.prefix(Int.random(in: 0...line.count, using: &generator)))
            if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            if let parsed = CryptoAttribute(attributeValue: String(decoding: bytes, as: UTF8.self)) {
                #expect(parsed.keySalt.count == 30 && CryptoAttribute.supportedSuites.contains(parsed.suite))
            }
        }
    }
}
