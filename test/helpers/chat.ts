import type { ChatChannelId, ChatMessageView } from "../../shared/chat.js";
import { newCommandId, type TestClient } from "./client.js";

/** Sends a chat message; throws when refused. */
export async function sendChat(client: TestClient, channelId: ChatChannelId, text: string): Promise<ChatMessageView> {
  const answer = await client.send("chat:send", { commandId: newCommandId(), channelId, text });
  if (!answer.ok) throw new Error(`chat:send refused: ${answer.error.code}`);
  return answer.data;
}

/** The next `chat:messages` message holding a message that matches. */
export function nextChat(client: TestClient, matches: (message: ChatMessageView) => boolean): Promise<ChatMessageView> {
  return new Promise((resolve) => {
    const listener = ({ messages }: { messages: ChatMessageView[] }) => {
      const found = messages.find(matches);
      if (!found) return;
      client.socket.off("chat:messages", listener);
      resolve(found);
    };
    client.socket.on("chat:messages", listener);
  });
}
