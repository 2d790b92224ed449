// Slack's request signature, version v0: HMAC-SHA256 of "v0:<timestamp>:<raw body>" keyed by the signing secret.
"use strict";
const crypto = require("crypto");
const fs = require("fs");

const sign = (secret, timestamp, body) =>
  "v0=" + crypto.createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex");

// Byte-exact: "-" is standard input. A trailing newline in the file is part of the body.
const readBody = (file) => fs.readFileSync(file === "-" ? 0 : file);

module.exports = { sign, readBody };
