// Compares Comms's segment counts (bodies.jsonl from Generate.java) with Twilio's reference
// calculator (npm sms-segments-calculator, installed by run.sh, never committed).
const fs = require('fs');
const { SegmentedMessage } = require('sms-segments-calculator');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let agree = 0, encodingDiff = 0, sizeDiff = 0;
const examples = [];
for (const line of lines) {
  const c = JSON.parse(line);
  const m = new SegmentedMessage(c.body);
  const bits = m.encodingName === 'GSM-7' ? 7 : 16;
  const sizes = m.segments.map(s => s.messageSizeInBits() / bits);
  const same = m.encodingName === c.encoding && JSON.stringify(sizes) === JSON.stringify(c.sizes);
  if (same) { agree++; continue; }
  if (m.encodingName !== c.encoding) encodingDiff++; else sizeDiff++;
  if (examples.length < 10) examples.push({ body: JSON.stringify(c.body).slice(0, 80), ours: [c.encoding, c.sizes], reference: [m.encodingName, sizes] });
}
console.log(`bodies=${lines.length} agree=${agree} encoding_differs=${encodingDiff} sizes_differ=${sizeDiff}`);
for (const e of examples) console.log(JSON.stringify(e));
process.exit(agree === lines.length ? 0 : 1);
