import type { ProgrammeService } from "../services/programmeService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** The forum's programme (its sessions). */
export function programmeHandlers(programme: ProgrammeService): DefinedHandler[] {
  return [
    defineHandler("programme:create", ({ who, command, payload }) => programme.create(who, command, payload)),
    defineHandler("programme:update", ({ who, command, payload }) => programme.update(who, command, payload)),
    defineHandler("programme:delete", ({ who, command, payload }) => programme.delete(who, command, payload)),
    defineHandler("programme:reorder", ({ who, command, payload }) => programme.reorder(who, command, payload)),
  ];
}
