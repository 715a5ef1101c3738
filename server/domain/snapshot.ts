import type { BroadcastView, HelpView, RoundView, Tags } from "../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../shared/ids.js";
import type { NoteAccess } from "../../shared/notes.js";
import type { PollView } from "../../shared/poll.js";
import type { ProgrammeSessionView } from "../../shared/programme.js";
import type { CallsRecord } from "./calls.js";
import type { ParticipantRecord, WorkshopRecord } from "./records.js";

/** Everything about breakout rooms that a snapshot needs, unfiltered. */
export interface BreakoutRecords {
  round: RoundView | null;
  assignments: Map<ParticipantId, RoomId>;
  counts: Record<string, number>;
  helps: HelpView[];
  broadcasts: BroadcastView[];
  tags: Map<ParticipantId, Tags>;
}

/** A full, consistent, unfiltered view of a workshop at one version; services filter it per viewer. */
export interface FullSnapshot {
  version: number;
  workshop: WorkshopRecord;
  participants: Array<ParticipantRecord & { online: boolean }>;
  breakout: BreakoutRecords;
  polls: PollView[];
  notesAccess: NoteAccess[];
  /** The programme's sessions, in order. */
  programme: ProgrammeSessionView[];
  /** The call links' record (null: none set and no round planned yet). */
  calls: CallsRecord | null;
}
