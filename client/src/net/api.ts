import { type CreateWorkshopResponse, CreateWorkshopResponseSchema } from "../../../shared/workshop.js";
import type { ClientErrorCode } from "../state/session.js";
import { refusalCode } from "./download.js";

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
  if (!response.ok) return { ok: false, code: await refusalCode(response) };
  const parsed = CreateWorkshopResponseSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, code: "INTERNAL" };
}

/**
 * After the end (no socket any more): a facilitator deletes the workshop for good with the
 * session token this tab kept for the report (`DELETE /api/workshops/:id`, 204). A 404 means
 * it is gone already: done too.
 */
export async function deleteEndedWorkshop(workshopId: string, sessionToken: string): Promise<ApiResult<null>> {
  let response: Response;
  try {
    response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${sessionToken}`, accept: "application/json" },
      cache: "no-store",
    });
  } catch {
    return { ok: false, code: "network" };
  }
  if (response.ok || response.status === 404) return { ok: true, data: null };
  return { ok: false, code: await refusalCode(response) };
}
