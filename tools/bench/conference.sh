#!/bin/sh
# The conference benchmark's scenario: answer, then seat each caller in a room of four, by the
# call id's serial (calls 0-3 in r0, 4-7 in r1, …), for up to an hour.
serial=$(echo "$CALLGATE_CALL_ID" | cut -d- -f3 | cut -c1-4)
case "$CALLGATE_EVENT" in
  call.start) echo "{\"actions\":[{\"action\":\"conference\",\"room\":\"r$((0x$serial / 4))\",\"max_seconds\":3600}]}" ;;
  *) echo '{"actions":[]}' ;;
esac
