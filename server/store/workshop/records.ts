import type { UnversionedEvent } from "../../../shared/workshop.js";
import { type ParticipantRecord, toParticipantProfile } from "../../domain/records.js";
import type { RecordWrite } from "./port.js";

/** Helpers both workshop stores share, so the two implementations cannot drift apart. */

/** The id a record is kept under within its kind. */
export function recordId(write: RecordWrite): string {
  switch (write.kind) {
    case "workshop":
    case "calls":
      return "";
    case "participant":
      return write.next.participantId;
    case "round":
      return write.next.roundId;
    case "help":
      return write.next.helpId;
    case "tags":
      return write.participantId;
    case "broadcast":
      return write.broadcastId;
    case "poll":
      return write.pollId;
    case "noteAccess":
      return write.next.docId;
    case "programme":
      return write.sessionId;
    default: {
      const exhaustive: never = write;
      throw new Error(`unknown record ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The one event of a join: the profile, and presence when the person joined connected. */
export function joinedEvent(record: ParticipantRecord, connectionId: string | undefined): UnversionedEvent {
  const participant = toParticipantProfile(record);
  return connectionId
    ? { type: "participant:upserted", participant, online: true }
    : { type: "participant:upserted", participant };
}
