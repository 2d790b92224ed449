// Reads the counts the robustness tests wrote (one JSON file per check) and rewrites the table between the
// reliability markers in docs/reliability.md. Usage: node reliability-table.js RESULTS_DIR DOC EXIT_STATUS
const fs = require("fs");
const path = require("path");
const [dir, doc, status] = process.argv.slice(2);

const checks = fs.readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")));
const sum = (field, prefix) =>
  checks.filter((c) => !prefix || c.check.startsWith(prefix)).reduce((total, c) => total + (c[field] || 0), 0);
const count = (prefix) => checks.filter((c) => c.check.startsWith(prefix)).length;
const seeds = [...new Set(checks.filter((c) => c.seed !== undefined).map((c) => c.seed))];

const rows = [
  ["bad inputs tried (generated requests to 6 endpoints)", sum("badInputs", "fuzz")],
  ["answers that broke the rule (5xx, no reply, failed work)", sum("violations", "fuzz")],
  ["faults injected (store outages, kills, instance switches, failing or hanging peers)", sum("faultsInjected")],
  ["answers lost", sum("answersLost")],
  ["double replies", sum("doubleReplies")],
  ["privacy canaries typed (" + count("privacy") + " stores)", sum("canariesTyped", "privacy")],
  ["leaks (canary found in a store or a log)", sum("leaks", "privacy")],
];
const when = checks.map((c) => c.at).sort().pop() || "never";
const table = [
  "<!-- reliability:begin (scripts/reliability-report rewrites this table) -->",
  "",
  `Last run: ${when.slice(0, 16).replace("T", " ")} UTC, seed ${seeds.join(", ") || "n/a"}, ${checks.length} checks, ` +
    (status === "0" ? "all tests passed." : `**the suite FAILED (exit ${status})**.`),
  "",
  "| measured | count |",
  "|---|---:|",
  ...rows.map(([what, n]) => `| ${what} | ${n} |`),
  "",
  "<!-- reliability:end -->",
].join("\n");

const text = fs.readFileSync(doc, "utf8");
const pattern = /<!-- reliability:begin[\s\S]*?<!-- reliability:end -->/;
if (!pattern.test(text)) {
  console.error(`${doc} has no reliability markers`);
  process.exit(2);
}
fs.writeFileSync(doc, text.replace(pattern, table));
console.log(table);
