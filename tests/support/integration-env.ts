/**
 * Each integration test file gets its own table on the shared DynamoDB Local, and a fresh environment
 * that the handlers read when the file imports them (their cold start).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { runClockFrom, TEST_CLOCK_START } from "./test-clock.ts";

// Before the test file is imported, so that what it computes at the top ("today") is on this clock too.
runClockFrom(TEST_CLOCK_START);

process.env.ATHAR_ENV = "local";
process.env.DYNAMODB_ENDPOINT = inject("dynamodbEndpoint");
process.env.TABLE_NAME = `athar-test-${randomUUID().slice(0, 8)}`;
process.env.LOG_LEVEL = "WARN";
// Receipts and dedication cards are written here as .eml files (the local stand-in for SES).
process.env.OUTBOX_DIR = mkdtempSync(join(tmpdir(), "athar-outbox-"));
// Test files make many checkouts from one address and e-mail; tests/integration/donations/rate-limits.test.ts sets
// its own limits to test them.
process.env.CHECKOUT_LIMIT_PER_IP = "1000";
process.env.CHECKOUT_LIMIT_PER_EMAIL = "1000";
delete process.env.PUBLIC_BASE_URL;
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
