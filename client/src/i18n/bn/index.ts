import type { Assert, DisjointParts } from "../catalogParts.js";
import { app } from "./app.js";
import { breakout } from "./breakout.js";
import { breakoutDashboard } from "./breakoutDashboard.js";
import { breakoutRoom } from "./breakoutRoom.js";
import { chat } from "./chat.js";
import { entry } from "./entry.js";
import { errors } from "./errors.js";
import { notes } from "./notes.js";
import { polls } from "./polls.js";
import { privacy } from "./privacy.js";
import { qna } from "./qna.js";
import { report } from "./report.js";
import { support } from "./support.js";
import { workshop } from "./workshop.js";

/**
 * The Bengali message catalog: every key of the English one (../en/index.ts), in the same parts and
 * the same order. Placeholders look like {name}; they are filled as plain text, never as HTML.
 */
export const bn = {
  ...app,
  ...entry,
  ...workshop,
  ...breakout,
  ...breakoutDashboard,
  ...breakoutRoom,
  ...polls,
  ...qna,
  ...notes,
  ...report,
  ...privacy,
  ...support,
  ...chat,
  ...errors,
} as const;

/** Every part above, so that a key defined twice fails to compile. */
export type BengaliPartsAreDisjoint = Assert<
  DisjointParts<
    [
      typeof app,
      typeof entry,
      typeof workshop,
      typeof breakout,
      typeof breakoutDashboard,
      typeof breakoutRoom,
      typeof polls,
      typeof qna,
      typeof notes,
      typeof report,
      typeof privacy,
      typeof support,
      typeof chat,
      typeof errors,
    ]
  >
>;
