// Writes resources/icon.png (128x128, the marketplace icon) without image tools: raw RGBA through zlib.
import fs from 'node:fs';
import zlib from 'node:zlib';

const W = 128,
  H = 128;
const px = Buffer.alloc(W * H * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * W + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
for (let y = 0; y < H; y++)
  for (let x = 0; x < W; x++) {
    const inChip = x >= 24 && x < 104 && y >= 24 && y < 104;
    const pin =
      ((x - 40) % 16 < 6 && x >= 36 && x < 96 && ((y < 24 && y >= 8) || (y >= 104 && y < 120))) ||
      ((y - 40) % 16 < 6 && y >= 36 && y < 96 && ((x < 24 && x >= 8) || (x >= 104 && x < 120)));
    set(x, y, inChip ? [200, 40, 45] : pin ? [150, 150, 150] : [0, 0, 0, 0]);
  }
// an "M" in white
const M = (x, y) => set(x, y, [255, 255, 255]);
for (let y = 44; y < 86; y++)
  for (let t = 0; t < 6; t++) {
    M(40 + t, y);
    M(82 + t, y);
  }
for (let i = 0; i < 22; i++)
  for (let t = 0; t < 6; t++) {
    M(44 + i + t, 44 + i);
    M(84 - i - t, 44 + i);
  }
const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (b) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8;
ihdr[9] = 6;
fs.writeFileSync(
  new URL('../resources/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
