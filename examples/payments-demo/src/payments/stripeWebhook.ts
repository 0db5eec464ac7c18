import { toMinorUnits, type Money } from './money';

export interface StripeEvent {
  readonly id: string;
  readonly type: 'payment_intent.succeeded' | 'payment_intent.payment_failed';
  readonly data: { readonly order: string; readonly total: Money };
}

export interface StripeCharge {
  readonly order: string;
  /** Stripe requires an integer amount in minor units. */
  readonly amount: number;
  readonly currency: string;
}

export class InvalidStripeAmount extends Error {}

/**
 * Stripe expects `amount` as an integer in minor units. The version behind
 * INC-023 returned a Decimal here; the fix validates and converts.
 */
export function toStripeAmount(total: Money): number {
  const minor = toMinorUnits(total.amount);
  if (!Number.isSafeInteger(minor) || minor <= 0) {
    throw new InvalidStripeAmount(`amount must be a positive integer in minor units, got ${minor}`);
  }
  return minor;
}

export function handleStripeWebhook(event: StripeEvent): StripeCharge | undefined {
  if (event.type !== 'payment_intent.succeeded') return undefined;
  return {
    order: event.data.order,
    amount: toStripeAmount(event.data.total),
    currency: event.data.total.currency.toLowerCase(),
  };
}
