#!/bin/sh
# persistent-menu.sh - the menu of persistent-menu.py as a persistent scenario in POSIX sh.
#
# The idea: a persistent scenario is just a loop: read one event line on stdin, write one answer
# line on stdout, and go on until stdin closes. This one needs no JSON parser and forks nothing per
# event (no sed, no $(...)). The event line is compact JSON with its keys sorted, so the first
# "event":" is the event's name and the first "id":" is the call's id (the "call" object comes
# first), and parameter expansion cuts them out. That holds for the values the engine writes there
# (event names, call ids, keys pressed); for vars or text from callers, use a real JSON parser.
#
#   call.start      -> gather 1 key, with the prompt "Press 1 to hear our opening hours..."
#   gather.done 1   -> say the opening hours + hangup
#   gather.done *   -> hangup (reason no_choice)
#   call.end        -> {"call_id": ..., "actions": []} (an answer is required; its actions are ignored)
#
# Every answer carries "call_id", and printf, a shell builtin, writes it at once (no buffering).
#
# Try it:
#   callgate test scenarios/examples/persistent-menu.sh --persistent --dtmf 1 --expect "say:open from 9"
#   callgate test scenarios/examples/persistent-menu.sh --persistent --dtmf 5 --expect hangup:no_choice --expect-no say

# get NAME: sets value to the string of the first "NAME":"..." in $line; empty when there is none.
get() {
    value=
    case $line in *\"$1\":\"*) ;; *) return ;; esac
    value=${line#*\"$1\":\"}
    value=${value%%\"*}
}

MENU='{"action":"gather","max_digits":1,"timeout":5,"prompt":{"action":"say","text":"Press 1 to hear our opening hours, or any other key to hang up."}}'

while IFS= read -r line; do
    get event; event=$value
    get id; id=$value
    case $event in
    call.start)
        actions=$MENU
        ;;
    gather.done)
        get digits
        if [ "$value" = 1 ]; then
            actions='{"action":"say","text":"We are open from 9 to 5, Monday to Friday. Goodbye."},{"action":"hangup","reason":"hours_given"}'
        else
            actions='{"action":"hangup","reason":"no_choice"}'
        fi
        ;;
    call.end)
        actions=''
        ;;
    *)
        printf 'persistent-menu.sh: call %s: unexpected event %s\n' "$id" "$event" >&2
        actions='{"action":"hangup","reason":"unexpected_event"}'
        ;;
    esac
    printf '{"call_id":"%s","actions":[%s]}\n' "$id" "$actions"
done
