import type { CallService } from "../services/callService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Call links: the plenary's, the rooms' template, a link pasted for one room. */
export function callHandlers(calls: CallService): DefinedHandler[] {
  return [
    defineHandler("call:setPlenary", ({ who, command, payload }) => calls.setPlenary(who, command, payload)),
    defineHandler("call:setTemplate", ({ who, command, payload }) => calls.setTemplate(who, command, payload)),
    defineHandler("call:setRoom", ({ who, command, payload }) => calls.setRoom(who, command, payload)),
  ];
}
