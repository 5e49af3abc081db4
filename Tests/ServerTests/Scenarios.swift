/// The scenarios the SIP tests route calls to: small sh scripts, one idea each.
enum TestScenarios {
    /// Answer, play a welcome, then gather one key during a menu prompt (barge-in): 1 and 2 pick branches.
    static let ivr = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"play","file":"welcome.wav"},{"action":"gather","max_digits":1,"timeout":20,"prompt":{"action":"play","file":"hold.wav"}}]}' ;;
        gather.done)
          case "$CALLGATE_RESULT_DIGITS" in
          1) echo '{"actions":[{"action":"set","vars":{"choice":1}},{"action":"play","file":"goodbye.wav"},{"action":"hangup","reason":"picked-1"}]}' ;;
          2) echo '{"actions":[{"action":"hangup","reason":"picked-2"}]}' ;;
          *) echo '{"actions":[{"action":"hangup","reason":"no-choice"}]}' ;;
          esac ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// Record the caller after a beep until # (or 10 s), then hang up.
    static let record = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"record","max_seconds":10,"beep":true}]}' ;;
        record.done) echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"recorded-$CALLGATE_RESULT_REASON\\"}]}" ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// A long prompt, for a caller who hangs up in the middle of it.
    static let longPrompt = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"play","file":"error.wav"},{"action":"play","file":"error.wav"}]}' ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// Thinks for three seconds before answering: time for the caller to give up (CANCEL).
    static let slow = """
        #!/bin/sh
        [ "$CALLGATE_EVENT" = call.start ] && sleep 2
        echo '{"actions":[{"action":"answer"},{"action":"hangup"}]}'
        """

    /// Turns every call away with 486 at once: no answer, no media (cheap to flood).
    static let busy = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"reject","code":486}]}' ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// Answer, a short prompt, hang up: the load test's call.
    static let short = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"play","file":"welcome.wav"},{"action":"hangup","reason":"done"}]}' ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// Answer and wait for keys for a long time: a call that stays up until something else ends it.
    static let hold = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"play","file":"hold.wav"},{"action":"gather","max_digits":1,"timeout":60}]}' ;;
        *) echo '{"actions":[]}' ;;
        esac
        """
}

extension TestScenarios {
    /// Transfer to agent 1001 at once; when the transfer ends, hang up saying how it ended.
    static let transfer = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"transfer","to":"1001","timeout":10}]}' ;;
        transfer.done) echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"transfer-$CALLGATE_RESULT_REASON\\"}]}" ;;
        *) echo '{"actions":[]}' ;;
        esac
        """
}

extension TestScenarios {
    /// Queue the caller in "support"; after the operator hangs up, ask for a 1-5 rating and keep it.
    static let queueWithRating = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start) echo '{"actions":[{"action":"answer"},{"action":"enqueue","queue":"support"}]}' ;;
        queue.done)
          if [ "$CALLGATE_RESULT_REASON" = agent_hangup ]; then
            echo '{"actions":[{"action":"gather","max_digits":1,"timeout":15,"prompt":{"action":"say","text":"Please rate your operator from one to five."}}]}'
          else
            echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"queue-$CALLGATE_RESULT_REASON\\"}]}"
          fi ;;
        gather.done) echo "{\\"actions\\":[{\\"action\\":\\"set\\",\\"vars\\":{\\"rating\\":\\"$CALLGATE_RESULT_DIGITS\\"}},{\\"action\\":\\"hangup\\",\\"reason\\":\\"rated\\"}]}" ;;
        *) echo '{"actions":[]}' ;;
        esac
        """

    /// Play a welcome (so the caller learns the engine's media address), echo until # or 20 s, hang up.
    static let echo = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
          call.start) echo '{"actions":[{"action":"play","file":"welcome.wav"},{"action":"echo","max_seconds":20},{"action":"hangup","reason":"echo-over"}]}' ;;
          *) echo '{"actions":[]}' ;;
        esac
        """

    /// Holds its call in set-up until the test creates `release` next to it (at most 20 s).
    static let setupGate = """
        #!/bin/sh
        if [ "$CALLGATE_EVENT" = call.start ]; then
          i=0
          while [ ! -e release ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
          echo '{"actions":[{"action":"answer"},{"action":"hangup","reason":"released"}]}'
        else
          echo '{"actions":[]}'
        fi
        """
}

extension TestScenarios {
    /// Every caller joins room "team"; caller 5551001 as its moderator. When the room lets the caller
    /// go, the call ends naming why (`conf-kicked`, `conf-room_ended`).
    static let conference = """
        #!/bin/sh
        case "$CALLGATE_EVENT" in
        call.start)
          if [ "$CALLGATE_FROM" = 5551001 ]; then moderator=true; else moderator=false; fi
          echo "{\\"actions\\":[{\\"action\\":\\"answer\\"},{\\"action\\":\\"conference\\",\\"room\\":\\"team\\",\\"moderator\\":$moderator}]}" ;;
        conference.done) echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"conf-$CALLGATE_RESULT_REASON\\"}]}" ;;
        *) echo '{"actions":[]}' ;;
        esac
        """
}
