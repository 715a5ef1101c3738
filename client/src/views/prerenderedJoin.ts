/**
 * The join page arrives with its form already in it (client/build/joinForm.ts): on a weak link a
 * person types their name before the app's script is there. When the app starts it takes that
 * form over: what was typed, and which field had the focus, go into JoinView's own form.
 */
export interface PrerenderedJoin {
  code: string;
  name: string;
  focused: "join-code" | "join-name" | null;
}

let taken: PrerenderedJoin | null = null;

/** Reads the static form (if the page had one) and empties the app's root for the first render. */
export function takePrerenderedJoin(root: HTMLElement): void {
  if (!root.querySelector('[data-prerender="join"]')) return;
  const typedIn = (id: string) => (root.querySelector(`#${id}`) as HTMLInputElement | null)?.value ?? "";
  const active = document.activeElement?.id;
  taken = {
    code: typedIn("join-code"),
    name: typedIn("join-name"),
    focused: active === "join-code" || active === "join-name" ? active : null,
  };
  root.replaceChildren();
}

/** What the static form held, once (the first JoinView takes it). */
export function prerenderedJoin(): PrerenderedJoin | null {
  const value = taken;
  taken = null;
  return value;
}
