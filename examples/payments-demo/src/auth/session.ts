export interface Session {
  readonly user: string;
  /** Expiry as Unix time in seconds. */
  readonly expiresAt: number;
}

const SESSION_SECONDS = 30 * 60;

export function isExpired(session: Session, nowMs = Date.now()): boolean {
  return session.expiresAt * 1000 <= nowMs;
}

export function refreshSession(session: Session, nowMs = Date.now()): Session {
  if (isExpired(session, nowMs)) throw new Error('session expired');
  return { user: session.user, expiresAt: Math.floor(nowMs / 1000) + SESSION_SECONDS };
}
