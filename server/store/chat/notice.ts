import type { ChatChannelId } from "../../../shared/chat.js";
import type { ChatNotice } from "./port.js";

/** `<channelId>|<seq>` (new) or `<channelId>|<seq>|h` (hidden), as the scripts publish them. */
export function parseChatNotice(message: string): ChatNotice | null {
  const [channelId, seq, hidden] = message.split("|");
  const number = Number(seq);
  if (!channelId || !Number.isInteger(number) || number < 1) return null;
  return { channelId: channelId as ChatChannelId, seq: number, hidden: hidden === "h" };
}
