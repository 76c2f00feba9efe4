import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Locale } from "../../content/locales.ts";
import type { DonorAccountStore, SignInLinkStore, StoredSignInLink } from "../domain/signin.ts";
import { TTL_ATTRIBUTE } from "./definition.ts";
import { keys } from "./keys.ts";
import { sessionAnchorOf } from "./session-epoch.ts";

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
            entity: "signInLink",
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
