import { Logger } from "@aws-lambda-powertools/logger";

/** One structured logger per function. Never log request bodies, names, e-mails or IP addresses. */
export const logger = new Logger({
  serviceName: "athar",
  logLevel: (process.env.LOG_LEVEL ?? "INFO") as "INFO",
});
