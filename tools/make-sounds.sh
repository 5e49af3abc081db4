#!/usr/bin/env bash
# Regenerates the shipped prompts in sounds/ (8 kHz mono 16-bit WAV) with espeak-ng and sox.
# The results are committed; run this only to change a prompt's wording.
set -euo pipefail
cd "$(dirname "$0")/../sounds"
say() {  # say FILE TEXT
  espeak-ng -v en-us -s 150 --stdout "$2" | sox -t wav - -r 8000 -c 1 -b 16 -e signed-integer "$1"
}
say error.wav "We are sorry, something went wrong. Please call again later. Goodbye."
say welcome.wav "Welcome to callgate."
say goodbye.wav "Thank you for calling. Goodbye."
say hold.wav "Please hold. Your call is important to us."
