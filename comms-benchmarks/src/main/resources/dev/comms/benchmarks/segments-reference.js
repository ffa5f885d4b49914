// Twilio's message-segment-calculator (npm sms-segments-calculator) on a corpus written by
// SegmentsVsTwilio: prints one JSON line per message ({"i", "segments", "encoding"}) and, last,
// {"nanosPerMessage": ...} over `rounds` timed passes. Run by the harness; never committed with its package.
const fs = require('fs');
const { SegmentedMessage } = require('sms-segments-calculator');
const [corpusFile, roundsArg] = process.argv.slice(2);
const corpus = JSON.parse(fs.readFileSync(corpusFile, 'utf8'));
const rounds = parseInt(roundsArg || '3', 10);
const out = [];
for (let i = 0; i < corpus.length; i++) {
  const m = new SegmentedMessage(corpus[i]);
  out.push(JSON.stringify({ i, segments: m.segmentsCount, encoding: m.encodingName }));
}
process.stdout.write(out.join('\n') + '\n');
for (let w = 0; w < 2; w++) { for (const s of corpus) { new SegmentedMessage(s).segmentsCount; } }
const times = [];
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (const s of corpus) { sink += new SegmentedMessage(s).segmentsCount; }
  const t1 = process.hrtime.bigint();
  times.push(Number(t1 - t0) / corpus.length + (sink < 0 ? 1 : 0));
}
process.stdout.write(JSON.stringify({ nanosPerMessage: times }) + '\n');
