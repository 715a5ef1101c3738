import type { Assert, DisjointParts } from "../catalogParts.js";
import { app } from "./app.js";
import { breakout } from "./breakout.js";
import { breakoutDashboard } from "./breakoutDashboard.js";
import { breakoutRoom } from "./breakoutRoom.js";
import { calls } from "./calls.js";
import { chat } from "./chat.js";
import { facilitatorConsole } from "./console.js";
import { entry } from "./entry.js";
import { errors } from "./errors.js";
import { hands } from "./hands.js";
import { notes } from "./notes.js";
import { polls } from "./polls.js";
import { privacy } from "./privacy.js";
import { programme } from "./programme.js";
import { qna } from "./qna.js";
import { report } from "./report.js";
import { support } from "./support.js";
import { workshop } from "./workshop.js";

/** The Urdu message catalog: every key of the English one, put together from the same parts in the same order. */
export const ur = {
  ...app,
  ...entry,
  ...workshop,
  ...breakout,
  ...breakoutDashboard,
  ...breakoutRoom,
  ...facilitatorConsole,
  ...programme,
  ...calls,
  ...polls,
  ...qna,
  ...notes,
  ...report,
  ...privacy,
  ...support,
  ...hands,
  ...chat,
  ...errors,
} as const;

/** Every part above, so that a key defined twice fails to compile. */
export type UrduPartsAreDisjoint = Assert<
  DisjointParts<
    [
      typeof app,
      typeof entry,
      typeof workshop,
      typeof breakout,
      typeof breakoutDashboard,
      typeof breakoutRoom,
      typeof facilitatorConsole,
      typeof programme,
      typeof calls,
      typeof polls,
      typeof qna,
      typeof notes,
      typeof report,
      typeof privacy,
      typeof support,
      typeof hands,
      typeof chat,
      typeof errors,
    ]
  >
>;
