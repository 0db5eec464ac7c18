import { handleStripeWebhook, InvalidStripeAmount, type StripeEvent } from './stripeWebhook';

export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
}

/** POST /api/checkout — confirms a payment from Stripe's webhook. */
export function checkoutRoute(event: StripeEvent): HttpResponse {
  try {
    const charge = handleStripeWebhook(event);
    return { status: 200, body: charge ?? { ignored: event.type } };
  } catch (err) {
    // A bad amount is the caller's problem, not a 500 (see INC-023).
    if (err instanceof InvalidStripeAmount) return { status: 422, body: { error: err.message } };
    throw err;
  }
}
