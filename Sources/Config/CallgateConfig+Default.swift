extension CallgateConfig {
    /// The configuration `callgate serve` uses without `--config`: every key with its default,
    /// the demo IVR on every number, two demo queues and three demo agents. docs/configuration.md
    /// explains it.
    ///
    /// The demo agents' passwords (`demo1001` …, see docs/configuration.md) and the demo API token
    /// are public: the default listens on 127.0.0.1 only. Write a configuration of your own before
    /// opening it up.
    public static let embeddedDefaultYAML = #"""
        # callgate configuration. Relative paths resolve against this file's folder.
        sip:
          listen: 127.0.0.1:5060          # UDP and TCP on this address
          public_address: 127.0.0.1       # put in SDP and Contact; defaults to the listen host
          realm: callgate                 # digest authentication realm (agents' hashes depend on it)
          max_calls: 200                  # more get 503 with Retry-After
          user_agent: callgate
          max_contacts_per_agent: 3       # phones one agent may register at once; one more replaces the oldest
          auth:                           # failed digest logins (docs/security.md); GET /api/security lists bans
            max_failures: 5               # this many wrong passwords from one address within ...
            failure_window_seconds: 60    # ... this many seconds ban the address (403 to everything) ...
            ban_seconds: 300              # ... for this long
          max_message_bytes: 65536        # larger SIP messages are refused
          tcp_idle_seconds: 300           # a TCP connection quiet this long is closed
          message_timeout_seconds: 10     # a message whose bytes stop this long closes its connection
          max_tcp_connections_per_source: 32
          max_tcp_connections: 1024
          nat_keepalive_seconds: 30       # OPTIONS to phones behind a NAT (CRLF on TCP/TLS); a silent one is unregistered; 0: off
          local_networks: []              # peers on these (e.g. [10.0.0.0/8]) get rtp.address in SDP, others rtp.public_address
          srtp: optional                  # SDES-SRTP for callers and others: off | optional | required (agents and trunks may set their own)
          codecs: [pcmu, pcma, g722, opus]  # preference order: answers to callers; agents and trunks without their own list
          transfer_queue_prefix: "*8"     # a transfer (REFER or API) to *8support puts the caller into queue support
          transfer_ring_seconds: 30       # a transfer's target rings this long before the caller goes back to the operator
          # tls:                          # none by default: SIP over TLS beside UDP and TCP (docs/sip.md#sip-over-tls)
          #   listen: 0.0.0.0:5061        # the TLS listener (TCP); not sip.listen's port
          #   certificate: tls/cert.pem   # PEM certificate, then any intermediates; relative to this file
          #   key: tls/key.pem            # its PEM private key, unencrypted; keep it readable by callgate only
          #   min_version: "1.2"          # or "1.3"
        rtp:
          address: 127.0.0.1
          port_min: 20000                 # even; each call takes an even RTP port and the odd one above for RTCP
          port_max: 20998                 # even: the highest RTP port (RTCP of the last call uses 20999)
          timeout_seconds: 30             # no RTP for this long -> hang up
          latching: signalling_ip         # symmetric RTP toward callers behind NAT: strict, signalling_ip or off (docs/sip.md#nat)
          # public_address: 203.0.113.10  # SDP address for peers outside sip.local_networks (an engine behind a 1:1 NAT)
        http:
          listen: 127.0.0.1:8080
          token: demo-token-change-me-0001  # PUBLIC demo token: change it (16+ characters); refused off loopback
          idle_timeout_seconds: 60        # a connection silent this long is closed (WebSockets answer pings)
          max_connections: 256            # open connections at once; one more gets 503
          max_websocket_clients: 32       # /api/events clients at once; one more gets 503
        data_dir: var                     # SQLite database, recordings, caches
        scenarios_dir: scenarios
        sounds_dir: sounds
        music_on_hold: moh.wav            # what a held party hears outside a queue (in one: the queue's moh)
        tts:
          command: [espeak-ng, -v, "{voice}", --stdout, "{text}"]
          voice: en-us
        limits:
          scenario_deadline_seconds: 3
          scenario_output_bytes: 1048576
          scenario_processes: 32
          events_per_call: 200
          vars_bytes: 65536
          calls_in_setup: 100             # more INVITEs while this many calls wait for their scenario: 503
          setup_retry_after_seconds: 1    #   ... with this Retry-After
          min_free_disk_mb: 500           # less free under data_dir: a record action fails (route fallback); 0: no check
        recordings:
          keep_days: 0                    # delete recordings and unused TTS cache older than this, daily; 0: keep all
        routes:                           # first match wins; matched against the dialed number (To / Request-URI user)
          # - match: "100"                # exact, a glob with * and ?, or a regex between slashes: /^\+1555/
          #   scenario: sales.py          # relative to scenarios_dir
          #   fallback: {queue: support}  # error_prompt (the default), {scenario: other.sh} or {queue: support}
          #   deadline_seconds: 5         # overrides limits.scenario_deadline_seconds
          #   vars: {line: sales}         # initial vars of calls on this route
          #   persistent: true            # long-lived workers, one JSON line per event (docs/scenario-protocol.md)
          #   workers: 2                  # with persistent: the most workers, 1-16
          - match: "*"
            scenario: demo-ivr.sh
            fallback: error_prompt
        queues:                           # what enqueue actions and {queue: NAME} fallbacks name; docs/queues.md
          - name: support
            strategy: longest-idle        # ring-all, longest-idle, round-robin, fewest-calls, least-talk-time, random, skills-based
            max_wait_seconds: 300         # then queue.done with reason timeout; 0: no limit; enqueue's timeout overrides it
            max_length: 0                 # callers waiting at once; 0: no limit; one more gets reason full
            join_empty: false             # false: nobody joins while no agent is logged in and registered (no_agents)
            leave_empty: true             # true: waiting callers leave (no_agents) when the last agent goes
            ring_timeout_seconds: 15      # an agent's phone rings this long
            retry_delay_seconds: 5        # the caller's pause after an unanswered offer
            wrap_up_seconds: 10           # the agent's pause after a conversation
            service_level_seconds: 20     # answered within this wait counts for the service level
            announce_position: true       # tell waiting callers their position ...
            announce_wait: true           # ... and their estimated wait ...
            announce_every_seconds: 30    # ... this often
            moh: moh.wav                  # music on hold, in sounds_dir
            record: false                 # record the conversations
            max_missed_offers: 3          # unanswered offers in a row before the agent is paused (missed_offers); 0: never
          - name: billing
            strategy: fewest-calls        # every other key takes the default shown for support
        agents:                           # password_hash: run `callgate passwd 1001` and paste what it prints
          - extension: "1001"
            name: Alice
            password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
            skills: {en: 8, fr: 4}        # skill: level 1-10, matched against an enqueue's skills
            queues: [support]             # configured queues; logging in without a list joins them all
            # codecs: [opus, g722, pcmu]  # a remote agent's phone: its preference order (default: sip.codecs)
          - extension: "1002"
            name: Bob
            password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
            skills: {en: 6, billing: 7}
            queues: [support, billing]
          - extension: "1003"
            name: Carol
            password_hash: "md5:f487cfbf2bdf32116d5397e14a8ee527"
            skills: {en: 5, billing: 9}
            queues: [billing]
            supervises: ["*"]              # may listen to, whisper to and barge into calls of these queues ("*": all)
        trunks: []                        # none: only extensions can be called
        # trunks:
        #   - name: carrier
        #     address: 127.0.0.1:5080     # where outbound calls to external numbers go
        #     allow: ["+1555*", '/^\+4930/']  # which external numbers may be dialed through it
        #     codecs: [pcma, pcmu]        # the carrier's preference order (default: sip.codecs)
        """#
}
