import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ExportFiles } from "../domain/finance/exports/ports.ts";
import { attachmentDisposition } from "../http/responses.ts";

/** A download link is good for five minutes: long enough to start, too short to pass around. */
const URL_SECONDS = 300;

/**
 * AWS: export files in the exports bucket (private, encrypted, expired by a lifecycle rule); the worker
 * writes them, the API hands out a presigned GET that names the download and its type.
 */
export function createS3ExportFiles(bucket: string, client = new S3Client({})): ExportFiles {
  return {
    async save(name, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: name, Body: body, ContentType: contentType }),
      );
    },
    async open(name, download) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: name }));
      } catch (error) {
        if ((error as { name?: string }).name === "NotFound") return undefined;
        throw error;
      }
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: name,
          ResponseContentDisposition: attachmentDisposition(download.fileName),
          ResponseContentType: download.contentType,
        }),
        { expiresIn: URL_SECONDS },
      );
      return { url };
    },
  };
}
