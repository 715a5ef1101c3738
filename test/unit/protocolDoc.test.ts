import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandNames, serverEvents } from "../../shared/events.js";
import { ErrorCode, PROTOCOL_VERSION } from "../../shared/protocol.js";
import { WorkshopEventSchema } from "../../shared/workshop.js";

const doc = readFileSync("docs/PROTOCOL.md", "utf8");
const workshopEventTypes = WorkshopEventSchema.options.map((option) => option.shape.type.value);
/** Every backticked `feature:verb` token in the doc. */
const namesInDoc = new Set([...doc.matchAll(/`([a-z]+:[a-zA-Z]+)`/g)].map((match) => match[1]));

describe("docs/PROTOCOL.md matches the tables in shared/", () => {
  it("documents every command, server event, workshop event and error code", () => {
    for (const name of [...commandNames, ...Object.keys(serverEvents), ...workshopEventTypes]) {
      expect(doc, name).toContain(`\`${name}\``);
    }
    for (const code of Object.values(ErrorCode)) expect(doc, code).toContain(`\`${code}\``);
  });

  it("names no event the tables do not have", () => {
    const known = new Set<string>([...commandNames, ...Object.keys(serverEvents), ...workshopEventTypes]);
    expect([...namesInDoc].filter((name) => name && !known.has(name))).toEqual([]);
  });

  it("states the current protocol version", () => {
    expect(doc).toContain(`Protocol version: **${PROTOCOL_VERSION}**`);
  });
});
