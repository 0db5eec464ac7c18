/** Money as an exact decimal string plus currency; never a float. */
export interface Money {
  /** Decimal amount in major units, e.g. "12.50". */
  readonly amount: string;
  readonly currency: 'EUR' | 'USD' | 'TRY';
}

const SYMBOLS: Record<Money['currency'], string> = { EUR: '€', USD: '$', TRY: '₺' };

export function formatMoney(money: Money): string {
  return `${SYMBOLS[money.currency]}${money.amount}`;
}

/** Parses "12.50" into integer minor units (1250), rejecting anything else. */
export function toMinorUnits(amount: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new TypeError(`amount must be a decimal with at most 2 places, got "${amount}"`);
  const [, major, minor = ''] = match;
  return Number(major) * 100 + Number(minor.padEnd(2, '0'));
}
