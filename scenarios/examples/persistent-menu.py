#!/usr/bin/env python3
"""persistent-menu.py - a small menu as a persistent scenario: one process answers many events.

The idea: starting a Python interpreter costs about 20 ms, on every event of every call. A route
with `persistent: true` starts this program once (a few copies, the route's `workers`) and keeps
it running: callgate writes each event as ONE line of JSON on stdin, and the program answers
with ONE line on stdout, the usual {"actions": [...]} plus "call_id", the id of the call the
event belongs to (event["call"]["id"]). One event at a time per process: no threads, no locks.
Flush after every answer, or callgate waits until the deadline.

  call.start      -> gather 1 key, with the prompt "Press 1 to hear our opening hours..."
  gather.done 1   -> say the opening hours + hangup
  gather.done *   -> hangup (reason no_choice)
  call.end        -> an answer is still required (its actions are ignored): {"call_id": ..., "actions": []}

Keep nothing about a call in the program's memory: another worker may get the call's next event.
Keep it in vars (the set action), as in any scenario. stdin closing means: exit now.

Python 3, standard library only.

Try it:
  callgate test scenarios/examples/persistent-menu.py --persistent --dtmf 1 --expect "say:open from 9"
  callgate test scenarios/examples/persistent-menu.py --persistent --dtmf 5 --expect hangup:no_choice --expect-no say
"""

import json
import sys

MENU = {
    "action": "gather", "max_digits": 1, "timeout": 5,
    "prompt": {"action": "say", "text": "Press 1 to hear our opening hours, or any other key to hang up."},
}


def log(message):
    """stderr goes to the engine log."""
    print(f"persistent-menu: {message}", file=sys.stderr, flush=True)


def handle(event):
    name, result = event.get("event"), event.get("result") or {}
    if name == "call.start":
        return [MENU]
    if name == "gather.done":
        if result.get("digits") == "1":
            return [{"action": "say", "text": "We are open from 9 to 5, Monday to Friday. Goodbye."},
                    {"action": "hangup", "reason": "hours_given"}]
        return [{"action": "hangup", "reason": "no_choice"}]
    if name == "call.end":
        return []
    log(f"unexpected event {name!r}")
    return [{"action": "hangup", "reason": "unexpected_event"}]


def main():
    # readline, not `for line in sys.stdin`: answer each line as soon as it arrives.
    while True:
        line = sys.stdin.readline()
        if not line:
            return  # stdin closed: callgate is stopping this worker
        event = json.loads(line)
        try:
            actions = handle(event)
        except Exception as e:  # one bad event must not end the worker
            log(f"call {event['call']['id']}: {e!r}")
            actions = [{"action": "hangup", "reason": "scenario_error"}]
        sys.stdout.write(json.dumps({"call_id": event["call"]["id"], "actions": actions}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
