// What every checker in tests/tools shares: argument handling, exit codes, JSON reading.
// Exit codes: 0 passed, 1 failed, 2 usage or setup error (for example, `install` not run).
"use strict";
const fs = require("fs");
const path = require("path");

const name = path.basename(process.argv[1] || "tool");

function fail(message, code = 2) {
  console.error(`${name}: ${message}`);
  process.exit(code);
}

/** The arguments after the script; prints the usage and exits on --help or when fewer than `min` are given. */
function args(usage, min = 1) {
  const list = process.argv.slice(2);
  if (list.includes("--help") || list.includes("-h")) {
    console.log(usage.trim());
    process.exit(0);
  }
  if (list.length < min) fail(`missing arguments\n${usage.trim()}`);
  return list;
}

/** require() a pinned package, or say how to install it (exit 2). */
function need(pkg) {
  try {
    return require(pkg);
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND") throw e;
    return fail(`${pkg} is not installed: run tests/tools/install (scripts/test does)`);
  }
}

/** JSON text to a value; a byte-order mark is tolerated, errors name the file. */
function parseJson(text, label) {
  try {
    return JSON.parse(String(text).replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`${label}: not JSON (${e.message})`);
  }
}

const readJson = (file) => parseJson(fs.readFileSync(file, "utf8"), file);

/** Collects errors and warnings for one input and prints them as "<label>: LEVEL [by] where message". */
class Findings {
  constructor(label) {
    this.label = label;
    this.errors = 0;
    this.warnings = 0;
  }

  error(where, message, by = "extra") { this.errors++; this.print("ERROR", by, where, message); }

  warning(where, message, by = "extra") { this.warnings++; this.print("WARNING", by, where, message); }

  print(level, by, where, message) {
    console.log(`${this.label}: ${level} [${by}] ${where || "/"} ${message}`);
  }

  /** The closing line for this input; true when it failed. */
  close(strict = false, suffix = "") {
    const failed = this.errors > 0 || (strict && this.warnings > 0);
    console.log(`${this.label}: ${failed ? "INVALID" : "OK"}${suffix} (${this.errors} error(s), ${this.warnings} warning(s))`);
    return failed;
  }
}

module.exports = { name, fail, args, need, parseJson, readJson, Findings };
