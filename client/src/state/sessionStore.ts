/**
 * The session token lives in sessionStorage: per tab, survives a reload, gone when the tab closes.
 * Storage can throw (private modes, disabled storage); the app then still works until a reload.
 */
const TOKEN_KEY = "workshop.sessionToken";

export function readSessionToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function writeSessionToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Not fatal: the tab keeps the session in memory until reload.
  }
}

export function clearSessionStorage(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Nothing stored, nothing to clear.
  }
}
