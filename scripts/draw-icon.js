// Draws media/icon.png (128×128, the Marketplace and Open VSX icon): the activity-bar motif of media/skynet.svg —
// one router in the middle, four providers around it — on a dark rounded square. Plain Node (zlib), no image
// library: shapes are signed distances, anti-aliased by 4×4 supersampling.  usage: node scripts/draw-icon.js [out.png]
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SAMPLES = 4;

const mix = (a, b, t) => a.map((value, index) => value + (b[index] - value) * t);
const hex = (text) => [1, 3, 5].map((start) => parseInt(text.slice(start, start + 2), 16));

// Signed distances (negative inside), in pixels of the 128-pixel canvas.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const segment = (ax, ay, bx, by, half) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - half;
};
const roundedSquare = (inset, radius) => (x, y) => {
  const qx = Math.abs(x - SIZE / 2) - (SIZE / 2 - inset - radius);
  const qy = Math.abs(y - SIZE / 2) - (SIZE / 2 - inset - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};

const C = SIZE / 2;
const corners = [
  [26, 30],
  [102, 30],
  [26, 98],
  [102, 98],
];
const layers = [
  // [shape, colour at (x, y)]
  [roundedSquare(4, 26), (_x, y) => mix(hex('#1e2b4d'), hex('#0b1222'), y / SIZE)],
  ...corners.map(([x, y]) => [segment(x, y, C, C, 3.2), () => hex('#5b7bb5')]),
  [circle(C, C, 25), () => hex('#2a1420')], // halo behind the router
  ...corners.map(([x, y]) => [circle(x, y, 12), () => hex('#4fc3f7')]),
  ...corners.map(([x, y]) => [circle(x, y, 5), () => hex('#0b1222')]),
  [circle(C, C, 18), (x, y) => mix(hex('#ff6b5b'), hex('#c81e2c'), Math.min(1, Math.hypot(x - C + 6, y - C + 6) / 26))],
  [circle(C, C, 6.5), () => hex('#ffe3c2')],
];

function pixel(px, py) {
  let sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      let colour = null;
      for (const [shape, paint] of layers) if (shape(x, y) <= 0) colour = paint(x, y);
      if (colour) sum = [sum[0] + colour[0], sum[1] + colour[1], sum[2] + colour[2], sum[3] + 255];
    }
  }
  const n = SAMPLES * SAMPLES;
  const alpha = sum[3] / n;
  // Colour averaged over covered samples only (straight alpha), so edges do not darken.
  const covered = sum[3] / 255 || 1;
  return [sum[0] / covered, sum[1] / covered, sum[2] / covered, alpha].map(Math.round);
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None), then RGBA
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? path.join(__dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png());
console.log(`wrote ${out}`);
