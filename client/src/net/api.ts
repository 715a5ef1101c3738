import { ErrorBodySchema } from "../../../shared/protocol.js";
import { type CreateWorkshopResponse, CreateWorkshopResponseSchema } from "../../../shared/workshop.js";
import type { ClientErrorCode } from "../state/session.js";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: ClientErrorCode };

export async function createWorkshop(title: string): Promise<ApiResult<CreateWorkshopResponse>> {
  let response: Response;
  try {
    response = await fetch("/api/workshops", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ title }),
    });
  } catch {
    return { ok: false, code: "network" };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = CreateWorkshopResponseSchema.safeParse(body);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, code: "INTERNAL" };
  }
  const error = ErrorBodySchema.safeParse(
    typeof body === "object" && body !== null && "error" in body ? body.error : null,
  );
  if (error.success) return { ok: false, code: error.data.code };
  if (response.status === 429) return { ok: false, code: "RATE_LIMITED" };
  return { ok: false, code: response.status >= 500 ? "UNAVAILABLE" : "BAD_REQUEST" };
}
