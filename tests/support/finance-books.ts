/** Helpers for the finance books tests: calls as staff, fund balances, the audit log. */
import { expect } from "vitest";
import type { FundBalances } from "../../contract/finance/views.ts";
import { createDocumentClient } from "../../functions/adapters/dynamodb.ts";
import type { StaffRole } from "../../functions/auth/staff.ts";
import { createAuditStore } from "../../functions/table/finance/audit-store.ts";
import { staffAuthorization } from "./staff.ts";

type Stack = Parameters<typeof staffAuthorization>[0] & { url: string };

/** A call to a finance route as a staff member in `role` (or with no token at all). */
export async function asStaff(
  stack: Stack,
  role: StaffRole | "none",
  method: "GET" | "POST",
  path: string,
  body?: unknown,
) {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  if (role !== "none") headers.authorization = await staffAuthorization(stack, role);
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    calls: Number(response.headers.get("x-athar-dynamodb-calls")),
  };
}

/** GET /api/finance/funds as finance, expecting 200. */
export async function funds(stack: Stack, query: string): Promise<FundBalances> {
  const answer = await asStaff(stack, "finance", "GET", `/api/finance/funds?${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as FundBalances;
}

/** One fund row's figures (designation, fund, currency), or undefined when nothing moved there. */
export const rowOf = (balances: FundBalances, designation: string, fund: string, currency: string) =>
  balances.rows.find(
    (row) => row.designation === designation && row.fund === fund && row.currency === currency,
  );

/** This month's audit entries with one action. */
export async function auditEntries(action: string) {
  const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
  const audit = createAuditStore(client, process.env.TABLE_NAME ?? "", { now: () => new Date() });
  const { entries } = await audit.listMonth(new Date().toISOString().slice(0, 7), { limit: 100 });
  client.destroy();
  return entries.filter((entry) => entry.action === action);
}
