import type { ChatChannelId } from "../../../../shared/chat.js";
import {
  type ReportOutline,
  type ReportScope,
  ReportScopeParamSchema,
  reportScopeParam,
} from "../../../../shared/report.js";
import { t } from "../../i18n/index.js";

/** One choice of the scope picker; `value` is the `scope` query parameter itself. */
export type ScopeOption = { value: string; label: string };
export type ScopeGroup = { label: string; options: ScopeOption[] };

export const WORKSHOP_SCOPE = reportScopeParam({ kind: "workshop" });

/**
 * The scope picker's choices, from the report outline: the client's live state only knows the
 * current round, the outline lists every round with its rooms.
 */
export function scopeGroups(outline: ReportOutline | null): ScopeGroup[] {
  if (!outline) return [];
  return outline.rounds.map((round) => ({
    label: t("report.scopeRoundGroup", { number: round.number }),
    options: [
      {
        value: reportScopeParam({ kind: "round", roundId: round.roundId }),
        label: t("report.scopeRound", { number: round.number }),
      },
      ...round.rooms.map((room) => ({
        value: reportScopeParam({ kind: "room", roomId: room.roomId }),
        label: t("report.scopeRoom", { number: round.number, room: room.name }),
      })),
    ],
  }));
}

export function hasScope(groups: readonly ScopeGroup[], value: string): boolean {
  return value === WORKSHOP_SCOPE || groups.some((group) => group.options.some((option) => option.value === value));
}

export function scopeOf(value: string): ReportScope {
  const parsed = ReportScopeParamSchema.safeParse(value);
  return parsed.success ? parsed.data : { kind: "workshop" };
}

/** A chat the report can include: the plenary's, or a room's. */
export type ChatChoice = { channelId: ChatChannelId; label: string };

/**
 * The chats a report of this scope can include (a facilitator's choice): the plenary's in the
 * whole-workshop report, and the rooms the scope covers, in the report's order.
 */
export function chatChoices(outline: ReportOutline | null, scopeValue: string): ChatChoice[] {
  const scope = scopeOf(scopeValue);
  const plenary: ChatChoice[] =
    scope.kind === "workshop" ? [{ channelId: "plenary", label: t("report.chatPlenary") }] : [];
  const rooms = (outline?.rounds ?? []).flatMap((round) =>
    round.rooms
      .filter(
        (room) =>
          scope.kind === "workshop" ||
          (scope.kind === "round" && round.roundId === scope.roundId) ||
          (scope.kind === "room" && room.roomId === scope.roomId),
      )
      .map((room) => ({
        channelId: room.roomId,
        label: t("report.scopeRoom", { number: round.number, room: room.name }),
      })),
  );
  return [...plenary, ...rooms];
}
