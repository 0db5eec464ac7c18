// Renders media/icon.png (128×128): a lens over a flame-coloured incident mark.
// Pure Node (zlib) so it runs anywhere; 4×4 supersampling for smooth edges.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const S = 128;
const SS = 4;
const px = Buffer.alloc(S * S * 4);

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// Shapes in a 0..1 coordinate space; returns [r,g,b,a] or null.
function shade(x, y) {
  const bg = roundedRect(x, y, 0.04, 0.04, 0.92, 0.92, 0.2);
  if (!bg) return null;
  let color = [30, 36, 48, 255];
  // Lens ring.
  const cx = 0.44,
    cy = 0.42,
    r = 0.25;
  const d = Math.hypot(x - cx, y - cy);
  // Handle.
  const hx = x - 0.62,
    hy = y - 0.6;
  const along = (hx + hy) / Math.SQRT2;
  const across = Math.abs(hx - hy) / Math.SQRT2;
  if (along > 0 && along < 0.3 && across < 0.055) color = [210, 214, 222, 255];
  if (d < r - 0.05) {
    // Inside the lens: a flame (incident) shape.
    const fx = (x - cx) / 0.13,
      fy = (y - cy - 0.03) / 0.17;
    const flame = fx * fx + fy * fy < 1 && !(fy < -0.2 && Math.abs(fx) > (fy + 1.2) * 0.8);
    const tip = fy < -0.5 && Math.abs(fx) < (fy + 1.6) * 0.55;
    color = flame || tip ? (fy > 0.3 && Math.abs(fx) < 0.45 ? [255, 209, 102, 255] : [242, 95, 59, 255]) : [44, 54, 72, 255];
  } else if (d < r + 0.035) color = [210, 214, 222, 255];
  return color;
}

function roundedRect(x, y, rx, ry, w, h, rad) {
  const qx = Math.max(rx + rad - x, 0, x - (rx + w - rad));
  const qy = Math.max(ry + rad - y, 0, y - (ry + h - rad));
  return qx * qx + qy * qy <= rad * rad && x >= rx && x <= rx + w && y >= ry && y <= ry + h;
}

for (let j = 0; j < S; j++) {
  for (let i = 0; i < S; i++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sj = 0; sj < SS; sj++) {
      for (let si = 0; si < SS; si++) {
        const c = shade((i + (si + 0.5) / SS) / S, (j + (sj + 0.5) / SS) / S);
        if (c) {
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
    }
    const o = (j * S + i) * 4;
    px[o] = a ? r / a : 0;
    px[o + 1] = a ? g / a : 0;
    px[o + 2] = a ? b / a : 0;
    px[o + 3] = a / (SS * SS);
  }
}

const raw = Buffer.alloc((S * 4 + 1) * S);
for (let j = 0; j < S; j++) px.copy(raw, j * (S * 4 + 1) + 1, j * S * 4, (j + 1) * S * 4);
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8;
ihdr[9] = 6;
writeFileSync(
  new URL('../media/icon.png', import.meta.url),
  Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
);
console.log('wrote media/icon.png');
