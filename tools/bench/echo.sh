#!/bin/sh
# The media benchmark's scenario: answer and echo the caller's audio back for up to an hour.
case "$CALLGATE_EVENT" in
  call.start) echo '{"actions":[{"action":"echo","max_seconds":3600,"terminator":""}]}' ;;
  *) echo '{"actions":[]}' ;;
esac
