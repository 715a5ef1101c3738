import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { UpdateValidator } from "../server/services/notes/updateValidator.js";
import { markerLine } from "./lib/notesMessages.js";

/**
 * How many notes updates a second the server's UpdateValidator gets through while the main
 * thread is busy with other work in chunks of N ms, as a node's event loop is while it relays
 * edits to many sockets: keystroke-sized updates (a marker line, tens of bytes) and 4 KiB ones
 * (a paste), which take different paths when the validator decodes small updates inline.
 * Prints one line per size and chunk. `node --import tsx bench/notesValidator.ts`
 * (BENCH_UPDATES, default 1000 of each size).
 */

const count = Number(process.env.BENCH_UPDATES ?? 1000);

function updatesOf(size: "keystroke" | "4 KiB"): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const paste = "x".repeat(4096);
  for (let seq = 0; seq < count; seq++) {
    doc.getText("notes").insert(0, size === "keystroke" ? markerLine(1, seq, Date.now()) : paste);
  }
  return updates;
}

const validator = new UpdateValidator(1000);
await new Promise((resolve) => setTimeout(resolve, 500));
for (const size of ["keystroke", "4 KiB"] as const) {
  const updates = updatesOf(size);
  const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0) / updates.length;
  const decodeStart = performance.now();
  for (const update of updates) Y.decodeUpdate(update);
  const inThreadUs = ((performance.now() - decodeStart) / updates.length) * 1000;
  process.stdout.write(
    `${size} updates (${bytes.toFixed(0)} B): decoding one here takes ${inThreadUs.toFixed(1)} µs\n`,
  );
  for (const busyMs of [0, 0.5, 1, 2, 5]) {
    let stop = false;
    let turns = 0;
    const spin = () => {
      if (stop) return;
      const until = performance.now() + busyMs;
      while (performance.now() < until) {
        // Other sockets' work.
      }
      turns++;
      setImmediate(spin);
    };
    if (busyMs > 0) setImmediate(spin);
    const started = performance.now();
    const valid = (await Promise.all(updates.map((update) => validator.validate(update)))).filter(Boolean).length;
    const ms = performance.now() - started;
    stop = true;
    process.stdout.write(
      `  main thread busy ${busyMs} ms per event-loop turn: ${valid}/${updates.length} valid in ${ms.toFixed(0)} ms = ` +
        `${((updates.length / ms) * 1000).toFixed(0)} validations/s (${turns} turns)\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
await validator.close();
