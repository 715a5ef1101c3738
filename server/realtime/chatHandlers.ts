import type { ChatService } from "../services/chatService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Text chat: history pages, sending, hiding. */
export function chatHandlers(chat: ChatService): DefinedHandler[] {
  return [
    defineHandler("chat:history", ({ who, payload }) => chat.history(who, payload)),
    defineHandler("chat:send", ({ who, command, payload }) => chat.send(who, command, payload)),
    defineHandler("chat:hide", ({ who, payload }) => chat.hide(who, payload)),
  ];
}
