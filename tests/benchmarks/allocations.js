// Allocations per turn for tests/benchmarks/run: sums the runtime's allocated bytes (dotnet-counters csv, counter
// dotnet.gc.heap.total_allocated, one increment per second) over the measured run and divides by its turns.
// The collection starts 2 s before the run and stops 1.5 s after it; the idle app allocates little in that time.
//
//   node allocations.js <counters.csv> <turns>   → bytes per turn
'use strict';
const fs = require('node:fs');

const [file, turnsArg] = process.argv.slice(2);
const turns = Number(turnsArg);
let total = 0;
let rows = 0;
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  const fields = line.split(',');
  // Timestamp, Provider, Counter Name, Counter Type, Mean/Increment
  if (fields.length >= 5 && fields[2].startsWith('dotnet.gc.heap.total_allocated') && fields[3] === 'Rate') {
    total += Number(fields[4]);
    rows++;
  }
}
if (rows === 0 || !(turns > 0)) {
  console.error(`allocations: no dotnet.gc.heap.total_allocated rows in ${file} (or no turns)`);
  process.exit(1);
}
console.log(Math.round(total / turns));
