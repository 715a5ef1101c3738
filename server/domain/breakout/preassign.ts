/**
 * A pasted pre-assignment list: one `<display name or participant id> -> <room name>` per line.
 * Facilitators paste these from spreadsheets and chat, so separators, case, spacing and Unicode
 * composition vary; every line that cannot be used is reported with its line number, never
 * dropped and never thrown over.
 */

export interface PreassignResult {
  placement: Map<string, string>;
  /** The line each placement came from, to report a placement that then found its room full. */
  sourceLines: Map<string, { line: number; text: string }>;
  unmatched: Array<{
    line: number;
    text: string;
    reason: "unknown person" | "unknown room" | "ambiguous person" | "malformed";
  }>;
}

export const PREASSIGN_MAX_LINES = 5_000;
/** UTF-8 bytes. */
export const PREASSIGN_MAX_BYTES = 200 * 1024;

const SPLITS_TRIED = 8;

/** What may stand between a person and a room. */
const SEPARATORS = ["->", "=>", "→", ",", "\t"] as const;

/** The form names are compared in: NFC, lower case, single spaces, no outer spaces. */
export function normalizeListName(raw: string): string {
  return raw.normalize("NFC").toLocaleLowerCase().replace(/\s+/g, " ").trim();
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // Each half of a surrogate pair counts 2: 4 bytes for the pair, as UTF-8 encodes it.
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

function countLines(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) count++;
    else if (unit === 0x0d) {
      count++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return count;
}

/** Every place a separator starts, with its length, last first. */
function separatorsIn(line: string): Array<{ at: number; length: number }> {
  const found: Array<{ at: number; length: number }> = [];
  for (const separator of SEPARATORS) {
    for (let at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, at + separator.length)) {
      found.push({ at, length: separator.length });
    }
  }
  return found.sort((a, b) => b.at - a.at);
}

export function parsePreassignList(
  text: string,
  people: ReadonlyArray<{ participantId: string; displayName: string }>,
  rooms: ReadonlyArray<{ roomId: string; name: string }>,
): PreassignResult {
  const byId = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const person of people) {
    byId.set(normalizeListName(person.participantId), person.participantId);
    const name = normalizeListName(person.displayName);
    const holders = byName.get(name);
    if (!holders) byName.set(name, [person.participantId]);
    else if (!holders.includes(person.participantId)) holders.push(person.participantId);
  }
  // null: two rooms share the name, so it names neither (the room id still does).
  const roomByName = new Map<string, string | null>();
  for (const room of rooms) {
    const name = normalizeListName(room.name);
    const known = roomByName.get(name);
    roomByName.set(name, known === undefined || known === room.roomId ? room.roomId : null);
  }
  for (const room of rooms) {
    const id = normalizeListName(room.roomId);
    if (!roomByName.get(id)) roomByName.set(id, room.roomId);
  }

  const placement = new Map<string, string>();
  const sourceLines = new Map<string, { line: number; text: string }>();
  const unmatched: PreassignResult["unmatched"] = [];
  // Every character is at least one byte, so nothing past this many characters can be read;
  // not splitting the rest keeps a huge paste cheap.
  const readable = text.length > PREASSIGN_MAX_BYTES + 2 ? text.slice(0, PREASSIGN_MAX_BYTES + 2) : text;
  const lines = readable.split(/\r\n|\r|\n/);
  let bytes = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    bytes += utf8Length(raw) + 1;
    if (lineNumber > PREASSIGN_MAX_LINES || bytes > PREASSIGN_MAX_BYTES + 1) {
      const rest = countLines(text) - index;
      unmatched.push({
        line: lineNumber,
        text: `${rest} more line${rest === 1 ? "" : "s"} not read: a list holds at most ${PREASSIGN_MAX_LINES} lines and ${PREASSIGN_MAX_BYTES / 1024} KB`,
        reason: "malformed",
      });
      break;
    }
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;

    // The room is after the last separator, unless a room's own name holds a separator
    // ("Forced labour, Asia"): then the latest split whose right side names a room wins.
    const splits = separatorsIn(line);
    const first = splits[0];
    if (!first) {
      unmatched.push({ line: lineNumber, text: line, reason: "malformed" });
      continue;
    }
    let split = first;
    let roomId: string | undefined;
    // A few tries are plenty for any room name, and keep a line of many commas cheap.
    for (const candidate of splits.slice(0, SPLITS_TRIED)) {
      roomId = roomByName.get(normalizeListName(line.slice(candidate.at + candidate.length))) ?? undefined;
      if (roomId !== undefined) {
        split = candidate;
        break;
      }
    }
    const who = normalizeListName(line.slice(0, split.at));
    const where = normalizeListName(line.slice(split.at + split.length));
    if (who === "" || where === "") {
      unmatched.push({ line: lineNumber, text: line, reason: "malformed" });
      continue;
    }
    const participantId = byId.get(who);
    const namesakes = participantId === undefined ? byName.get(who) : [participantId];
    if (!namesakes || namesakes.length === 0) {
      unmatched.push({ line: lineNumber, text: line, reason: "unknown person" });
      continue;
    }
    if (namesakes.length > 1) {
      unmatched.push({ line: lineNumber, text: line, reason: "ambiguous person" });
      continue;
    }
    if (roomId === undefined) {
      unmatched.push({ line: lineNumber, text: line, reason: "unknown room" });
      continue;
    }
    // A later line for the same person wins: lists get corrected by adding a line at the end.
    placement.set(namesakes[0]!, roomId);
    sourceLines.set(namesakes[0]!, { line: lineNumber, text: line });
  }
  return { placement, sourceLines, unmatched };
}
