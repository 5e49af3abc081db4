#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets into fuzz/corpus/<target>/ (docs/security-fuzz.md).

Seeds are real inputs: the SIPp templates of the test suite instantiated as SIPp would send them,
baresip-style INVITEs, SDP offers, RTP and RFC 4733 packets, the scenario reply fixtures, the
configuration examples of docs/configuration.md and API bodies. Run it again after adding a
template or fixture; it only (re)writes seed-* files, never what a fuzzer added.
"""
import glob, json, os, re, struct, textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fuzz", "corpus")

def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)

# --- SIP: the SIPp templates, instantiated --------------------------------------------------------
VALUES = {
    "local_ip": "127.0.0.1", "remote_ip": "127.0.0.1", "local_port": "5180", "remote_port": "5060",
    "media_ip": "127.0.0.1", "media_port": "6000", "local_ip_type": "4", "media_ip_type": "4",
    "transport": "UDP", "service": "1000", "call_number": "1", "pid": "4242",
    "call_id": "1-4242@127.0.0.1", "branch": "z9hG4bK-4242-1-0", "cseq": "1",
    "next_url": "sip:1000@127.0.0.1:5060", "peer_tag_param": ";tag=cg-5f2a", "routes": "",
    "$caller": "5551", "$cseq": "2", "$user": "1001", "$agent_rtp": "6002", "$rtp_port": "6004",
    "$agent_to": "<sip:1001@127.0.0.1:5190>", "$contact_port": "5190",
    "$caller_from": "\"Caller 1\" <sip:5551@127.0.0.1:5180>;tag=4242SIPpTag001",
}
LAST = {
    "Via:": "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-cg-77;rport=5060",
    "From:": "From: <sip:1001@127.0.0.1:5060>;tag=cg-91a",
    "To:": "To: <sip:1002@127.0.0.1:5180>",
    "Call-ID:": "Call-ID: cg-6c1e0b7d@127.0.0.1",
    "CSeq:": "CSeq: 1 INVITE",
}
AUTH = ('Authorization: Digest username="1001",realm="callgate",nonce="0000019a2b3c4d5e8f1e2d3c4b5a69788796a5b4",'
        'uri="sip:127.0.0.1:5060",response="6629fae49393a05397450978507c4ef1",algorithm=MD5,'
        'cnonce="0a4f113b",qop=auth,nc=00000001')

def instantiate(template):
    lines = [l.strip() for l in template.strip("\n").split("\n")]
    out = []
    for original in lines:
        line = original
        line = re.sub(r"\[last_([^\]]+)\]", lambda m: LAST.get(m.group(1), ""), line)
        line = re.sub(r"\[authentication[^\]]*\]", AUTH, line)
        line = re.sub(r"\[(\$?[a-z_]+)\]", lambda m: VALUES.get(m.group(1), m.group(0)), line)
        if line == "" and (original != "" or (out and out[-1] == "")):
            continue  # a keyword that stands for nothing here ([routes]), or a doubled blank line
        out.append(line)
    text = "\r\n".join(out).rstrip("\r\n") + "\r\n"
    head, sep, body = text.partition("\r\n\r\n")
    if not sep:
        head, body = text.rstrip("\r\n"), ""
    body = body.strip("\r\n")
    body = body + "\r\n" if body else ""
    head = head.replace("[len]", str(len(body.encode())))
    return head + "\r\n\r\n" + body

sip_seeds = {}
for path in sorted(glob.glob(os.path.join(ROOT, "Tests/SIPTests/Scenarios/*.xml"))
                   + glob.glob(os.path.join(ROOT, "Tests/ServerTests/SIPp/*.xml"))):
    xml = open(path, encoding="latin-1").read()
    for i, template in enumerate(re.findall(r"<send[^>]*>\s*<!\[CDATA\[(.*?)\]\]>", xml, re.S)):
        message = instantiate(template)
        sip_seeds["%s-%d" % (os.path.basename(path)[:-4], i)] = message

BARESIP_SDP = "\r\n".join([
    "v=0", "o=- 1733562301 1733562302 IN IP4 192.168.1.20", "s=-", "c=IN IP4 192.168.1.20", "t=0 0",
    "m=audio 10086 RTP/AVP 0 8 101", "b=AS:64", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
    "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=sendrecv", "a=label:1",
    "a=ssrc:1734062311 cname:sip:alice@192.168.1.20", "a=rtcp-rsize", "a=ptime:20",
    "m=video 10088 RTP/AVP 96", "a=rtpmap:96 VP8/90000", "a=sendrecv", ""])
sip_seeds["baresip-invite"] = "\r\n".join([
    "INVITE sip:%2B15551234@127.0.0.1:5060;transport=udp SIP/2.0",
    "Via: SIP/2.0/UDP 192.168.1.20:5080;branch=z9hG4bK1b4f6e5a83;rport",
    "Contact: <sip:alice-0x55d1e2@192.168.1.20:5080;transport=udp>",
    "Max-Forwards: 70",
    "To: <sip:%2B15551234@127.0.0.1>",
    'From: "Alice \\"A\\" Smith" <sip:alice@127.0.0.1>;tag=c5b2e1a55a9f3c0e',
    "Call-ID: 2b7b8a1b9d4c6e0f",
    "CSeq: 29148 INVITE",
    "User-Agent: baresip v1.0.0 (x86_64/linux)",
    "Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,UPDATE,REFER",
    "Supported: replaces,norefersub,100rel",
    "X-Scenario-Hint: queue=sales",
    "Content-Type: application/sdp",
    "Content-Length: %d" % len(BARESIP_SDP), "", BARESIP_SDP])
sip_seeds["baresip-register-wildcard"] = "\r\n".join([
    "REGISTER sip:127.0.0.1 SIP/2.0", "Via: SIP/2.0/UDP 192.168.1.20:5080;branch=z9hG4bK7e1;rport",
    "Max-Forwards: 70", "To: <sip:1001@127.0.0.1>", "From: <sip:1001@127.0.0.1>;tag=3e9a",
    "Call-ID: 6a1c3e", "CSeq: 4 REGISTER", "Contact: *", "Expires: 0", AUTH, "Content-Length: 0", "", ""])
sip_seeds["baresip-register-expires"] = "\r\n".join([
    "REGISTER sip:127.0.0.1 SIP/2.0", "Via: SIP/2.0/UDP 192.168.1.20:5080;branch=z9hG4bK7e2;rport",
    "Max-Forwards: 70", "To: <sip:1001@127.0.0.1>", "From: <sip:1001@127.0.0.1>;tag=3e9b",
    "Call-ID: 6a1c3f", "CSeq: 5 REGISTER",
    "Contact: <sip:1001@192.168.1.20:5080;transport=udp>;expires=600;+sip.instance=\"<urn:uuid:1>\"",
    "Contact: <sip:1001@10.0.0.2:5080>;expires=99999999999999999999",
    "Expires: 99999999999999999999", "Content-Length: 0", "", ""])
sip_seeds["info-dtmf-relay"] = "\r\n".join([
    "INFO sip:1000@127.0.0.1:5060 SIP/2.0", "Via: SIP/2.0/UDP 192.168.1.20:5080;branch=z9hG4bK7e3",
    "Max-Forwards: 70", "To: <sip:1000@127.0.0.1>;tag=cg-1", "From: <sip:1001@127.0.0.1>;tag=3e9c",
    "Call-ID: 6a1c40", "CSeq: 6 INFO", "Content-Type: application/dtmf-relay",
    "Content-Length: 24", "", "Signal=5\r\nDuration=160\r\n"])
sip_seeds["response-401"] = "\r\n".join([
    "SIP/2.0 401 Unauthorized", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-cg-1;rport=5060",
    "From: <sip:1000@127.0.0.1>;tag=cg-2", "To: <sip:1002@127.0.0.1>;tag=x1", "Call-ID: cg-out-1",
    "CSeq: 1 INVITE", 'WWW-Authenticate: Digest realm="trunk", nonce="abc", qop="auth"',
    "Content-Length: 0", "", ""])
for name, message in sip_seeds.items():
    write("FuzzSIPMessage", name, message)

# --- SDP ----------------------------------------------------------------------------------------
sdp_seeds = {"baresip": BARESIP_SDP}
for name, message in sip_seeds.items():
    body = message.partition("\r\n\r\n")[2]
    if body.startswith("v=0"):
        sdp_seeds["sip-" + name] = body
def sdp(*lines):
    return "\r\n".join(("v=0", "o=- 1 1 IN IP4 192.0.2.5", "s=-") + lines) + "\r\n"
sdp_seeds.update({
    "pcma-only": sdp("c=IN IP4 192.0.2.5", "t=0 0", "m=audio 4000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000"),
    "dynamic-pcmu": sdp("c=IN IP4 192.0.2.5", "t=0 0", "m=audio 4000 RTP/AVP 96 101",
                        "a=rtpmap:96 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16"),
    "pt-300": sdp("c=IN IP4 192.0.2.5", "t=0 0", "m=audio 4000 RTP/AVP 0 300",
                  "a=rtpmap:300 telephone-event/8000"),
    "hold-sendonly": sdp("c=IN IP4 192.0.2.5", "t=0 0", "a=sendonly", "m=audio 4000 RTP/AVP 0 101",
                         "a=rtpmap:101 telephone-event/8000"),
    "hold-rfc2543": sdp("c=IN IP4 0.0.0.0", "t=0 0", "m=audio 4000 RTP/AVP 0"),
    "ipv6-media-c": sdp("t=0 0", "m=audio 4000/2 RTP/AVP 0 8", "c=IN IP6 2001:db8::5", "a=inactive"),
    "srtp-then-rtp": sdp("c=IN IP4 192.0.2.5", "t=0 0", "m=audio 4000 RTP/SAVP 0",
                         "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
                         "m=audio 4002 RTP/AVP 8 0", "a=ptime:30", "a=recvonly"),
    "disabled-audio": sdp("c=IN IP4 192.0.2.5", "t=0 0", "m=audio 0 RTP/AVP 0", "m=image 5000 udptl t38"),
    "multicast-lf": "v=0\no=- 1 1 IN IP4 224.2.1.1\ns=-\nc=IN IP4 224.2.1.1/127\nt=0 0\nm=audio 4000 RTP/AVP 0\n",
})
for name, body in sdp_seeds.items():
    write("FuzzSDP", name, body)

# --- RTP and RFC 4733 --------------------------------------------------------------------------
def rtp(pt, seq, ts, payload, marker=False, csrcs=(), ext=None, padding=0, ssrc=0x1234ABCD):
    first = 0x80 | len(csrcs) | (0x20 if padding else 0) | (0x10 if ext else 0)
    data = struct.pack("!BBHII", first, (0x80 if marker else 0) | pt, seq, ts, ssrc)
    for c in csrcs:
        data += struct.pack("!I", c)
    if ext:
        profile, words = ext
        data += struct.pack("!HH", profile, len(words)) + b"".join(struct.pack("!I", w) for w in words)
    data += bytes(payload)
    if padding:
        data += bytes(padding - 1) + bytes([padding])
    return data
def event(key, end, volume, duration):
    return struct.pack("!BBH", key, (0x80 if end else 0) | volume, duration)
write("FuzzRTP", "pcmu-20ms", rtp(0, 1, 160, [0xFF] * 160, marker=True))
write("FuzzRTP", "pcma-20ms", rtp(8, 2, 320, [0xD5] * 160))
write("FuzzRTP", "csrc-ext-padding", rtp(0, 3, 480, [0x7F] * 160, csrcs=(1, 2), ext=(0xBEDE, [0x10AA0000]), padding=4))
write("FuzzRTP", "comfort-noise", rtp(13, 4, 640, [0x40]))
write("FuzzRTP", "rtcp-on-rtp", bytes([0x80, 0xC8, 0x00, 0x06]) + bytes(24))
write("FuzzRTP", "event-5-start", rtp(101, 10, 8000, event(5, False, 10, 160), marker=True))
write("FuzzRTP", "event-hash-end", rtp(101, 12, 8000, event(11, True, 10, 800)))
stream = b""
for seq, (key, end, duration, ts) in enumerate([(5, False, 160, 8000), (5, False, 320, 8000), (5, True, 800, 8000),
                                                (5, True, 800, 8000), (11, False, 160, 9600), (11, True, 65535, 9600),
                                                (11, False, 160, 75135), (1, False, 160, 1000)]):
    packet = rtp(101, 20 + seq, ts, event(key, end, 10, duration), marker=(duration == 160))
    stream += bytes([len(packet)]) + packet
write("FuzzRTP", "event-stream", stream)

# --- Scenario replies ----------------------------------------------------------------------------
fixtures = os.path.join(ROOT, "Tests/CallgateCoreTests/Fixtures/replies")
for path in sorted(glob.glob(os.path.join(fixtures, "good/*.json"))):
    write("FuzzReply", "good-" + os.path.basename(path), open(path, "rb").read())
for path in sorted(glob.glob(os.path.join(fixtures, "bad/*.json"))):
    reply = json.load(open(path))["reply"]
    write("FuzzReply", "bad-" + os.path.basename(path), json.dumps(reply, indent=1))

# --- Persistent worker lines: limit byte, read-size byte, then stdout ----------------------------
good = sorted(glob.glob(os.path.join(fixtures, "good/*.json")))
lines = []
for path in good[:12]:
    reply = json.load(open(path))
    reply["call_id"] = "call-1"
    lines.append(json.dumps(reply, separators=(",", ":")))
write("FuzzPersistentLines", "twelve-lines", bytes([60, 7]) + "\n".join(lines).encode() + b"\n")
write("FuzzPersistentLines", "crlf-and-partial", bytes([8, 3]) +
      b'{"call_id":"call-1","actions":[{"action":"answer"}]}\r\n{"call_id":"call-2","actions":[]}\n{"call_id":"ca')
write("FuzzPersistentLines", "overlong-line", bytes([0, 63]) + b'{"call_id":"call-1","actions":[' + b" " * 300 + b"]}\n")
write("FuzzPersistentLines", "not-objects", bytes([4, 1]) + b'[1,2]\n"call-1"\n{"call_id":null}\n{"call_id":7}\n\n')

# --- Configuration -------------------------------------------------------------------------------
doc = open(os.path.join(ROOT, "docs/configuration.md")).read()
for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", doc, re.S)):
    write("FuzzConfig", "configuration-md-%02d.yaml" % i, block)
default = open(os.path.join(ROOT, "Sources/Config/CallgateConfig+Default.swift")).read()
m = re.search(r'"""\n(.*?)\n\s*"""', default, re.S)
if m:
    write("FuzzConfig", "embedded-default.yaml", textwrap.dedent(m.group(1)) + "\n")

# --- HTTP API bodies -----------------------------------------------------------------------------
for name, body in {
    "login-queues": '{"queues": ["sales", "support"]}',
    "login-empty": "{}",
    "pause-reason": '{"reason": "lunch"}',
    "pause-typo": '{"reasn": "lunch"}',
    "login-bad-item": '{"queues": ["sales", 3, ""]}',
    "null-fields": '{"queues": null, "reason": null}',
    "unicode-reason": '{"reason": "caf\\u00e9 \\ud83d\\ude00 \\u0000"}',
}.items():
    write("FuzzHTTPBody", name + ".json", body)

# --- Dictionaries of the generated kind: the words of the reply and configuration formats ----------
# (fuzz/dict/FuzzSIPMessage.dict and FuzzSDP.dict are written by hand.)
def write_dict(target, words, comment):
    folder = os.path.join(ROOT, "fuzz", "dict")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, target + ".dict"), "w") as f:
        f.write("# %s Written by tools/fuzz/make-corpus.py.\n" % comment)
        for word in sorted(words):
            f.write('"%s"\n' % "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "\\x%02x" % ord(c)
                                        for c in word))
def json_words(value, words):
    if isinstance(value, dict):
        for key, item in value.items():
            words.add('"%s":' % key)
            json_words(item, words)
    elif isinstance(value, list):
        for item in value:
            json_words(item, words)
    elif isinstance(value, str) and len(value) <= 24:
        words.add('"%s"' % value)
reply_words = set()
for path in glob.glob(os.path.join(fixtures, "*/*.json")):
    value = json.load(open(path))
    json_words(value.get("reply", value) if "bad" in path else value, reply_words)
write_dict("FuzzReply", reply_words, "JSON keys and short values of the reply fixtures.")
write_dict("FuzzPersistentLines", reply_words | {'"call_id":', '"call-1"', "\n", "\r\n"},
           "The reply words plus the persistent protocol's call_id.")
yaml_words = set()
for path in glob.glob(os.path.join(OUT, "FuzzConfig", "seed-*")):
    for key in re.findall(r"(?m)^\s*-?\s*([a-z_]+):", open(path).read()):
        yaml_words.add(key + ": ")
write_dict("FuzzConfig", yaml_words | {"\n  ", "\n- ", "- ", "&a ", "*a", "!!str ", "'", "\"", "{}", "[]", "~",
                                       "0x", "1e999", "-1", "99999999999999999999", "65536"},
           "Keys of the configuration examples, plus YAML structure.")

for target in sorted(os.listdir(OUT)):
    print("%-22s %3d seeds" % (target, len([f for f in os.listdir(os.path.join(OUT, target)) if f.startswith("seed-")])))
