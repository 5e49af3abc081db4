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
# Music on hold: a soft arpeggio loop (sox synth), 16 s.
notes=(C4 E4 G4 C5 A3 C4 E4 A4 F3 A3 C4 F4 G3 B3 D4 G4)
parts=()
for i in "${!notes[@]}"; do
  sox -n -r 8000 -c 1 -b 16 -e signed-integer "/tmp/moh-$i.wav" synth 1 pluck "${notes[$i]}" vol 0.4 fade 0 1 0.3
  parts+=("/tmp/moh-$i.wav")
done
sox "${parts[@]}" moh.wav
rm -f "${parts[@]}"
say queue-full.wav "All our agents are busy. Please call again later."
