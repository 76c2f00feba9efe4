import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SessionEpochReader } from "../../domain/account/monthly-portal.ts";
import type { SessionAnchor } from "../../domain/account/session-liveness.ts";
import { keys } from "../keys.ts";

/**
 * What every reader of a donor's profile hands the domain to check a session against
 * (functions/domain/account/session-liveness.ts): one place, so no reader forgets a part of it.
 */
export function sessionAnchorOf(item: Record<string, unknown>): SessionAnchor {
  return {
    sessionEpoch: Number(item.sessionEpoch ?? 0),
    ...(typeof item.bornAt === "string" ? { bornAt: item.bornAt } : {}),
  };
}

/** One GetItem of the donor's profile, reading only what a session is checked against. */
export function createSessionEpochReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): SessionEpochReader {
  return {
    async sessionAnchor(donorId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.donorProfile(donorId),
          // A profile always has its pk; projecting it tells an old profile from none at all.
          ProjectionExpression: "pk, sessionEpoch, bornAt",
        }),
      );
      return Item ? sessionAnchorOf(Item) : undefined;
    },
  };
}
