import SIP
import Testing

@Suite struct SessionDescriptionTests {
    /// SIPp's built-in uac offer.
    static let sipp = """
        v=0\r
        o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
        s=-\r
        c=IN IP4 127.0.0.1\r
        t=0 0\r
        m=audio 6000 RTP/AVP 0\r
        a=rtpmap:0 PCMU/8000\r

        """

    /// A pjsip-based softphone (MicroSIP style): opus, G722, G.711, two telephone-events, video.
    static let softphone = """
        v=0
        o=- 3915482511 3915482511 IN IP4 192.168.1.20
        s=pjmedia
        b=AS:84
        t=0 0
        a=X-nat:0
        m=audio 4000 RTP/AVP 96 9 8 0 101 102
        c=IN IP4 192.168.1.20
        b=AS:64000
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:9 G722/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=rtpmap:102 telephone-event/48000
        a=fmtp:102 0-16
        a=ptime:20
        a=sendrecv
        a=rtcp:4001 IN IP4 192.168.1.20
        m=video 4002 RTP/AVP 97
        c=IN IP4 192.168.1.20
        a=rtpmap:97 H264/90000
        a=sendrecv

        """

    /// A hold re-INVITE (Linphone style: same session, version bumped, a=sendonly).
    static let hold = """
        v=0
        o=1001 1021 1023 IN IP4 10.0.0.5
        s=Talk
        c=IN IP4 10.0.0.5
        t=0 0
        m=audio 7078 RTP/AVP 0 8 101
        a=rtpmap:101 telephone-event/8000
        a=sendonly

        """

    @Test func parsesSIPpsOffer() throws {
        let sdp = try #require(SessionDescription.parse(Self.sipp))
        #expect(sdp.connectionAddress == "127.0.0.1")
        #expect(sdp.audio?.port == 6000)
        #expect(sdp.audio?.payloadTypes == [0])
        #expect(sdp.audio?.rtpmaps[0] == .init(encoding: "PCMU", clockRate: 8000))
        #expect(sdp.audioDirection == .sendrecv)
        #expect(sdp.audio?.telephoneEventPayloadType == nil)
    }

    @Test func answersSIPpWithPCMUAndNoTelephoneEvent() throws {
        let answer = try #require(SessionDescription.answer(to: Self.sipp, address: "127.0.0.1", port: 40000))
        #expect(answer.codec == 0)
        #expect(answer.telephoneEventPT == nil)
        #expect(answer.remoteAddress == "127.0.0.1")
        #expect(answer.remotePort == 6000)
        #expect(answer.sdp.contains("m=audio 40000 RTP/AVP 0\r\n"))
        #expect(!answer.sdp.contains("telephone-event"))
        #expect(answer.sdp.contains("a=sendrecv"))
        #expect(answer.sdp.hasPrefix("v=0\r\no=callgate "))
        #expect(answer.sdp.contains("c=IN IP4 127.0.0.1\r\n"))
    }

    @Test func parsesASoftphoneOffer() throws {
        let sdp = try #require(SessionDescription.parse(Self.softphone))
        let audio = try #require(sdp.audio)
        #expect(audio.payloadTypes == [96, 9, 8, 0, 101, 102])
        #expect(audio.rtpmaps[96] == .init(encoding: "opus", clockRate: 48000, channels: 2))
        #expect(audio.telephoneEventPayloadType == 101)
        #expect(audio.ptime == 20)
        #expect(audio.fmtps[101] == "0-16")
        #expect(sdp.audioAddress == "192.168.1.20")
        #expect(sdp.media.count == 2)
    }

    @Test func answersASoftphoneWithItsFirstG711AndRefusesVideo() throws {
        let answer = try #require(SessionDescription.answer(to: Self.softphone, address: "198.51.100.7", port: 30000))
        #expect(answer.codec == 8)
        #expect(answer.telephoneEventPT == 101)
        #expect(answer.remoteAddress == "192.168.1.20")
        #expect(answer.remotePort == 4000)
        #expect(answer.sdp.contains("m=audio 30000 RTP/AVP 8 101\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:8 PCMA/8000\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"))
        #expect(answer.sdp.contains("m=video 0 RTP/AVP 97\r\n"))
        #expect(!answer.sdp.contains("opus"))
        #expect(!answer.sdp.contains(" 102"))
    }

    @Test func ourPreferenceOrderDoesNotOverrideTheOffers() throws {
        let answer = try #require(SessionDescription.answer(to: Self.softphone, address: "10.0.0.1", port: 30000,
                                                            supported: [0, 8]))
        #expect(answer.codec == 8)
        let onlyPCMU = try #require(SessionDescription.answer(to: Self.softphone, address: "10.0.0.1", port: 30000,
                                                              supported: [0]))
        #expect(onlyPCMU.codec == 0)
    }

    @Test func holdOfferIsAnsweredRecvonly() throws {
        let offer = try #require(SessionDescription.parse(Self.hold))
        #expect(offer.isHold)
        let answer = try #require(SessionDescription.answer(to: offer, address: "10.0.0.1", port: 30000))
        #expect(answer.direction == .recvonly)
        #expect(answer.sdp.contains("a=recvonly\r\n"))
        #expect(answer.codec == 0)
        #expect(answer.telephoneEventPT == 101)
    }

    @Test(arguments: [
        (MediaDirection.sendrecv, MediaDirection.sendrecv), (.sendonly, .recvonly), (.recvonly, .sendonly),
        (.inactive, .inactive),
    ])
    func directionIsMirrored(offered: MediaDirection, answered: MediaDirection) throws {
        let offer = Self.sipp + "a=\(offered.rawValue)\r\n"
        let answer = try #require(SessionDescription.answer(to: offer, address: "10.0.0.1", port: 30000))
        #expect(answer.direction == answered)
    }

    @Test func sessionLevelDirectionCounts() throws {
        let offer = Self.sipp.replacingFirst("t=0 0\r\n", with: "t=0 0\r\na=sendonly\r\n")
        let sdp = try #require(SessionDescription.parse(offer))
        #expect(sdp.audioDirection == .sendonly)
        #expect(SessionDescription.answer(to: sdp, address: "10.0.0.1", port: 30000)?.direction == .recvonly)
    }

    @Test func rfc2543HoldIsRecognised() throws {
        let sdp = try #require(SessionDescription.parse(Self.sipp.replacingFirst("c=IN IP4 127.0.0.1", with: "c=IN IP4 0.0.0.0")))
        #expect(sdp.isHold)
        #expect(SessionDescription.answer(to: sdp, address: "10.0.0.1", port: 30000)?.remoteAddress == "0.0.0.0")
    }

    @Test(arguments: [
        // G.729 and opus only.
        "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18 96\r\na=rtpmap:18 G729/8000\r\na=rtpmap:96 opus/48000/2\r\n",
        // SRTP only.
        "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc\r\n",
        // Audio refused (port 0), video only.
        "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 5006 RTP/AVP 97\r\n",
        // PT 0 remapped to something else.
        "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\na=rtpmap:0 G722/8000\r\n",
        // No address at all.
        "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n",
        // Not SDP.
        "hello world",
    ])
    func nothingInCommonGivesNil(_ offer: String) {
        #expect(SessionDescription.answer(to: offer, address: "10.0.0.1", port: 30000) == nil)
    }

    @Test func dynamicPayloadTypeMappedToPCMUIsUsed() throws {
        let offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 112 100\r\na=rtpmap:112 PCMU/8000\r\na=rtpmap:100 telephone-event/8000\r\n"
        let answer = try #require(SessionDescription.answer(to: offer, address: "10.0.0.1", port: 30000))
        #expect(answer.codec == 112)
        #expect(answer.telephoneEventPT == 100)
        #expect(answer.sdp.contains("m=audio 30000 RTP/AVP 112 100\r\na=rtpmap:112 PCMU/8000"))
    }

    @Test func withoutTelephoneEventSupportNoneIsAnswered() throws {
        let answer = try #require(SessionDescription.answer(to: Self.softphone, address: "10.0.0.1", port: 30000,
                                                            telephoneEvent: nil))
        #expect(answer.telephoneEventPT == nil)
        #expect(!answer.sdp.contains("telephone-event"))
    }

    @Test func offerListsG711AndTelephoneEventAndParsesBack() throws {
        let text = SessionDescription.offer(address: "127.0.0.1", port: 41000)
        #expect(text.contains("m=audio 41000 RTP/AVP 0 8 101\r\n"))
        let sdp = try #require(SessionDescription.parse(text))
        #expect(sdp.audio?.telephoneEventPayloadType == 101)
        #expect(sdp.audioDirection == .sendrecv)
        #expect(sdp.audioAddress == "127.0.0.1")
        // Answering our own offer picks PCMU.
        #expect(SessionDescription.answer(to: sdp, address: "127.0.0.2", port: 42000)?.codec == 0)
    }

    @Test func ipv6AddressesUseIP6() {
        #expect(SessionDescription.offer(address: "::1", port: 41000).contains("c=IN IP6 ::1\r\n"))
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
