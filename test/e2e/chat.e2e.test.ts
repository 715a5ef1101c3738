import { describe, expect, it } from "vitest";
import { assignAutomatically, openRound, planRooms, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();
const MESSAGE = "My connection is too weak for video: I agree with the first recommendation";
const LATER = "We need interpreters at the shelters before the next round";
const FROM_HOST = "Thanks, noted for the plenary";

describe("chat in a real browser", () => {
  it("a participant sends a chat message in their room that a roommate sees; a facilitator visits and hides it for both, then includes the room's chat in the report without names", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Chat forum",
      facilitator: "Fatima",
      // One of the two on a phone-sized screen.
      people: [
        { name: "Amal", width: 375 },
        { name: "Bo", width: 1280 },
      ],
    });
    const [amal, bo] = people as [(typeof people)[number], (typeof people)[number]];
    const { page: host } = facilitator;
    await host.getByTestId("breakout-panel").waitFor();
    await planRooms(host, ["Survivor engagement"], 45);
    await assignAutomatically(host, 2);
    await openRound(host);
    for (const person of [amal, bo]) await person.page.getByTestId("room-view").waitFor();

    // Amal writes and presses Enter: sending, then sent; Bo sees it, with a neutral label (the
    // room does not show its people's names).
    const amalChat = amal.page.getByTestId("chat-panel");
    await amalChat.getByTestId("chat-input").fill(MESSAGE);
    await amalChat.getByTestId("chat-input").press("Enter");
    await expect.poll(() => amalChat.getByTestId("chat-input").inputValue()).toBe("");
    await amalChat.getByTestId("chat-text").filter({ hasText: MESSAGE }).waitFor();
    expect(await amalChat.getByTestId("chat-outgoing").count()).toBe(0);
    const boChat = bo.page.getByTestId("chat-panel");
    const boMessage = boChat.getByTestId("chat-message").filter({ hasText: MESSAGE });
    await boMessage.waitFor();
    expect(await boMessage.locator(".chat-author").textContent()).toBe("A participant");
    expect(await amalChat.locator(".chat-mine .chat-author").first().textContent()).toBe("You");
    // Participants have no "Hide".
    expect(await boChat.getByTestId("chat-hide").count()).toBe(0);

    // The facilitator visits the room, reads its chat and hides the message with a reason.
    await host.getByTestId("room-visit").first().click();
    // Visiting, the facilitator has the plenary's chat and the room's: the room's is in the room view.
    const hostChat = host.getByTestId("room-view").getByTestId("chat-panel");
    const hostMessage = hostChat.getByTestId("chat-message").filter({ hasText: MESSAGE });
    await hostMessage.waitFor();
    await hostMessage.getByTestId("chat-hide").click();
    await hostChat.getByTestId("chat-hide-reason-input").fill("Please keep to the topic");
    await hostChat.getByTestId("chat-hide-confirm").click();

    // Hidden for everyone, its words gone from every screen.
    for (const page of [amal.page, bo.page, host]) {
      const roomChat = page.getByTestId("room-view").getByTestId("chat-panel");
      const hidden = roomChat.locator('[data-testid="chat-message"][data-hidden="true"]');
      await hidden.waitFor();
      expect(await hidden.textContent()).toContain("Hidden by a facilitator: Please keep to the topic");
      await expect.poll(() => roomChat.textContent()).not.toContain(MESSAGE);
    }

    // More is said: Bo, and the facilitator, whose messages carry her name live (staff are named).
    await boChat.getByTestId("chat-input").fill(LATER);
    await boChat.getByTestId("chat-input").press("Enter");
    await hostChat.getByTestId("chat-message").filter({ hasText: LATER }).waitFor();
    await hostChat.getByTestId("chat-input").fill(FROM_HOST);
    await hostChat.getByTestId("chat-input").press("Enter");
    const hostLine = amalChat.getByTestId("chat-message").filter({ hasText: FROM_HOST });
    await hostLine.waitFor();
    expect(await hostLine.locator(".chat-author").textContent()).toBe("Fatima");

    // The facilitator ticks the room's chat in the report panel (nothing is ticked by default) and previews.
    const panel = host.getByTestId("report-panel");
    await panel.getByTestId("report-open").click();
    const option = panel.getByTestId("report-chat").locator("label").filter({ hasText: "Survivor engagement" });
    await option.waitFor();
    expect(
      await panel
        .getByTestId("report-chat-option")
        .evaluateAll((boxes) => boxes.some((box) => (box as HTMLInputElement).checked)),
    ).toBe(false);
    await option.locator("input").check();
    await panel.getByTestId("report-preview").click();
    const frame = panel.getByTestId("report-preview-frame");
    await frame.waitFor();
    const html = (await frame.getAttribute("srcdoc")) ?? "";
    expect(html).toContain(LATER);
    expect(html).toContain(FROM_HOST);
    expect(html).toContain("A facilitator chose to include chat in this report");
    expect(html).toContain("A message hidden by a moderator.");
    // No name, no label, no hidden words or reason.
    expect(html).not.toMatch(/\b(Fatima|Amal|Bo)\b|A participant|Please keep to the topic/);
    expect(html).not.toContain(MESSAGE);
    expect(await panel.getByTestId("report-name-check").getAttribute("data-found")).toBe("0");
  });
});
