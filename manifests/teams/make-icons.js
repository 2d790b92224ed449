#!/usr/bin/env node
"use strict";
// Draws the Teams app icons: color.png (192x192, full colour) and outline.png (32x32, white on transparent),
// as Teams requires. Run again after changing the drawing: node manifests/teams/make-icons.js
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const crc32 = require("./crc32");

function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (width * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// A sheet of notes with a shield over its lower right corner: "notes, guarded". Coordinates are in a
// 0..1 square so both sizes share the drawing.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function inShield(x, y) {
  const cx = 0.66, top = 0.5, w = 0.2, h = 0.34;
  if (y < top || y > top + h) return false;
  const t = (y - top) / h;
  // Straight sides for the upper half, then tapering to a point: a heraldic shield.
  const half = t < 0.45 ? w : w * (1 - (t - 0.45) / 0.55);
  return Math.abs(x - cx) <= half;
}
const inSheet = (x, y) => inRect(x, y, 0.22, 0.14, 0.68, 0.84);
const inLine = (x, y) => [0.3, 0.4, 0.5, 0.6].some((ly) => inRect(x, y, 0.3, ly, 0.6, ly + 0.035));

const teal = [0x1f, 0x6f, 0x78, 255], white = [255, 255, 255, 255], ink = [0x1f, 0x6f, 0x78, 255];
const amber = [0xf2, 0xa9, 0x00, 255], clear = [0, 0, 0, 0];

function colour(size) {
  return (px, py) => {
    const x = px / size, y = py / size;
    if (inShield(x, y)) return amber;
    if (inSheet(x, y)) return inLine(x, y) ? ink : white;
    return teal;
  };
}

// Outline: white shapes on transparent, with the shield cut out of the sheet by a transparent gap.
function outline(size) {
  return (px, py) => {
    const x = px / size, y = py / size;
    if (inShield(x, y)) return white;
    const gap = inShield(x - 0.04, y) || inShield(x + 0.04, y) || inShield(x, y - 0.04) || inShield(x, y + 0.04);
    if (inSheet(x, y) && !gap && !inLine(x, y)) return white;
    return clear;
  };
}

fs.writeFileSync(path.join(__dirname, "color.png"), png(192, 192, colour(192)));
fs.writeFileSync(path.join(__dirname, "outline.png"), png(32, 32, outline(32)));
console.log("wrote color.png (192x192) and outline.png (32x32)");
