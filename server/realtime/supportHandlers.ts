import type { SupportService } from "../services/supportService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Private support: asking, taking, the conversation, ending it, the list, the facilitators' count setting. */
export function supportHandlers(support: SupportService): DefinedHandler[] {
  return [
    defineHandler("support:request", ({ who, command, payload }) => support.request(who, command, payload)),
    defineHandler("support:take", ({ who, command, payload }) => support.take(who, command, payload)),
    defineHandler("support:message", ({ who, command, payload }) => support.message(who, command, payload)),
    defineHandler("support:close", ({ who, command, payload }) => support.close(who, command, payload)),
    defineHandler("support:list", ({ who }) => support.list(who)),
    defineHandler("support:settings", ({ who, command, payload }) => support.settings(who, command, payload)),
  ];
}
