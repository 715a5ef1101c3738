import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

/**
 * Draws the app's icons (the favicon's two people on the accent colour) as PNGs for the web
 * manifest: 192 and 512 pixels, and a maskable 512 whose artwork keeps inside the safe circle.
 * Run once when the design changes (`node --import tsx client/build/icons.ts`); the PNGs are
 * committed in client/public/. No image library: a few shapes, 4x4 supersampled, and a PNG writer.
 */

const ACCENT = [0x0b, 0x5c, 0xad] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
type Paint = typeof ACCENT | typeof WHITE | null;

/** The favicon's drawing in its own 64-unit square (client/public/favicon.svg). */
function paintAt(x: number, y: number, maskable: boolean): Paint {
  // Maskable icons are cropped to a circle of 80 % by launchers: full bleed, artwork scaled in.
  const u = maskable ? 32 + (x - 32) / 0.78 : x;
  const v = maskable ? 32 + (y - 32) / 0.78 : y;
  if (!maskable && !insideRoundedSquare(x, y, 14)) return null;
  for (const cx of [22, 42]) {
    if (Math.hypot(u - cx, v - 26) <= 7) return WHITE;
    // Shoulders: the upper half of a ring of radius 12 around (cx, 50), 5 units thick, round ends.
    const r = Math.hypot(u - cx, v - 50);
    if (v <= 50 && Math.abs(r - 12) <= 2.5) return WHITE;
    if (Math.hypot(u - (cx - 12), v - 50) <= 2.5 || Math.hypot(u - (cx + 12), v - 50) <= 2.5) return WHITE;
  }
  return ACCENT;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (64 - radius));
  const dy = Math.max(radius - y, 0, y - (64 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function render(size: number, maskable: boolean): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const paint = paintAt(
            ((px + (sx + 0.5) / samples) * 64) / size,
            ((py + (sy + 0.5) / samples) * 64) / size,
            maskable,
          );
          if (!paint) continue;
          sum[0] = (sum[0] ?? 0) + paint[0];
          sum[1] = (sum[1] ?? 0) + paint[1];
          sum[2] = (sum[2] ?? 0) + paint[2];
          sum[3] = (sum[3] ?? 0) + 255;
        }
      }
      const covered = (sum[3] ?? 0) / 255;
      const at = 1 + px * 4;
      for (let channel = 0; channel < 3; channel++) {
        row[at + channel] = covered === 0 ? 0 : Math.round((sum[channel] ?? 0) / covered);
      }
      row[at + 3] = Math.round((sum[3] ?? 0) / (samples * samples));
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(filteredRows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const publicDir = fileURLToPath(new URL("../public/", import.meta.url));
writeFileSync(`${publicDir}icon-192.png`, render(192, false));
writeFileSync(`${publicDir}icon-512.png`, render(512, false));
writeFileSync(`${publicDir}icon-maskable-512.png`, render(512, true));
