/**
 * The donor dashboard at scale: `GET /api/me/dashboard` for a donor with one gift and one with many (10,000
 * by default), on a fresh table in DynamoDB Local. The donor's rows are written directly with the items the
 * ledger transaction writes (functions/table/donations/donor-writes.ts), in batches, without the ledger entries and
 * receipt requests the dashboard never reads (so the receipt worker does not compete with the seeding);
 * each answer is checked (200, the donor's payment count), so no figure is reported for wrong behaviour.
 *
 * Runs in a Node process of its own, like the other local-stack measurements (bench/apart.ts).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "../functions/adapters/dynamodb.ts";
import { calendarPlace } from "../functions/domain/calendars.ts";
import type { Donation, LedgerWrite } from "../functions/domain/model.ts";
import { donorItems } from "../functions/table/donations/donor-writes.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../tests/support/donor-sessions.ts";
import { measuredApart, parseCount, withBenchStack } from "./apart.ts";
import {
  benchDonorEmail,
  SIGNIN_BENCH_ENVIRONMENT,
  SIGNIN_DONORS,
  type SignInFigures,
  timeSignInLinks,
} from "./signin.ts";
import { percentile, type Spread, spread } from "./webhook-phases.ts";

export const DEFAULT_ACCOUNT_GIFTS = 10_000;
/** Dashboard requests per donor. */
export const ACCOUNT_REQUESTS = 200;
const WARM_UP_REQUESTS = 10;
const HOUR_MS = 3_600_000;
/** Gifts every few hours from 2020 on: years, Hijri years and months enough to fill the profile's counters. */
const GIFT_SPACING_MS = 5 * HOUR_MS;
const FIRST_GIFT = Date.parse("2020-01-01T09:00:00Z");

export interface AccountDonorFigures {
  gifts: number;
  requests: number;
  medianMs: number;
  p95Ms: number;
  dynamodbCalls: Spread;
}

export interface AccountFigures {
  gifts: number;
  concurrency: number;
  /** The donor with one gift, then the donor with many. */
  donors: AccountDonorFigures[];
  seedSeconds: number;
  /** Link requests for donors' addresses and for strangers' (bench/signin.ts). */
  signIn: SignInFigures;
}

/** A count of gifts: a non-negative integer (0 skips the measurement). */
export const parseGiftCount = (text: string, option: string): number => parseCount(text, option, "gifts");

/** Reduces one donor's timed requests to figures. */
export function donorFigures(
  gifts: number,
  sample: { latenciesMs: number[]; dynamodbCalls: number[] },
): AccountDonorFigures {
  return {
    gifts,
    requests: sample.latenciesMs.length,
    medianMs: percentile(sample.latenciesMs, 50),
    p95Ms: percentile(sample.latenciesMs, 95),
    dynamodbCalls: spread(sample.dynamodbCalls),
  };
}

/** Gifts per profile update: a few days' worth, so its expression stays well inside DynamoDB's limits. */
const SEED_CHUNK = 50;
/** BatchWriteItem takes 25 items. */
const BATCH_WRITE = 25;

async function putAll(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  for (let start = 0; start < items.length; start += BATCH_WRITE) {
    let requests = items.slice(start, start + BATCH_WRITE).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/** Writes the donor's profile and `gifts` history rows, as `gifts` payments of one donation would. */
async function seedDonor(email: string, gifts: number) {
  const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
  const tableName = String(process.env.TABLE_NAME);
  const donation: Donation = {
    donationId: `don_BENCH${gifts}_${donorOfEmail(email).slice(4)}`,
    donorId: donorOfEmail(email),
    fund: { kind: "initiative", initiativeId: "orphans-and-productive-families" },
    amount: { value: 10_000, currency: "SAR" },
    interval: "once",
    designation: "zakat",
    anonymous: false,
    donor: { name: "Bench Donor", email },
    locale: "ar",
    checkoutSessionId: `cs_test_BENCH${gifts}_${donorOfEmail(email).slice(4)}`,
    createdAt: new Date(FIRST_GIFT).toISOString(),
    paid: 0,
    payments: 0,
    refunded: 0,
    disputed: 0,
    failedAttempts: [],
  };
  const writes: LedgerWrite[] = Array.from({ length: gifts }, (_, index) => {
    const at = new Date(FIRST_GIFT + index * GIFT_SPACING_MS).toISOString();
    const movement = { kind: "payment" as const, ref: `pi_bench_${index}`, amount: donation.amount, at };
    return { movement, place: calendarPlace(at, "Asia/Riyadh") };
  });
  try {
    for (let start = 0; start < gifts; start += SEED_CHUNK) {
      const { perMovement, once } = donorItems(tableName, donation, writes.slice(start, start + SEED_CHUNK));
      await putAll(
        client,
        tableName,
        perMovement.flat().flatMap((item) => (item.Put?.Item ? [item.Put.Item] : [])),
      );
      for (const item of once) if (item.Update) await client.send(new UpdateCommand(item.Update as never));
    }
  } finally {
    client.destroy();
  }
}

async function timeDashboard(url: string, email: string, gifts: number, concurrency: number) {
  const cookie = await sessionCookieFor(donorOfEmail(email));
  // Untimed: the handler's cold start and the first connections are not what is measured.
  for (let warm = 0; warm < WARM_UP_REQUESTS; warm += 1) await getAsDonor(url, "/api/me/dashboard", cookie);
  const latenciesMs: number[] = [];
  const dynamodbCalls: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ACCOUNT_REQUESTS) {
      next += 1;
      const started = performance.now();
      const response = await getAsDonor(url, "/api/me/dashboard", cookie);
      latenciesMs.push(performance.now() - started);
      const payments = (response.body as { totals?: { allTime?: { payments: number }[] } }).totals
        ?.allTime?.[0];
      if (response.status !== 200 || payments?.payments !== gifts)
        throw new Error(
          `dashboard of ${gifts} gifts answered ${response.status}: ${JSON.stringify(payments)}`,
        );
      dynamodbCalls.push(response.calls);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return donorFigures(gifts, { latenciesMs, dynamodbCalls });
}

export async function measureAccount(
  options: { gifts: number; concurrency: number },
  log: (line: string) => void = () => {},
): Promise<AccountFigures> {
  const { gifts, concurrency } = options;
  if (gifts < 1 || concurrency < 1)
    throw new Error("measureAccount needs at least one gift and one in flight");
  return withBenchStack(SIGNIN_BENCH_ENVIRONMENT, async (bench) => {
    const { url } = bench;
    log(`bench: account: seeding a donor with 1 gift and one with ${gifts}`);
    const seeding = performance.now();
    await seedDonor("one-gift@bench.example", 1);
    await seedDonor("many-gifts@bench.example", gifts);
    const seedSeconds = (performance.now() - seeding) / 1000;
    log(`bench: account: ${ACCOUNT_REQUESTS} dashboard requests per donor, ${concurrency} in flight`);
    const donors = [
      await timeDashboard(url, "one-gift@bench.example", 1, concurrency),
      await timeDashboard(url, "many-gifts@bench.example", gifts, concurrency),
    ];
    log(`bench: account: seeding ${SIGNIN_DONORS} one-gift donors, then their sign-in link requests`);
    for (let index = 0; index < SIGNIN_DONORS; index += 1) await seedDonor(benchDonorEmail(index), 1);
    const signIn = await timeSignInLinks(bench);
    return { gifts, concurrency, donors, seedSeconds, signIn };
  });
}

/** measureAccount in a fresh Node process (this file). */
export const measureAccountApart = measuredApart(
  import.meta,
  "gifts",
  { gifts: DEFAULT_ACCOUNT_GIFTS, concurrency: 1 },
  measureAccount,
);
