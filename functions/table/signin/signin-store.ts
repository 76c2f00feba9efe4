import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Locale } from "../../../content/locales.ts";
import type {
  DonorAccountStore,
  SignInLinkStore,
  SignInRequestStore,
  StoredSignInLink,
} from "../../domain/signin/signin.ts";
import { sessionAnchorOf } from "../account/session-epoch.ts";
import { TTL_ATTRIBUTE } from "../definition.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Sign-in links, one item per link keyed by the token's hash. A link is consumed by a conditional Delete
 * that returns what it deleted, so of two clicks racing only one gets the item. The table's TTL deletes
 * links late (up to days), so an item past `expiresAt` is refused here too.
 */
export function createSignInLinkStore(client: DynamoDBDocumentClient, tableName: string): SignInLinkStore {
  return {
    async save(link) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.signInLink(link.tokenHash),
            entity: ENTITY.signInLink,
            donorId: link.donorId,
            locale: link.locale,
            [TTL_ATTRIBUTE]: Math.floor(link.expiresAt.getTime() / 1000),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },

    async consume(tokenHash, now) {
      try {
        const { Attributes } = await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.signInLink(tokenHash),
            ConditionExpression: "attribute_exists(pk)",
            ReturnValues: "ALL_OLD",
          }),
        );
        if (!Attributes) return undefined;
        const link: StoredSignInLink = {
          donorId: String(Attributes.donorId),
          locale: Attributes.locale as Locale,
          expiresAt: new Date(Number(Attributes[TTL_ATTRIBUTE]) * 1000),
        };
        return link.expiresAt > now ? link : { ...link, expired: true };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
  };
}

/**
 * Link requests, one item each, waiting for the sign-in mail worker. The address is held only until the
 * worker deletes the item (seconds), or the table's TTL does (a request it never got to).
 */
export function createSignInRequestStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): SignInRequestStore {
  return {
    async add(request, expiresAt) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.signInRequest(request.requestId),
            // What the sign-in mail worker's stream filter picks (functions/routes.ts).
            entity: ENTITY.signInRequest,
            requestId: request.requestId,
            email: request.email,
            locale: request.locale,
            requestedAt: request.requestedAt.toISOString(),
            [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
          },
        }),
      );
    },

    async remove(requestId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.signInRequest(requestId) }));
    },
  };
}

/** The session side of a donor's profile (`A#PROFILE`, written by the ledger): does it exist, its epoch. */
export function createDonorAccountStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): DonorAccountStore {
  return {
    async find(donorId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.donorProfile(donorId),
          ProjectionExpression: "donorId, sessionEpoch, bornAt, #locale",
          ExpressionAttributeNames: { "#locale": "locale" },
          ConsistentRead: true,
        }),
      );
      if (!Item) return undefined;
      return {
        ...sessionAnchorOf(Item),
        ...(Item.locale ? { locale: Item.locale as Locale } : {}),
      };
    },

    async raiseSessionEpoch(donorId) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.donorProfile(donorId),
            UpdateExpression: "ADD sessionEpoch :one",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":one": 1 },
            ReturnValues: "UPDATED_NEW",
          }),
        );
        return Number(Attributes?.sessionEpoch);
      } catch (error) {
        // No profile (erased meanwhile): no session of theirs can be valid anyway.
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
  };
}
