#!/usr/bin/env python3
"""Small readers for tools/bench/run.sh, one per subcommand; each prints one line.

  stats.py free-port [COUNT]   a free even UDP+TCP port on 127.0.0.1 (the first of COUNT free ones), outside
                               BENCH_RESERVED_PORTS ("LOW-HIGH": a block the run has set aside, free but not yet bound)
  stats.py sipp STATS.csv      "created successful failed retransmissions mean_ms" of SIPp's -trace_stat file
  stats.py rtt-p99 RTT.csv     p99 and max of SIPp's -trace_rtt file, in ms (SIPp writes whole ms)
  stats.py trail DB            mean µs from each call's first `event` trail row to its first `reply` row
  stats.py completed DB        calls answered and completed so far
  stats.py ticks PID...        CPU clock ticks (user + system) of the processes
"""
import os
import random
import socket
import sqlite3
import sys


def reserved():
    text = os.environ.get("BENCH_RESERVED_PORTS", "")
    return [tuple(int(p) for p in r.split("-")) for r in text.split(",") if r]


def free_port(count=1):
    for _ in range(500):
        base = random.randrange(20000, 60000 - 2 * count, 2)
        ok = all(base + count - 1 < low or base > high for low, high in reserved())
        for port in range(base, base + count) if ok else ():
            for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                s = socket.socket(socket.AF_INET, kind)
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                finally:
                    s.close()
            if not ok:
                break
        if ok:
            return base
    sys.exit("no free port")


def ms(text):
    h, m, s, frac = text.split(":")
    return (int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(frac) / (10 ** (len(frac) - 3))


def sipp(path):
    rows = [line.rstrip("\n;").split(";") for line in open(path) if line.strip()]
    v = dict(zip(rows[0], rows[-1]))
    return "%s %s %s %s %.3f" % (v["OutgoingCall(C)"], v["SuccessfulCall(C)"], v["FailedCall(C)"],
                                 v["Retransmissions(C)"], ms(v["ResponseTime1(C)"]))


def rtt_p99(path):
    values = sorted(float(line.split(";")[1]) for line in list(open(path))[1:] if line.count(";") >= 2)
    if not values:
        sys.exit("no response times in " + path)
    return "%.0f %.0f %d" % (values[min(len(values) - 1, int(len(values) * 0.99))], values[-1], len(values))


def trail(path):
    db = sqlite3.connect(path)
    rows = db.execute("""select min(case when kind='event' then at end), min(case when kind='reply' then at end)
                         from trail group by call_id""").fetchall()
    gaps = [(r - e) * 1e6 for e, r in rows if e is not None and r is not None and r >= e]
    if not gaps:
        sys.exit("no event/reply pairs in the trail")
    return "%.1f" % (sum(gaps) / len(gaps))


def completed(path):
    db = sqlite3.connect(path)
    return str(db.execute("select count(*) from calls where answered_at is not null and disposition = 'completed'").fetchone()[0])


def ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError):
            pass
    return str(total)


command, args = sys.argv[1], sys.argv[2:]
print({
    "free-port": lambda: free_port(int(args[0]) if args else 1),
    "sipp": lambda: sipp(args[0]),
    "rtt-p99": lambda: rtt_p99(args[0]),
    "trail": lambda: trail(args[0]),
    "completed": lambda: completed(args[0]),
    "ticks": lambda: ticks(args),
}[command]())
