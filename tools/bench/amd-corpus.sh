#!/usr/bin/env bash
# Generates the answering-machine detection corpus: COUNT recordings of people answering and COUNT
# of answering machines, 8 kHz mono 16-bit WAV, with espeak-ng (voices, speeds, pitches) and sox
# (line noise, the beep). Deterministic: recording N is the same on every run (sox -R).
#   tools/bench/amd-corpus.sh DIR COUNT
#   DIR/human-NN.wav:   0.2-0.9 s of silence, a short answer ("Hello?", "Yes, speaking."), 4 s of silence
#   DIR/machine-NN.wav: 0.1-0.7 s of silence, a voicemail greeting, a 1 kHz beep, 4 s of silence
# Used by the MachineDetectorCorpusTests (a few of each) and tools/bench/amd.sh (the full corpus).
set -euo pipefail
DIR=${1:?usage: amd-corpus.sh DIR COUNT}
COUNT=${2:?usage: amd-corpus.sh DIR COUNT}
[[ $COUNT =~ ^[0-9]+$ ]] && ((COUNT >= 1 && COUNT <= 200)) || { echo "amd-corpus: COUNT must be 1-200, got $COUNT" >&2; exit 2; }
for tool in espeak-ng sox; do command -v $tool >/dev/null || { echo "amd-corpus: $tool is not installed" >&2; exit 2; }; done
mkdir -p "$DIR"

HUMAN=("Hello?" "Yes?" "Hello, yes?" "Yes, speaking." "Smith residence." "Hi." "Yeah?" "Good morning."
  "Speaking." "Who is it?" "Hello, who's this?" "Jones here." "Hey." "This is Anna." "Hello there."
  "Hi, who's calling?" "Good evening." "Yes, hello?" "Hello." "Mark speaking." "Hi, yes?" "Sorry, hello?"
  "Oh, hello." "Yep?" "Hello, Garcia's.")
MACHINE=("Hi, you've reached John and Mary. We can't come to the phone right now. Please leave a message after the tone."
  "Hello, this is Sarah. I'm not available at the moment, so leave your name and number and I'll call you back."
  "You have reached the Smith residence. Nobody is home right now. Please leave a message after the beep."
  "Thank you for calling Acme Plumbing. Our office is closed. Please leave a detailed message and we will return your call."
  "Hi, it's Dave. Leave a message."
  "The person you are calling is not available. Please record your message after the tone. When you are finished, hang up."
  "Hey, this is Mike, sorry I missed you. Leave a message and I'll get back to you as soon as I can."
  "Hello, you've reached the voicemail of doctor Patel. Please leave your name, number and the reason for your call."
  "Welcome to the mailbox of Linda Brown. I am away from my desk. Please leave a message."
  "Hi! We're not home right now, but your call is important to us. Leave a message after the beep, thanks!"
  "This is the Johnson family. We can't take your call right now. Please leave a message."
  "You have reached five five five, one two three four. Please leave a message after the tone."
  "Hello, you have reached Green Valley Dental. Our hours are nine to five, Monday to Friday. Please leave a message."
  "Hi, this is Tom's phone. I can't answer right now. Text me or leave a voicemail."
  "The number you have dialed is not available. At the tone, please record your message."
  "Good day, you've reached Emma. I'm probably out walking the dog. Leave a message!")
VOICES=(en-us en-gb en-gb-scotland en-029 en-gb-x-rp en-us+f3 en-gb+f2 en-us+m3 en-gb-x-rp+f4 en-us+m7 en-029+f1)
SPEEDS=(150 175 135 190 160 145 180)
PITCHES=(50 35 65 45 70 30 55)

# make KIND INDEX TEXT LEAD: one recording
make() {
  local kind=$1 i=$2 text=$3 lead=$4 n
  n=$(printf '%02d' "$i")
  local voice=${VOICES[$((i % ${#VOICES[@]}))]} speed=${SPEEDS[$((i % ${#SPEEDS[@]}))]} pitch=${PITCHES[$((i % ${#PITCHES[@]}))]}
  local work=$DIR/.work-$kind-$n
  mkdir -p "$work"
  espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$work/say.wav" "$text"
  sox "$work/say.wav" -r 8000 -c 1 -b 16 -e signed-integer "$work/speech.wav" norm -$((3 + i % 10))
  sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/lead.wav" trim 0 "$lead"
  sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/tail.wav" trim 0 4
  local parts=("$work/lead.wav" "$work/speech.wav")
  if [[ $kind == machine ]]; then
    sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/gap.wav" trim 0 0.3
    sox -n -r 8000 -c 1 -b 16 -e signed-integer "$work/beep.wav" synth 0.5 sine 1000 vol 0.4
    parts+=("$work/gap.wav" "$work/beep.wav")
  fi
  parts+=("$work/tail.wav")
  sox "${parts[@]}" "$work/clean.wav"
  # Line noise, white or pink, from a quiet line to a noisy one (about -60 to -45 dBFS average).
  local duration noise=whitenoise
  duration=$(soxi -D "$work/clean.wav")
  ((i % 2)) && noise=pinknoise
  sox -R -n -r 8000 -c 1 -b 16 -e signed-integer "$work/noise.wav" synth "$duration" $noise vol "0.0$((10 + (i % 5) * 7))"
  sox -R -m -v 1 "$work/clean.wav" -v 1 "$work/noise.wav" -b 16 -e signed-integer "$DIR/$kind-$n.wav"
  rm -rf "$work"
}

for ((i = 0; i < COUNT; i++)); do
  make human "$i" "${HUMAN[$((i % ${#HUMAN[@]}))]}" "0.$((2 + (i * 3) % 8))"
  make machine "$i" "${MACHINE[$((i % ${#MACHINE[@]}))]}" "0.$((1 + (i * 5) % 7))"
done
