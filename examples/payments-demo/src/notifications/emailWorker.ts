export interface Email {
  readonly to: string;
  readonly subject: string;
}

export type SendResult = 'sent' | 'transient-failure' | 'permanent-failure';

const MAX_ATTEMPTS = 5;

/** Sends with capped retries; permanent failures go to the dead-letter list (INC-027). */
export async function deliver(email: Email, send: (e: Email) => Promise<SendResult>, deadLetters: Email[]): Promise<boolean> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await send(email);
    if (result === 'sent') return true;
    if (result === 'permanent-failure') break;
    await new Promise((r) => setTimeout(r, 2 ** attempt * 100));
  }
  deadLetters.push(email);
  return false;
}
