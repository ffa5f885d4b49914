#!/usr/bin/env bash
# Cross-checks Comms's SMS segment counter against Twilio's message-segment-calculator
# (npm package sms-segments-calculator, installed here, never committed).
# Usage: tools/segments-crosscheck/run.sh [count]   (needs node, npm, and `mvn install` of comms-api)
set -euo pipefail
cd "$(dirname "$0")"
N="${1:-5000}"
[ -d node_modules/sms-segments-calculator ] || npm install --no-save --silent sms-segments-calculator@1.3.0
API_JAR="$(ls ../../comms-api/target/comms-api-*.jar | grep -v sources | grep -v javadoc | head -n 1)"
CP="$API_JAR:$(find ~/.m2/repository -name 'libphonenumber-*.jar' | head -n 1):$(find ~/.m2/repository -name 'commons-validator-*.jar' | head -n 1)"
java -cp "$CP" Generate.java "$N" bodies.jsonl
node compare.js bodies.jsonl
