#!/usr/bin/env python3
"""The benchmark's Python scenario, for post-dial delay: reads the event, answers and hangs up."""
import json
import sys

event = json.load(sys.stdin)
actions = [{"action": "answer"}, {"action": "hangup"}] if event["event"] == "call.start" else []
json.dump({"actions": actions}, sys.stdout)
