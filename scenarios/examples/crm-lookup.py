#!/usr/bin/env python3
"""crm-lookup.py - route a call by who is calling, looked up in a CRM (here a CSV file).

The idea: a scenario may read anything it likes (a database, an HTTP API, a file) before it
answers. This one looks the caller's number (call.from) up in data/customers.csv
(columns phone,name,tier,balance), keeps what it found in vars for the later events and the
call record, and picks a queue:

  balance below zero  -> "Hello NAME. Your balance is minus X dollars. ..." + queue "billing"
  tier "vip"          -> a greeting by name + queue "support", priority 10
  other known caller  -> a greeting by name + queue "support", priority 5
  unknown caller      -> a neutral greeting + queue "support", priority 0

Vars set at call.start: customer_known (true/false) and, for a known caller, customer_name,
tier and balance (a number). queue.done hangs up; call.end is only a notification.
A missing or broken CSV file is logged on stderr and every caller is then treated as unknown:
a CRM outage must not drop calls.

Python 3, standard library only. The event is read as JSON from stdin.

Try it:
  callgate test scenarios/examples/crm-lookup.py --from +15550001 --expect enqueue:support --expect set:tier=vip
  callgate test scenarios/examples/crm-lookup.py --from +15550002 --expect "say:minus 45 dollars" --expect enqueue:billing
  callgate test scenarios/examples/crm-lookup.py --from +15559999 --expect set:customer_known=false --expect enqueue:support
"""

import csv
import json
import os
import sys
from decimal import Decimal, InvalidOperation

CUSTOMERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "customers.csv")
COLUMNS = {"phone", "name", "tier", "balance"}


def log(message):
    """stderr goes to the engine log."""
    print(f"crm-lookup: {message}", file=sys.stderr)


def reply(*actions):
    """The one JSON object on stdout."""
    json.dump({"actions": list(actions)}, sys.stdout)
    sys.stdout.write("\n")


def normalize(number):
    """'+1 555-0001' and '+15550001' are the same number."""
    return "".join(c for c in number if c.isdigit() or c == "+")


def clean(text):
    """Text from the file, fit to be spoken: control characters and runs of spaces become one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def find_customer(phone):
    """The caller's row as a dict, or None when unknown or when the CRM cannot be read."""
    key = normalize(phone)
    if not key:
        return None
    try:
        with open(CUSTOMERS, newline="", encoding="utf-8") as f:
            rows = csv.DictReader(f)
            missing = COLUMNS - set(rows.fieldnames or [])
            if missing:
                log(f"{CUSTOMERS}: missing columns {', '.join(sorted(missing))}; treating the caller as unknown")
                return None
            for row in rows:
                if normalize(row["phone"] or "") != key:
                    continue
                if None in (row["name"], row["tier"], row["balance"]):
                    log(f"{CUSTOMERS}:{rows.line_num}: incomplete row; treating the caller as unknown")
                    return None
                name = clean(row["name"])[:100]
                try:
                    balance = Decimal(row["balance"].strip())
                    if not balance.is_finite() or abs(balance) >= 10**12:
                        raise InvalidOperation
                except InvalidOperation:
                    log(f"{CUSTOMERS}:{rows.line_num}: bad balance {row['balance']!r}; treating the caller as unknown")
                    return None
                if not name:
                    log(f"{CUSTOMERS}:{rows.line_num}: empty name; treating the caller as unknown")
                    return None
                return {"name": name, "tier": clean(row["tier"]).lower() or "standard", "balance": balance}
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        log(f"cannot read the customers: {e}; treating the caller as unknown")
    return None


def dollars(amount):
    """Decimal('45.50') -> '45 dollars and 50 cents', for text-to-speech."""
    cents = int((abs(amount) * 100).to_integral_value())
    whole, rest = divmod(cents, 100)
    text = f"{whole} dollar{'' if whole == 1 else 's'}"
    if rest:
        text += f" and {rest} cent{'' if rest == 1 else 's'}"
    return text


def as_number(amount):
    """A JSON number: 12 rather than 12.0, 45.5 for 45.50."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def say(text):
    return {"action": "say", "text": text}


def enqueue(queue, priority=0):
    return {"action": "enqueue", "queue": queue, "priority": priority}


def call_start(event):
    call = event.get("call")
    phone = call.get("from") if isinstance(call, dict) else None
    if not isinstance(phone, str):
        phone = os.environ.get("CALLGATE_FROM", "")
    customer = find_customer(phone)
    if customer is None:
        log(f"{phone or 'unknown number'}: not a customer")
        return [
            {"action": "answer"},
            {"action": "set", "vars": {"customer_known": False}},
            say("Welcome. Please hold, the next available agent will take your call."),
            enqueue("support", 0),
        ]

    name, tier, balance = customer["name"], customer["tier"], customer["balance"]
    log(f"{phone}: {name} ({tier}, balance {balance})")
    actions = [
        {"action": "answer"},
        {"action": "set", "vars": {
            "customer_known": True, "customer_name": name, "tier": tier, "balance": as_number(balance),
        }},
    ]
    if balance < 0:
        actions += [
            say(f"Hello {name}. Your balance is minus {dollars(balance)}. "
                "Please hold, our billing team will help you settle it."),
            enqueue("billing", 0),
        ]
    elif tier == "vip":
        actions += [
            say(f"Welcome back, {name}. Thank you for being a valued customer. "
                "One of our senior agents will be with you in a moment."),
            enqueue("support", 10),
        ]
    else:
        actions += [
            say(f"Hello {name}, thank you for calling. Please hold, an agent will be with you shortly."),
            enqueue("support", 5),
        ]
    return actions


def main():
    try:
        event = json.load(sys.stdin)
        if not isinstance(event, dict):
            raise ValueError("not a JSON object")
    except ValueError as e:
        log(f"cannot read the event on stdin ({e}); using the environment")
        event = {}
    name = event.get("event") or os.environ.get("CALLGATE_EVENT", "")

    if name == "call.start":
        reply(*call_start(event))
    elif name == "queue.done":
        reply({"action": "hangup"})
    elif name == "call.end":
        reply()
    else:
        log(f"unexpected event {name!r}")
        reply({"action": "hangup"})


if __name__ == "__main__":
    main()
