#!/bin/sh
# rating.sh - ask the caller to rate the operator once the operator has hung up.
#
# The idea: when an agent ends a queued call, the caller is still on the line, and the scenario
# gets the next word (queue.done with reason "agent_hangup"). Use it for a one-key survey.
# Scenarios are stateless, so the agent who took the call is kept in vars at queue.done and read
# back as CALLGATE_VAR_AGENT when the rating arrives in gather.done.
#
#   call.start                  -> "Please hold..." + enqueue support
#   queue.done agent_hangup     -> set {"agent": ...} + gather 1 key, 6 s, "Please rate your operator from 1 to 5"
#   gather.done 1..5            -> set {"rating": N, "rated_agent": AGENT} + "Thank you" + hangup
#   gather.done other or none   -> goodbye + hangup
#   queue.done any other reason -> sorry + hangup
#
# Try it:
#   callgate test scenarios/examples/rating.sh --queue-result agent_hangup --dtmf 5 --expect set:rating=5 --expect say:Thank
#   callgate test scenarios/examples/rating.sh --queue-result agent_hangup --dtmf 9 --expect say:Goodbye --expect hangup:not_rated
#   callgate test scenarios/examples/rating.sh --queue-result no_agents --expect say:Sorry --expect hangup:no_operator

ACTIONS=""

# json_string TEXT: TEXT as a JSON string (\ and " escaped, control characters made harmless).
json_string() {
    printf '"%s"' "$({ printf '%s' "$1" | tr '\t\r\n' '   ' | tr -d '\000-\037'; echo; } |
        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

add() {
    if [ -z "$ACTIONS" ]; then ACTIONS="$1"; else ACTIONS="$ACTIONS, $1"; fi
}

say()    { add "{\"action\": \"say\", \"text\": $(json_string "$1")}"; }
hangup() { add "{\"action\": \"hangup\", \"reason\": $(json_string "${1:-normal}")}"; }

log() {
    printf 'rating: call %s: %s\n' "${CALLGATE_CALL_ID:-?}" "$*" >&2
}

case $CALLGATE_EVENT in
call.start)
    add '{"action": "answer"}'
    say "Please hold, an operator will be with you shortly."
    add '{"action": "enqueue", "queue": "support"}'
    ;;

queue.done)
    if [ "${CALLGATE_RESULT_REASON:-}" = agent_hangup ]; then
        # Remember who took the call: the rating comes in the next event.
        add "{\"action\": \"set\", \"vars\": {\"agent\": $(json_string "${CALLGATE_RESULT_AGENT:-unknown}")}}"
        add "{\"action\": \"gather\", \"max_digits\": 1, \"timeout\": 6, \"prompt\": {\"action\": \"say\", \"text\": \"Please rate your operator from 1 to 5.\"}}"
    else
        log "no operator: ${CALLGATE_RESULT_REASON:-?}"
        say "Sorry, no operator could take your call. Please try again later. Goodbye."
        hangup no_operator
    fi
    ;;

gather.done)
    case ${CALLGATE_RESULT_DIGITS:-} in
    [1-5])
        rating=$CALLGATE_RESULT_DIGITS
        agent=${CALLGATE_VAR_AGENT:-unknown}
        log "agent $agent rated $rating"
        # The rating is stored as a number, the agent as a string.
        add "{\"action\": \"set\", \"vars\": {\"rating\": $rating, \"rated_agent\": $(json_string "$agent")}}"
        say "Thank you for your feedback. Goodbye."
        hangup rated
        ;;
    *)
        say "No rating this time. Goodbye."
        hangup not_rated
        ;;
    esac
    ;;

call.end)
    # A notification: the output is ignored.
    ;;

*)
    log "unexpected event '${CALLGATE_EVENT:-}'"
    hangup
    ;;
esac

printf '{"actions": [%s]}\n' "$ACTIONS"
