import type { ProgrammeSessionView, SessionDraft } from "../../shared/programme.js";
import { newCommandId, type TestClient } from "./client.js";

const HOUR = 3600_000;
/** 1 March 2030, 09:00 UTC: a forum day far from any test machine's clock. */
export const FORUM_DAY = Date.UTC(2030, 2, 1, 9);

/** A session of `hours` hours starting `startHour` hours after FORUM_DAY. */
export function sessionDraft(
  title: string,
  startHour: number,
  hours = 1,
  extra: Partial<SessionDraft> = {},
): SessionDraft {
  const startsAt = FORUM_DAY + startHour * HOUR;
  return { title, kind: "panel", startsAt, endsAt: startsAt + hours * HOUR, ...extra };
}

export async function addSession(host: TestClient, draft: SessionDraft): Promise<ProgrammeSessionView> {
  const answer = await host.send("programme:create", { commandId: newCommandId(), session: draft });
  if (!answer.ok) throw new Error(`programme:create failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** The titles of the programme in a client's copy, in programme order. */
export function programmeTitles(client: TestClient): string[] {
  return [...client.mirror.state.programme.values()]
    .sort((a, b) => a.startsAt - b.startsAt || a.position - b.position)
    .map((session) => session.title);
}
