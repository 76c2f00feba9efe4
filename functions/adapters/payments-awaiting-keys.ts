import { PaymentsNotConfiguredError } from "../domain/errors.ts";
import type { PaymentGateway } from "../domain/ports.ts";

const notYet = () =>
  new PaymentsNotConfiguredError("The Stripe secret does not hold Stripe keys yet (docs/deploy.md, step 5)");

/**
 * The payment gateway of a deployment whose keys may not be there yet. `connect` builds the real gateway
 * and throws PaymentsNotConfiguredError while the secret holds the stack's placeholder. Until it succeeds,
 * every payment call tries again (the secret's cache bounds how often) and otherwise refuses with that
 * error, so a function started before the keys were put in serves its other routes, and takes payments
 * as soon as the keys are there, without a redeploy.
 */
export async function gatewayAwaitingKeys(connect: () => Promise<PaymentGateway>): Promise<PaymentGateway> {
  let current: PaymentGateway | undefined;
  const tryConnect = async (): Promise<PaymentGateway | undefined> => {
    try {
      current ??= await connect();
    } catch (error) {
      if (!(error instanceof PaymentsNotConfiguredError)) throw error;
    }
    return current;
  };
  const connected = await tryConnect();
  if (connected) return connected;

  const gateway = async () => {
    const found = current ?? (await tryConnect());
    if (!found) throw notYet();
    return found;
  };
  return {
    ready: async () => {
      await gateway();
    },
    createCheckoutSession: async (request) => (await gateway()).createCheckoutSession(request),
    parseWebhookEvent(rawBody, signature) {
      if (current) return current.parseWebhookEvent(rawBody, signature);
      // Synchronous: refused now (Stripe retries a 503 for days), connected for the next delivery.
      tryConnect().catch(() => undefined);
      throw notYet();
    },
    findDonationOfPayment: async (paymentIntentId) =>
      (await gateway()).findDonationOfPayment(paymentIntentId),
    listRefunds: async (chargeId) => (await gateway()).listRefunds(chargeId),
    cancelSubscription: async (subscriptionId) => (await gateway()).cancelSubscription(subscriptionId),
    refundPayment: async (paymentIntentId) => (await gateway()).refundPayment(paymentIntentId),
    createBillingPortalSession: async (request) => (await gateway()).createBillingPortalSession(request),
  };
}
