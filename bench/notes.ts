import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  everyLoader,
  machine,
  numberEnv,
  type RunningNode,
  repoRoot,
  sleep,
  startWorkshopCluster,
  stopWorkshopCluster,
  summarizeLog,
  until,
  type WorkshopCluster,
  workingTree,
} from "./lib/cluster.js";
import { findProfile, monotonicMicros, profileWindows } from "./lib/cpuProfile.js";
import {
  markerLinePattern,
  type NotesEditorPlan,
  type NotesEditorText,
  type NotesLoaderMessage,
  NotesLoaderMessageSchema,
  type NotesLoaderResult,
  type NotesParentMessage,
} from "./lib/notesMessages.js";
import {
  type ConvergenceCheck,
  type NotesPhaseReport,
  type NotesRun,
  renderNotesResults,
  summarize,
  writeNotesResults,
} from "./lib/notesReport.js";
import { requireOpenFiles, runMain } from "./lib/processes.js";
import { cpuSpan, sampleAll } from "./lib/procStats.js";
import { commandStats } from "./lib/redisStats.js";
import { publish } from "./lib/report.js";
import { ClientStats, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * The notes-editing bench: editors type into shared notes documents over two workshop nodes
 * sharing one Redis. Phase "plenary": BENCH_EDITORS note-takers in the plenary's document;
 * phase "rooms": BENCH_ROOMS breakout rooms with two note-takers each, each pair in its room's
 * document. Every editor inserts one short marker line BENCH_RATE times a second for
 * BENCH_SECONDS, each insertion sent as its own `notes:update`. Measured: ack latency,
 * propagation (sender's emit → each other editor's `notes:update`), messages per editor,
 * CPU of the nodes and Redis from /proc, event-loop delay, and at the end whether every
 * editor's text and the stored document agree and hold every acknowledged update exactly once.
 * Writes its section of docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

const PHASES = ["plenary", "rooms"] as const;
type PhaseName = (typeof PHASES)[number];

function phasesEnv(): PhaseName[] {
  const raw = process.env.BENCH_PHASES;
  if (!raw) return [...PHASES];
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(PHASES as readonly string[]).includes(name)) {
      throw new Error(`BENCH_PHASES: unknown phase "${name}" (known: ${PHASES.join(", ")})`);
    }
  }
  return names as PhaseName[];
}

const settings = {
  /** Editors in the plenary's document (the issue: 50). */
  editors: Math.floor(numberEnv("BENCH_EDITORS", 50, 2)),
  /** Breakout rooms, two editors each (the issue: 100). */
  rooms: benchSetting.rooms(100),
  /** Updates per second per editor (the issue: 5). */
  rate: numberEnv("BENCH_RATE", 5, 0.1),
  /** Seconds of typing per phase. */
  seconds: numberEnv("BENCH_SECONDS", 20, 1),
  phases: phasesEnv(),
  loaders: benchSetting.loaders(2),
  /** Facilitator connections that set roles and move people (each stays under the 20 commands/s limit). */
  admins: Math.floor(numberEnv("BENCH_ADMINS", 4, 1)),
  /** Joins per second over all generators (not measured). */
  joinRate: benchSetting.joinRate(20),
  /** A warm-up phase first (4 editors in a plenary document, 3 s), so the nodes' code is compiled. */
  warmup: process.env.BENCH_WARMUP !== "0",
  /** One attempt per update: an update unanswered this long counts as a timeout. */
  ackTimeoutS: numberEnv("BENCH_ACK_TIMEOUT_S", 30, 1),
  /** After the last ack, the longest wait for every editor to have every update of its document. */
  settleTimeoutS: benchSetting.settleTimeoutS(30),
  timeoutS: benchSetting.timeoutS(900),
  write: benchSetting.write(),
};

const { logDir, log } = startBench(
  "wk-bench-notes-",
  "Notes editing: many editors in one document and rooms of two, on two nodes, against a bare Yjs relay in the same run.",
  {
    BENCH_PHASES: "comma list of the phases to run (default: all)",
    BENCH_WARMUP: "0: no warm-up",
  },
);

type Loader = ChildLoader<NotesLoaderMessage, NotesParentMessage>;

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(what);
  return value;
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/**
 * Facilitator commands spread over several facilitator connections, each at most ~16 a second
 * (the server allows 20 a second per connection); a RATE_LIMITED answer is retried a second later.
 */
async function paced<T>(
  admins: WorkshopClient[],
  items: readonly T[],
  run: (admin: WorkshopClient, item: T) => Promise<{ ok: true } | { ok: false; code: string }>,
): Promise<Record<string, number>> {
  const failures: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    admins.map(async (admin) => {
      let last = 0;
      while (next < items.length) {
        const item = items[next++] as T;
        for (let attempt = 1; ; attempt++) {
          const wait = last + 60 - Date.now();
          if (wait > 0) await sleep(wait);
          last = Date.now();
          const outcome = await run(admin, item);
          if (outcome.ok) break;
          if (outcome.code === "RATE_LIMITED" && attempt < 5) {
            await sleep(1000);
            continue;
          }
          bump(failures, outcome.code);
          break;
        }
      }
    }),
  );
  return failures;
}

interface PhaseSpec {
  label: string;
  kind: PhaseName;
  editors: number;
  seconds: number;
}

interface Editors {
  plans: NotesEditorPlan[];
  /** Document of editor i once known. */
  docOf: Map<number, string>;
}

/** Editor i: plenary, node i mod 2. Rooms: editor i in room ⌊i/2⌋; even rooms have one editor per node, odd rooms both on one node (alternating). */
function planEditors(kind: PhaseName, count: number): NotesEditorPlan[] {
  return Array.from({ length: count }, (_, index) => {
    if (kind === "plenary") return { index, node: index % 2 };
    const room = Math.floor(index / 2);
    return { index, node: room % 2 === 0 ? index % 2 : Math.floor(room / 2) % 2 };
  });
}

/** The stored documents as a fresh reader gets them: `notes:open` with an empty state vector (then `notes:close`). */
async function storedTexts(admins: WorkshopClient[], docs: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const failures = await paced(admins, docs, async (admin, docId) => {
    const opened = await admin.command(
      "notes:open",
      { docId, stateVector: new Uint8Array([0]) },
      { timeoutMs: 30_000, attempts: 3 },
    );
    if (!opened.ok) return opened;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(opened.data.update));
    texts.set(docId, doc.getText("notes").toString());
    return admin.command("notes:close", { docId }, { timeoutMs: 10_000, attempts: 1 });
  });
  if (texts.size < docs.length) throw new Error(`could not read every stored document: ${JSON.stringify(failures)}`);
  return texts;
}

/** Editors' texts against each other and against the stored document, and the stored lines against the acks. */
async function checkConvergence(
  loaders: Loader[],
  admins: WorkshopClient[],
  docs: string[],
  results: NotesLoaderResult[],
  sentPerEditor: Map<number, number>,
): Promise<ConvergenceCheck> {
  for (const loader of loaders) loader.send({ type: "texts" });
  const texts: NotesEditorText[] = (await everyLoader(loaders, "texts", 60_000)).flatMap((answer) => answer.texts);
  const byDoc = new Map<string, NotesEditorText[]>();
  for (const text of texts) byDoc.set(text.docId, [...(byDoc.get(text.docId) ?? []), text]);
  const notAcked = new Set(results.flatMap((result) => result.notAcked.map(([editor, seq]) => `${editor}.${seq}`)));
  let acked = 0;
  for (const [editor, sent] of sentPerEditor) {
    for (let seq = 0; seq < sent; seq++) if (!notAcked.has(`${editor}.${seq}`)) acked++;
  }
  const check: ConvergenceCheck = {
    docs: docs.length,
    docsEditorsAgree: 0,
    docsStoredAgree: 0,
    editorsChecked: texts.length,
    editorsPending: texts.filter((text) => text.pending).length,
    ackedUpdates: acked,
    ackedInStored: 0,
    duplicateLines: 0,
    unackedInStored: 0,
    foreignLines: 0,
    storedBytes: 0,
  };
  const seen = new Set<string>();
  const storedByDoc = await storedTexts(admins, docs);
  for (const docId of docs) {
    const stored = storedByDoc.get(docId) ?? "";
    check.storedBytes += Buffer.byteLength(stored);
    const hash = createHash("sha1").update(stored).digest("hex");
    const editors = byDoc.get(docId) ?? [];
    if (editors.length > 0 && editors.every((text) => text.sha1 === editors[0]?.sha1)) check.docsEditorsAgree++;
    if (editors.every((text) => text.sha1 === hash)) check.docsStoredAgree++;
    for (const line of stored.split("\n")) {
      if (line === "") continue;
      const match = markerLinePattern.exec(line);
      if (!match) {
        check.foreignLines++;
        continue;
      }
      const key = `${match[1]}.${match[2]}`;
      if (seen.has(key)) check.duplicateLines++;
      else if (notAcked.has(key)) check.unackedInStored++;
      else check.ackedInStored++;
      seen.add(key);
    }
  }
  return check;
}

async function runPhase(cluster: WorkshopCluster, spec: PhaseSpec): Promise<NotesPhaseReport> {
  const { nodes, redis, redisClient } = cluster;
  const targets = nodes.map((node) => node.url);
  const firstUrl = must(targets[0], "no node");
  const created = await createWorkshop(firstUrl, `Bench notes ${spec.label}`);
  const adminStats = new ClientStats();
  const admins = Array.from(
    { length: settings.admins },
    (_, index) =>
      new WorkshopClient(
        targets[index % targets.length] ?? firstUrl,
        {
          facilitatorKey: created.facilitatorKey,
          displayName: `Bench facilitator ${index + 1}`,
          protocol: PROTOCOL_VERSION,
        },
        adminStats,
        () => undefined,
      ),
  );
  const loaderCount = Math.min(settings.loaders, spec.editors);
  const loaders: Loader[] = Array.from({ length: loaderCount }, (_, index) =>
    ChildLoader.start<NotesLoaderMessage, NotesParentMessage>(
      logDir,
      "bench/notesClient.ts",
      `${spec.label}-loader-${index + 1}`,
      NotesLoaderMessageSchema,
    ),
  );
  try {
    if (!(await until(() => admins.every((admin) => admin.state.version >= 0), 30_000))) {
      throw new Error("a facilitator got no session");
    }
    for (const loader of loaders) {
      if (!(await loader.next("ready", 30_000))) throw new Error("a load generator did not start within 30 s");
    }
    const reader = must(admins[0], "no facilitator");

    // --- Join (not measured).
    const plans = planEditors(spec.kind, spec.editors);
    const editors: Editors = { plans, docOf: new Map() };
    const joinStart = Date.now() + 300;
    for (const [loaderIndex, loader] of loaders.entries()) {
      loader.send({
        type: "join",
        config: {
          targets,
          joinCode: created.joinCode,
          editors: plans.filter((plan) => plan.index % loaderCount === loaderIndex),
          joinRate: settings.joinRate / loaderCount,
          startAt: joinStart,
          namePrefix: "bench-editor-",
        },
      });
    }
    const joined = await everyLoader(loaders, "joined", (spec.editors / settings.joinRate) * 1000 + 60_000);
    const participantOf = new Map(joined.flatMap((answer) => answer.participants));
    const joinFailures: Record<string, number> = {};
    for (const answer of joined)
      for (const [code, count] of Object.entries(answer.failures)) bump(joinFailures, code, count);
    log(`${spec.label}: ${participantOf.size}/${spec.editors} editors joined`);

    // --- Everyone a note-taker: note-takers edit the plenary's notes and every room's.
    const roleFailures = await paced(admins, [...participantOf.values()], (admin, participantId) =>
      admin.command(
        "participant:setRole",
        { commandId: newCommandId(), participantId, role: "note-taker" },
        { timeoutMs: 30_000, attempts: 2 },
      ),
    );
    log(`${spec.label}: roles set (failures: ${JSON.stringify(roleFailures)})`);

    // --- Rooms: plan, two editors per room, open.
    let moveFailures: Record<string, number> = {};
    if (spec.kind === "rooms") {
      const roomCount = Math.ceil(spec.editors / 2);
      const plan = await reader.command(
        "breakout:plan",
        {
          commandId: newCommandId(),
          rooms: Array.from({ length: roomCount }, (_, room) => ({ name: `Room ${room + 1}` })),
          durationSeconds: 3600,
        },
        { timeoutMs: 30_000, attempts: 1 },
      );
      if (!plan.ok) throw new Error(`breakout:plan refused: ${plan.code} ${plan.message}`);
      const round = plan.data;
      const pairs = round.rooms.map((room, index) => ({
        roomId: room.roomId,
        participantIds: [2 * index, 2 * index + 1].flatMap((editor) => {
          const id = participantOf.get(editor);
          return id ? [id] : [];
        }),
      }));
      moveFailures = await paced(
        admins,
        pairs.filter((pair) => pair.participantIds.length > 0),
        (admin, pair) =>
          admin.command(
            "breakout:move",
            {
              commandId: newCommandId(),
              roundId: round.roundId,
              participantIds: pair.participantIds,
              roomId: pair.roomId,
            },
            { timeoutMs: 30_000, attempts: 2 },
          ),
      );
      const opened = await reader.command(
        "breakout:open",
        { commandId: newCommandId(), roundId: round.roundId },
        { timeoutMs: 30_000, attempts: 1 },
      );
      if (!opened.ok) throw new Error(`breakout:open refused: ${opened.code} ${opened.message}`);
      for (const plan of plans)
        editors.docOf.set(plan.index, must(round.rooms[Math.floor(plan.index / 2)], "room").roomId);
      log(
        `${spec.label}: ${round.rooms.length} rooms planned, pairs moved (failures: ${JSON.stringify(moveFailures)}), round open`,
      );
    } else {
      for (const plan of plans) editors.docOf.set(plan.index, "plenary");
    }
    // Let the role changes and moves reach everyone (and the rooms be fetched) before anything is measured.
    await sleep(3000);

    // --- Every editor opens its document.
    for (const loader of loaders) loader.send({ type: "open", docs: [...editors.docOf.entries()] });
    const opened = await everyLoader(loaders, "opened", 60_000);
    const editable = opened.reduce((sum, answer) => sum + answer.editable, 0);
    const readOnly = opened.reduce((sum, answer) => sum + answer.readOnly, 0);
    const openFailures: Record<string, number> = {};
    for (const answer of opened)
      for (const [code, count] of Object.entries(answer.failures)) bump(openFailures, code, count);
    log(
      `${spec.label}: ${editable} editors can edit, ${readOnly} read-only, open failures ${JSON.stringify(openFailures)}`,
    );
    await sleep(1000);

    // --- Typing, measured.
    const pids = new Map<string, number>([
      ...nodes.map((node) => [node.name, node.pid] as [string, number]),
      ["redis", redis.pid],
      ...loaders.flatMap((loader, index) =>
        loader.pid === undefined ? [] : [[`loader-${index + 1}`, loader.pid] as [string, number]],
      ),
    ]);
    // What the nodes cost with everyone connected and following, nobody typing: the floor under the typing's CPU.
    const idleStart = sampleAll(pids);
    const idleMonoStart = monotonicMicros();
    await sleep(2000);
    const idle = cpuSpan(`${spec.label}: idle, every editor following`, idleStart, sampleAll(pids));
    const idleMonoEnd = monotonicMicros();
    const updatesPerEditor = Math.max(1, Math.round(settings.rate * spec.seconds));
    // Resets each node's event-loop histogram (after a full GC, which therefore is not in the window).
    await Promise.all(nodes.map((node) => node.memory()));
    await redisClient.sendCommand(["CONFIG", "RESETSTAT"]);
    const metricsBefore = await Promise.all(targets.map((url) => notesMetrics(url)));
    const startAt = Date.now() + 1000;
    const nodeOf = plans.map((plan) => plan.node);
    for (const loader of loaders) {
      loader.send({
        type: "type",
        config: {
          startAt,
          rate: settings.rate,
          updatesPerEditor,
          editors: spec.editors,
          ackTimeoutMs: settings.ackTimeoutS * 1000,
          nodeOf,
        },
      });
    }
    await sleep(Math.max(0, startAt - Date.now() - 2));
    const windowStart = sampleAll(pids);
    const monoStart = monotonicMicros();
    log(`${spec.label}: typing, ${updatesPerEditor} updates per editor at ${settings.rate}/s`);
    const typed = await everyLoader(loaders, "typed", spec.seconds * 1000 + settings.ackTimeoutS * 1000 + 60_000);
    const ackedByDoc: Record<string, number> = {};
    for (const answer of typed)
      for (const [docId, count] of Object.entries(answer.acked)) bump(ackedByDoc, docId, count);
    const lastAck = Math.max(...typed.map((answer) => answer.at));
    for (const loader of loaders) {
      loader.send({ type: "expect", acked: ackedByDoc, timeoutMs: settings.settleTimeoutS * 1000 });
    }
    const delivered = await everyLoader(loaders, "delivered", settings.settleTimeoutS * 1000 + 30_000);
    const windowEnd = sampleAll(pids);
    const monoEnd = monotonicMicros();
    const lastDelivery = Math.max(...delivered.map((answer) => answer.at));
    const incomplete = delivered.reduce((sum, answer) => sum + answer.incomplete, 0);
    const missing = delivered.reduce((sum, answer) => sum + answer.missing, 0);
    log(
      `${spec.label}: last ack ${((lastAck - startAt) / 1000).toFixed(1)} s after the start, every update delivered ` +
        `${((lastDelivery - startAt) / 1000).toFixed(1)} s after (${incomplete} editors missing ${missing})`,
    );
    const heaps = await Promise.all(nodes.map((node) => node.memory()));
    const metricsAfter = await Promise.all(targets.map((url) => notesMetrics(url)));
    const redisStats = await commandStats(redisClient);

    for (const loader of loaders) loader.send({ type: "report" });
    const results = (await everyLoader(loaders, "result", 60_000)).map((answer) => answer.result);
    writeFileSync(path.join(logDir, `${spec.label}-editors.json`), JSON.stringify(results));

    // --- Convergence: as the editors hold it now; after one resync (what a reconnect does) only if that failed.
    const docs = [...new Set(editors.docOf.values())];
    const sentPerEditor = new Map(results.flatMap((result) => result.sentPerEditor));
    const totalSent = results.reduce((sum, result) => sum + result.sent, 0);
    const live = await checkConvergence(loaders, admins, docs, results, sentPerEditor);
    let afterResync: ConvergenceCheck | null = null;
    if (!converged(live)) {
      log(`${spec.label}: not converged as typed (${JSON.stringify(live)}); resyncing every editor`);
      for (const loader of loaders) loader.send({ type: "resync" });
      await everyLoader(loaders, "resynced", 120_000);
      await sleep(2000);
      afterResync = await checkConvergence(loaders, admins, docs, results, sentPerEditor);
    }

    const editorsPerDoc = new Map<string, number>();
    for (const docId of editors.docOf.values()) editorsPerDoc.set(docId, (editorsPerDoc.get(docId) ?? 0) + 1);
    const receiversPerUpdate = new Map<number, number>();
    for (const plan of plans) {
      receiversPerUpdate.set(plan.index, (editorsPerDoc.get(editors.docOf.get(plan.index) ?? "") ?? 1) - 1);
    }
    const perUpdate = new Map<string, { ms: number; count: number; sender: number }>();
    for (const result of results) {
      for (const [sender, seq, ms, count] of result.perUpdate) {
        const key = `${sender}.${seq}`;
        const entry = perUpdate.get(key);
        if (entry) {
          entry.ms = Math.max(entry.ms, ms);
          entry.count += count;
        } else perUpdate.set(key, { ms, count, sender });
      }
    }
    const lastReceiver = [...perUpdate.values()]
      .filter((entry) => entry.count >= (receiversPerUpdate.get(entry.sender) ?? 0))
      .map((entry) => entry.ms);
    const refused: Record<string, number> = {};
    for (const result of results)
      for (const [code, count] of Object.entries(result.refused)) bump(refused, code, count);
    const sameNode = results.flatMap((result) => result.sameNodeMs);
    const crossNode = results.flatMap((result) => result.crossNodeMs);
    const acked = results.reduce((sum, result) => sum + result.acked, 0);
    const expectedDeliveries =
      plans.reduce((sum, plan) => sum + (ackedByDoc[editors.docOf.get(plan.index) ?? ""] ?? 0), 0) - acked;
    return {
      label: spec.label,
      kind: spec.kind,
      docs: docs.length,
      editorsPlanned: spec.editors,
      editorsJoined: participantOf.size,
      editable,
      readOnly,
      setupFailures: { join: joinFailures, role: roleFailures, move: moveFailures, open: openFailures },
      updatesPerEditor,
      seconds: spec.seconds,
      rate: settings.rate,
      sent: totalSent,
      acked,
      refused,
      resends: results.reduce((sum, result) => sum + result.resends, 0),
      ackedAfterResend: results.reduce((sum, result) => sum + result.ackedAfterResend, 0),
      neverAcked: results.reduce((sum, result) => sum + result.notAcked.length, 0),
      duplicates: results.reduce((sum, result) => sum + result.duplicates, 0),
      ack: summarize(results.flatMap((result) => result.ackMs)),
      ackBySecond: ackTimeline(results),
      ackSteady: summarize(
        results.flatMap((result) => result.ackMs.filter((_, index) => (result.ackSecond[index] ?? 0) >= 3)),
      ),
      propagationSteady: summarize(results.flatMap((result) => result.steadyMs)),
      propagation: summarize([...sameNode, ...crossNode]),
      sameNode: summarize(sameNode),
      crossNode: summarize(crossNode),
      lastReceiver: summarize(lastReceiver),
      updatesSeenByAll: lastReceiver.length,
      deliveries: sameNode.length + crossNode.length,
      expectedDeliveries,
      incompleteEditors: incomplete,
      missingDeliveries: missing,
      unmarked: results.reduce((sum, result) => sum + result.unmarked, 0),
      notesEvents: results.flatMap((result) => result.notesEvents),
      wsMessages: results.flatMap((result) => result.wsMessages),
      wsBytes: results.flatMap((result) => result.wsBytes),
      window: {
        typingSeconds: spec.seconds,
        lastAckS: (lastAck - startAt) / 1000,
        lastDeliveryS: (lastDelivery - startAt) / 1000,
      },
      cpu: cpuSpan(`${spec.label}: first tick → every update delivered`, windowStart, windowEnd),
      idleCpu: idle,
      nodeLoop: nodes.map((node, index) => ({ name: node.name, loopDelay: heaps[index]?.loopDelay ?? null })),
      nodeUpdateMs: nodes.map((node, index) => {
        const before = metricsBefore[index];
        const after = metricsAfter[index];
        const count = (after?.count ?? 0) - (before?.count ?? 0);
        return {
          name: node.name,
          count,
          meanMs: count > 0 ? (((after?.sum ?? 0) - (before?.sum ?? 0)) / count) * 1000 : Number.NaN,
        };
      }),
      redis: Object.entries(redisStats)
        .map(([name, stat]) => ({ name, calls: stat.calls, usec: stat.usec }))
        .sort((a, b) => b.usec - a.usec)
        .slice(0, 8),
      loaders: results.map((result, index) => ({
        name: `loader-${index + 1}`,
        editors: result.connected,
        cpuSeconds: result.cpuSeconds,
        loopDelayP99Ms: result.loopDelayP99Ms,
        loopDelayMaxMs: result.loopDelayMaxMs,
        lateP99Ms: result.lateP99Ms,
        lateMaxMs: result.lateMaxMs,
        disconnects: result.disconnects,
      })),
      convergence: live,
      afterResync,
      profileWindows: [
        { label: `${spec.label}, idle before the typing`, from: idleMonoStart, to: idleMonoEnd },
        { label: `${spec.label}, typing`, from: monoStart, to: monoEnd },
      ],
    };
  } finally {
    for (const admin of admins) admin.socket.close();
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
}

/** Ack p50 / p99 of the messages emitted in each second of the typing: shows when queues built up. */
function ackTimeline(results: NotesLoaderResult[]): Array<{ second: number; p50: number; p99: number }> {
  const bySecond = new Map<number, number[]>();
  for (const result of results) {
    result.ackMs.forEach((ms, index) => {
      const second = result.ackSecond[index] ?? -1;
      const list = bySecond.get(second) ?? [];
      list.push(ms);
      bySecond.set(second, list);
    });
  }
  return [...bySecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, values]) => {
      const summary = summarize(values);
      return { second, p50: summary.p50, p99: summary.p99 };
    });
}

function converged(check: ConvergenceCheck): boolean {
  return (
    check.docsEditorsAgree === check.docs &&
    check.docsStoredAgree === check.docs &&
    check.editorsPending === 0 &&
    check.ackedInStored === check.ackedUpdates &&
    check.duplicateLines === 0 &&
    check.foreignLines === 0
  );
}

/** The nodes' own handling time of `notes:update` (receipt → ack), from /metrics. */
async function notesMetrics(url: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = /^workshop_command_duration_seconds_sum\{command="notes:update"\} ([\d.e+-]+)/m.exec(text);
  const count = /^workshop_command_duration_seconds_count\{command="notes:update"\} (\d+)/m.exec(text);
  return { sum: Number(sum?.[1] ?? 0), count: Number(count?.[1] ?? 0) };
}

function profiles(report: NotesRun): NotesRun["profiles"] {
  if (process.env.BENCH_PROFILE !== "1") return [];
  const found: NotesRun["profiles"] = [];
  const windows = report.phases.flatMap((phase) => phase.profileWindows);
  for (const node of report.nodeNames) {
    const file = findProfile(path.join(logDir, "profiles", node));
    if (!file) {
      log(`no CPU profile for ${node}`);
      continue;
    }
    try {
      found.push({ process: node, windows: profileWindows(file, windows, repoRoot, 10) });
    } catch (error) {
      log(`could not read the profile of ${node}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

async function main(): Promise<void> {
  const biggest = Math.max(settings.phases.includes("plenary") ? settings.editors : 0, 2 * settings.rooms);
  const need = Math.ceil(biggest / Math.min(settings.loaders, 2)) + 256;
  requireOpenFiles(need);
  if (settings.rooms > 200) throw new Error("BENCH_ROOMS: a round has at most 200 rooms");
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const cluster = await startWorkshopCluster(logDir);
  log(`redis and ${cluster.nodes.length} workshop nodes up`);
  const report: NotesRun = {
    settings,
    phases: [],
    nodeNames: cluster.nodes.map((node: RunningNode) => node.name),
    exits: [],
    logs: {},
    profiles: [],
    machine: machine(),
    tree: workingTree(),
    logDir,
  };
  try {
    if (settings.warmup) {
      await runPhase(cluster, { label: "warmup", kind: "plenary", editors: 4, seconds: 3 });
      log("warm-up done");
      await sleep(2000);
    }
    for (const phase of settings.phases) {
      report.phases.push(
        await runPhase(cluster, {
          label: phase,
          kind: phase,
          editors: phase === "plenary" ? settings.editors : 2 * settings.rooms,
          seconds: settings.seconds,
        }),
      );
      await sleep(2000);
    }
  } finally {
    report.exits = await stopWorkshopCluster(cluster).catch(() => []);
    report.logs = Object.fromEntries(cluster.nodes.map((node) => [node.name, summarizeLog(node.logPath).problems]));
    log(`nodes stopped: ${report.exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ")}`);
  }
  report.profiles = profiles(report);
  const markdown = renderNotesResults(report);
  publish(markdown, settings.write, writeNotesResults, log);
  log(`logs kept in ${logDir}`);
}

runMain(main, settings.timeoutS, log);
