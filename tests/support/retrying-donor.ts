/**
 * A donor who tries again when told to. The tests that race hundreds of requests on a 2-core machine
 * play donors this way and then assert what each was finally told: a moment's answer (a 5xx, or a 429
 * whose Retry-After is a few seconds: a burst on one identifier, not its limit) depends on how busy the
 * machine is, the final answer must not.
 */
const MOMENT_SECONDS = 5;
const ATTEMPTS = 6;

interface Answer {
  status: number;
  headers: Headers;
}

/** An answer that asks to be tried again shortly. */
export function saysTryShortly(answer: Answer): boolean {
  if (answer.status >= 500) return true;
  const retryAfter = Number(answer.headers.get("retry-after"));
  return answer.status === 429 && retryAfter > 0 && retryAfter <= MOMENT_SECONDS;
}

/** Sends until the answer is final (or 6 attempts), waiting what it says, or a growing pause, in between. */
export async function asRetryingDonor<T extends Answer>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    if (!saysTryShortly(answer) || attempt >= ATTEMPTS) return answer;
    const told = Number(answer.headers.get("retry-after")) * 1000;
    const pause = told > 0 ? told : 250 * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, pause * (1 + Math.random() / 4)));
  }
}
