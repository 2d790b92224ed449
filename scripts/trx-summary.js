// Sums the counters of every .trx file in a folder and prints "tests: N passed, N failed".
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
let passed = 0, failed = 0;
for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!name.endsWith(".trx")) continue;
  const xml = fs.readFileSync(path.join(dir, name), "utf8");
  const m = xml.match(/<Counters\b[^>]*>/);
  if (!m) continue;
  const attr = (k) => Number((m[0].match(new RegExp(`\\b${k}="(\\d+)"`)) || [0, 0])[1]);
  passed += attr("passed");
  failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted");
}
console.log(`tests: ${passed} passed, ${failed} failed`);
