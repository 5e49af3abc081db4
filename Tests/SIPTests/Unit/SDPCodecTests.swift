import SIP
import Testing

/// Offers and answers with G.722, Opus under dynamic payload types, and our preference order.
@Suite struct SDPCodecTests {
    /// baresip 1.0 with `audio_codecs=opus/48000/2` (its own numbers).
    static let baresipOpus = """
        v=0\r
        o=- 1196 2513 IN IP4 127.0.0.1\r
        s=-\r
        c=IN IP4 127.0.0.1\r
        t=0 0\r
        m=audio 10004 RTP/AVP 96 101\r
        a=rtpmap:96 opus/48000/2\r
        a=fmtp:96 stereo=1;sprop-stereo=1\r
        a=rtpmap:101 telephone-event/8000\r
        a=fmtp:101 0-15\r
        a=sendrecv\r

        """

    @Test func answerUsesTheOffersDynamicNumberForOpus() throws {
        let answer = try #require(SessionDescription.answer(to: Self.baresipOpus, address: "127.0.0.1", port: 30000,
                                                            codecs: [.pcmu, .opus]))
        #expect(answer.codec == 96)
        #expect(answer.format.encoding == "opus" && answer.format.clockRate == 48000 && answer.format.payloadType == 96)
        #expect(answer.telephoneEventPT == 101)
        #expect(answer.sdp.contains("m=audio 30000 RTP/AVP 96 101\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:96 opus/48000/2\r\n"))
        #expect(answer.sdp.contains("a=fmtp:96 minptime=10;useinbandfec=1\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:101 telephone-event/8000\r\n"))
    }

    @Test func answerPicksByOurPreferenceNotTheOffers() throws {
        let softphone = SessionDescriptionTests.softphone  // offers opus 96, G722 9, PCMA 8, PCMU 0
        let g711 = try #require(SessionDescription.answer(to: softphone, address: "10.0.0.1", port: 30000, codecs: [.pcmu, .opus]))
        #expect(g711.codec == 0 && g711.format == .pcmu)
        let wide = try #require(SessionDescription.answer(to: softphone, address: "10.0.0.1", port: 30000, codecs: [.g722, .pcmu]))
        #expect(wide.codec == 9)
        #expect(wide.sdp.contains("a=rtpmap:9 G722/8000\r\n"))
        let opus = try #require(SessionDescription.answer(to: softphone, address: "10.0.0.1", port: 30000, codecs: [.opus, .pcmu]))
        #expect(opus.codec == 96)
        // The softphone offers telephone-event at 8000 (101) and 48000 (102): Opus's clock wins.
        #expect(opus.telephoneEventPT == 102)
        #expect(opus.sdp.contains("a=rtpmap:102 telephone-event/48000\r\n"))
        #expect(wide.telephoneEventPT == 101)
    }

    @Test func noCommonCodecIsNil() {
        #expect(SessionDescription.answer(to: Self.baresipOpus, address: "127.0.0.1", port: 30000, codecs: [.pcmu, .pcma, .g722]) == nil)
        // A number alone means nothing for a dynamic type: 111 without an rtpmap is not Opus.
        let bare = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 111\r\n"
        #expect(SessionDescription.answer(to: bare, address: "10.0.0.1", port: 30000, codecs: [.opus]) == nil)
        // G.722 by its static number alone is.
        let g722 = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 9\r\n"
        #expect(SessionDescription.answer(to: g722, address: "10.0.0.1", port: 30000, codecs: [.opus, .g722])?.codec == 9)
    }

    @Test func offerListsFormatsInOrderWithTheirNumbersAndParsesBack() throws {
        let text = SessionDescription.offer(address: "127.0.0.1", port: 41000, formats: [.opus, .g722, .pcmu])
        #expect(text.contains("m=audio 41000 RTP/AVP 111 9 0 101\r\n"))
        #expect(text.contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"))
        #expect(text.contains("a=rtpmap:9 G722/8000\r\n"))
        #expect(text.contains("a=rtpmap:101 telephone-event/8000\r\n"))
        let sdp = try #require(SessionDescription.parse(text))
        #expect(sdp.audio?.rtpmaps[111] == .init(encoding: "opus", clockRate: 48000, channels: 2))
        // Answering our own offer by another preference order.
        #expect(SessionDescription.answer(to: sdp, address: "127.0.0.2", port: 42000, codecs: [.pcmu, .opus])?.codec == 0)
        #expect(SessionDescription.answer(to: sdp, address: "127.0.0.2", port: 42000, codecs: [.pcma, .opus])?.codec == 111)
    }

    @Test func theOlderStaticAPIsAreUnchanged() {
        #expect(SessionDescription.offer(address: "127.0.0.1", port: 41000).contains("m=audio 41000 RTP/AVP 0 8 101\r\n"))
        // The static list answers in the offer's order, as before.
        #expect(SessionDescription.answer(to: SessionDescriptionTests.softphone, address: "10.0.0.1", port: 30000)?.codec == 8)
        #expect(SDPCodec.byName.keys.sorted() == ["g722", "opus", "pcma", "pcmu"])
    }
}
