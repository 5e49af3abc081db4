#!/bin/sh
# The transcoding benchmark's scenario: answer, then bridge the caller (G.711) to the trunk's
# callee (Opus) for as long as the caller stays.
case "$CALLGATE_EVENT" in
  call.start) echo '{"actions":[{"action":"answer"},{"action":"transfer","to":"+15550100","timeout":30}]}' ;;
  *) echo '{"actions":[]}' ;;
esac
