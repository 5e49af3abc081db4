#!/usr/bin/env bash
# Installs the Debian packages callgate needs, only those missing. Called by `make run` and `make test`,
# so a fresh Debian machine needs nothing by hand. Usage: tools/install-deps.sh [run|test]
set -euo pipefail

# command-or-file to look for : Debian package that provides it
run_needs=(
  "cc:gcc"
  "python3:python3"
  "/usr/include/sqlite3.h:libsqlite3-dev"
  "pkg-config:pkg-config"
  "espeak-ng:espeak-ng"
  "sox:sox"
  "/usr/include/sofia-sip-1.12/sofia-sip/nua.h:libsofia-sip-ua-dev"
  "/usr/include/srtp2/srtp.h:libsrtp2-dev"
  "/usr/include/opus/opus.h:libopus-dev"
  "/usr/include/spandsp/g722.h:libspandsp-dev"
  "/usr/include/openssl/ssl.h:libssl-dev"
)
test_needs=("${run_needs[@]}" "sipp:sip-tester" "baresip:baresip" "/usr/sbin/kamailio:kamailio" "openssl:openssl" "tcpdump:tcpdump"
            "/usr/sbin/ip:iproute2" "/usr/sbin/nft:nftables")

case "${1:-test}" in
  run) needs=("${run_needs[@]}") ;;
  test) needs=("${test_needs[@]}") ;;
  *) echo "usage: $0 [run|test]" >&2; exit 64 ;;
esac

missing=()
for entry in "${needs[@]}"; do
  probe="${entry%%:*}"; package="${entry##*:}"
  if [[ "$probe" == /* ]]; then
    [[ -e "$probe" ]] || missing+=("$package")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
