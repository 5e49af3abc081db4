#!/bin/sh
# demo-ivr.sh - the demo IVR that callgate runs by default. Copy it as a template.
#
# How a scenario works
#   callgate runs this script once per call event, CGI-style, with this folder as its working
#   directory. The event arrives as JSON on stdin and, so that a shell script needs no JSON
#   parser, also as environment variables:
#     CALLGATE_EVENT          call.start, gather.done, record.done, transfer.done, queue.done, call.end
#     CALLGATE_CALL_ID  CALLGATE_FROM  CALLGATE_TO  CALLGATE_DIRECTION  CALLGATE_STATE
#     CALLGATE_VAR_<NAME>     every var this call set earlier with a "set" action (name uppercased)
#     CALLGATE_RESULT_<NAME>  every field of the outcome of the last gather/record/transfer/enqueue,
#                             e.g. CALLGATE_RESULT_DIGITS, CALLGATE_RESULT_REASON
#   The script prints exactly one JSON object on stdout: {"actions": [ ... ]}.
#   gather, record, transfer and enqueue end the list: their outcome comes as the next event.
#   A list that runs out hangs up. The script is stateless: whatever must survive until the
#   next event goes into vars with a "set" action. stderr goes to the engine log.
#
# The menu
#   1  support queue (press * while waiting to leave a message instead)
#   2  hear a (made-up) balance, then back to the menu
#   3  leave a message
#   0  the operator, extension 1001; if busy or not answering, the support queue
#   After 3 wrong keys or silences the call ends with hangup reason "no_input".
#
# Try it (--dtmf gives the keys of each gather in turn; an empty group is a timeout):
#   callgate test scenarios/demo-ivr.sh --dtmf 1 --expect enqueue:support
#   callgate test scenarios/demo-ivr.sh --dtmf "2,3" --expect say:balance --expect record
#   callgate test scenarios/demo-ivr.sh --dtmf 0 --agent busy --expect transfer:1001 --expect enqueue:support
#   callgate test scenarios/demo-ivr.sh --dtmf 1 --queue-result no_agents --expect record
#   callgate test scenarios/demo-ivr.sh --dtmf "9,,7" --expect set:tries=3 --expect hangup:no_input

MENU="For support, press 1. For your balance, press 2. To leave a message, press 3. For the operator, press 0."
MAX_TRIES=3

# ---------------------------------------------------------------------------------------------
# Building the reply. Each helper appends one action; reply prints the whole object.

ACTIONS=""

# json_string TEXT: prints TEXT as a JSON string. Escapes \ and ", turns tabs and newlines into
# spaces and drops other control characters, so any text (even from a caller) is safe.
json_string() {
    printf '"%s"' "$({ printf '%s' "$1" | tr '\t\r\n' '   ' | tr -d '\000-\037'; echo; } |
        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

add() {
    if [ -z "$ACTIONS" ]; then ACTIONS="$1"; else ACTIONS="$ACTIONS, $1"; fi
}

reply() {
    printf '{"actions": [%s]}\n' "$ACTIONS"
}

answer()   { add '{"action": "answer"}'; }
say()      { add "{\"action\": \"say\", \"text\": $(json_string "$1")}"; }
hangup()   { add "{\"action\": \"hangup\", \"reason\": $(json_string "${1:-normal}")}"; }
transfer() { add "{\"action\": \"transfer\", \"to\": $(json_string "$1"), \"timeout\": 20}"; }

# set_number NAME N: stores a number in vars (it comes back as CALLGATE_VAR_<NAME>).
set_number() { add "{\"action\": \"set\", \"vars\": {\"$1\": $2}}"; }

# The menu: one key, 5 seconds, the menu read out while waiting (a key stops the prompt).
menu() {
    add "{\"action\": \"gather\", \"max_digits\": 1, \"timeout\": 5, \"prompt\": {\"action\": \"say\", \"text\": $(json_string "$MENU")}}"
}

# The support queue; * leaves it (queue.done with reason "key").
support_queue() {
    add '{"action": "enqueue", "queue": "support", "exit_key": "*"}'
}

# Voicemail: up to 2 minutes after a beep; # ends it (record.done follows).
voicemail() {
    say "Leave your message after the beep. Press pound when you are done."
    add '{"action": "record", "max_seconds": 120, "beep": true, "terminator": "#"}'
}

log() {
    printf 'demo-ivr: call %s: %s\n' "${CALLGATE_CALL_ID:-?}" "$*" >&2
}

# ---------------------------------------------------------------------------------------------
# A wrong key ($1) or none ($1 empty): count the try in vars, then replay the menu or give up.

failed_try() {
    tries=${CALLGATE_VAR_TRIES:-0}
    case $tries in ''|*[!0-9]*) tries=0 ;; esac
    tries=$((tries + 1))
    set_number tries "$tries"
    if [ "$tries" -ge "$MAX_TRIES" ]; then
        log "no valid choice after $tries tries"
        say "Sorry, we could not get your choice. Goodbye."
        hangup no_input
        return
    fi
    case $1 in
    '')  say "Sorry, we did not hear your choice." ;;
    '*') say "Sorry, star is not a valid choice." ;;
    '#') say "Sorry, pound is not a valid choice." ;;
    *)   say "Sorry, $1 is not a valid choice." ;;
    esac
    menu
}

# ---------------------------------------------------------------------------------------------
# One branch per event.

case $CALLGATE_EVENT in
call.start)
    log "from ${CALLGATE_FROM:-unknown} to ${CALLGATE_TO:-unknown}"
    answer
    say "Welcome to the callgate demo."
    menu
    ;;

gather.done)
    # CALLGATE_RESULT_REASON is complete, timeout or terminator (# pressed); DIGITS leaves # out.
    digits=${CALLGATE_RESULT_DIGITS:-}
    if [ -z "$digits" ] && [ "${CALLGATE_RESULT_REASON:-}" = terminator ]; then digits='#'; fi
    case $digits in
    1)
        say "Connecting you to support. Press star at any time to leave a message instead."
        support_queue
        ;;
    2)
        say "This is a demo: your balance is 42 dollars and 17 cents."
        menu
        ;;
    3)
        voicemail
        ;;
    0)
        say "Connecting you to the operator."
        transfer 1001
        ;;
    *)
        failed_try "$digits"
        ;;
    esac
    ;;

record.done)
    log "message recorded: ${CALLGATE_RESULT_FILE:-?} (${CALLGATE_RESULT_DURATION:-?} s, ${CALLGATE_RESULT_REASON:-?})"
    say "Thank you for your message. Goodbye."
    hangup voicemail
    ;;

queue.done)
    case ${CALLGATE_RESULT_REASON:-} in
    agent_hangup)
        hangup
        ;;
    key | timeout | no_agents | full)
        log "left queue ${CALLGATE_RESULT_QUEUE:-?}: ${CALLGATE_RESULT_REASON}"
        say "Sorry, no one can take your call right now."
        voicemail
        ;;
    *)
        log "queue.done with unexpected reason '${CALLGATE_RESULT_REASON:-}'"
        hangup
        ;;
    esac
    ;;

transfer.done)
    case ${CALLGATE_RESULT_REASON:-} in
    busy | no_answer | failed)
        log "operator ${CALLGATE_RESULT_TO:-?}: ${CALLGATE_RESULT_REASON}"
        say "Sorry, the operator is not available. Connecting you to support."
        support_queue
        ;;
    *)
        # ended: the caller talked to the operator and the operator hung up.
        hangup
        ;;
    esac
    ;;

call.end)
    # A notification: the call is already over and this output is ignored.
    log "ended (tries: ${CALLGATE_VAR_TRIES:-0})"
    ;;

*)
    log "unexpected event '${CALLGATE_EVENT:-}'"
    hangup
    ;;
esac

reply
