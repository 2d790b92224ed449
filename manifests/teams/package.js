#!/usr/bin/env node
"use strict";
// Builds the Teams app package: manifest.json with the bot's App ID (and optionally its domain and site)
// filled in, plus the two icons, zipped with manifest.json at the root.
//
//   node manifests/teams/package.js --app-id <GUID> [--teams-app-id <GUID>] [--domain bot.example.org]
//                                   [--site https://example.org/notesguard] [--version 1.0.1] [--out notesguard-teams.zip]
//
// Needs only Node (>= 18): the zip is written here, without a zip tool.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const crc32 = require("./crc32");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const usage = "usage: package.js --app-id GUID [--teams-app-id GUID] [--domain HOST] [--site URL] [--version X.Y.Z] [--out FILE.zip]";

function parse(argv) {
  const opt = { out: path.join(process.cwd(), "notesguard-teams.zip") };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    const value = argv[++i];
    if (!["app-id", "teams-app-id", "domain", "site", "version", "out"].includes(key) || value === undefined) fail(usage);
    opt[key] = value;
  }
  if (!opt["app-id"] || !GUID.test(opt["app-id"])) fail(`--app-id must be the bot's Microsoft App ID (a GUID)\n${usage}`);
  if (opt["teams-app-id"] && !GUID.test(opt["teams-app-id"])) fail("--teams-app-id must be a GUID");
  if (opt.domain && !/^[a-z0-9.-]+$/i.test(opt.domain)) fail("--domain must be a host name such as bot.example.org");
  if (opt.site && !/^https:\/\/[^\s]+$/.test(opt.site)) fail("--site must be an https URL");
  if (opt.version && !/^\d+\.\d+\.\d+$/.test(opt.version)) fail("--version must look like 1.0.1");
  return opt;
}

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(2);
}

function fill(manifest, opt) {
  manifest.id = (opt["teams-app-id"] || opt["app-id"]).toLowerCase();
  for (const bot of manifest.bots) bot.botId = opt["app-id"].toLowerCase();
  if (opt.domain) manifest.validDomains = [opt.domain];
  if (opt.version) manifest.version = opt.version;
  if (opt.site) {
    const site = opt.site.replace(/\/+$/, "");
    manifest.developer.websiteUrl = site + "/";
    manifest.developer.privacyUrl = site + "/privacy";
    manifest.developer.termsOfUseUrl = site + "/terms";
  }
  return manifest;
}

// A zip archive (deflate), enough for a Teams package: local headers, central directory, end record.
function zip(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0x00210000, 10); // DOS time 00:00, date 1980-01-01: the package is reproducible
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const opt = parse(process.argv.slice(2));
const manifest = fill(JSON.parse(fs.readFileSync(path.join(__dirname, "manifest.json"), "utf8")), opt);
const entries = [
  { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8") },
  { name: manifest.icons.color, data: fs.readFileSync(path.join(__dirname, manifest.icons.color)) },
  { name: manifest.icons.outline, data: fs.readFileSync(path.join(__dirname, manifest.icons.outline)) },
];
fs.writeFileSync(opt.out, zip(entries));
console.log(`wrote ${opt.out} (bot ${manifest.bots[0].botId}, app ${manifest.id})`);
