import type { RoundView } from "../../shared/breakout.js";
import { type CallSettings, expandCallTemplate } from "../../shared/calls.js";
import type { RoomId, RoundId } from "../../shared/ids.js";
import type { UnversionedEvent } from "../../shared/workshop.js";

/**
 * What the store keeps of a workshop's call links (`wk:{W}:calls`, one record, so every change
 * of it is one compare-and-set): what facilitators set, and the random words a template is
 * filled in with. The links of the current round's rooms are derived from it, never stored twice.
 */
export interface CallsRecord {
  plenary: string | null;
  template: string | null;
  /** What `{workshop}` becomes: random, made once. Not the workshop's id (our own addresses) nor its join code (a way in). */
  workshopSlug: string;
  /** The round the room slugs and pasted links below belong to: the current one (planning a round resets them). */
  roundId: RoundId | null;
  /**
   * roomId -> what `{room}` becomes: `<round number>-<room number>-<random>`. The numbers let a
   * facilitator (and the video platform's lobby) tell rooms apart; the random part keeps one
   * room's link from telling another's (room numbers alone could be guessed: a participant of
   * room 2 would find room 3's call). Never the room's name, which is free text.
   */
  roomSlugs: Record<RoomId, string>;
  /** roomId -> a link pasted for that room; it wins over the template. */
  pasted: Record<RoomId, string>;
}

/** Random words, made by the caller (server/security/ids.ts): this file stays pure. */
export type SlugSource = () => string;

/** The link of one room of the record's round: pasted, else the template filled in, else none. */
export function roomCallLink(record: CallsRecord | null, roundId: RoundId, roomId: RoomId): string | null {
  if (!record || record.roundId !== roundId) return null;
  const pasted = record.pasted[roomId];
  if (pasted !== undefined) return pasted;
  const room = record.roomSlugs[roomId];
  if (record.template === null || room === undefined) return null;
  return expandCallTemplate(record.template, { workshop: record.workshopSlug, room });
}

/** Every room's link of a round (rooms without one left out). */
export function roundCallLinks(record: CallsRecord | null, round: RoundView | null): Map<RoomId, string> {
  const links = new Map<RoomId, string>();
  if (!round) return links;
  for (const room of round.rooms) {
    const url = roomCallLink(record, round.roundId, room.roomId);
    if (url !== null) links.set(room.roomId, url);
  }
  return links;
}

export function callSettingsOf(record: CallsRecord | null): CallSettings {
  return { plenary: record?.plenary ?? null, template: record?.template ?? null, pasted: { ...record?.pasted } };
}

export function emptyCallsRecord(newSlug: SlugSource): CallsRecord {
  return { plenary: null, template: null, workshopSlug: newSlug(), roundId: null, roomSlugs: {}, pasted: {} };
}

/** A newly planned round: its rooms get their slugs; links pasted for the last round's rooms are gone with it. */
export function callsForRound(record: CallsRecord | null, round: RoundView, newSlug: SlugSource): CallsRecord {
  const base = record ?? emptyCallsRecord(newSlug);
  const roomSlugs: Record<RoomId, string> = {};
  round.rooms.forEach((room, index) => {
    roomSlugs[room.roomId] = `${round.number}-${index + 1}-${newSlug()}`;
  });
  return { ...base, roundId: round.roundId, roomSlugs, pasted: {} };
}

/**
 * The events that tell every viewer what changed between two records: the plenary's link
 * (everyone), each room of `round` whose link changed (its room), and the settings (facilitators).
 * A new round (`before` of another round) announces each of its rooms that has a link.
 */
export function callEvents(
  before: CallsRecord | null,
  after: CallsRecord,
  round: RoundView | null,
): UnversionedEvent[] {
  const events: UnversionedEvent[] = [];
  if ((before?.plenary ?? null) !== after.plenary) {
    events.push({ type: "call:link", roundId: null, roomId: null, url: after.plenary });
  }
  if (round) {
    const earlier = roundCallLinks(before, round);
    for (const room of round.rooms) {
      const url = roomCallLink(after, round.roundId, room.roomId);
      if ((earlier.get(room.roomId) ?? null) !== url) {
        events.push({ type: "call:link", roundId: round.roundId, roomId: room.roomId, url });
      }
    }
  }
  const settings = callSettingsOf(after);
  if (JSON.stringify(callSettingsOf(before)) !== JSON.stringify(settings)) {
    events.push({ type: "call:settings", settings });
  }
  return events;
}
