import { CfnResource, RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";

/** How long the logs of functions aws-cdk-lib adds itself (site upload, cross-region references) are kept. */
export const HELPER_LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/**
 * Every log group has a retention. Athar's own functions name theirs (infra/lib/api.ts); the functions
 * aws-cdk-lib adds (the site's upload, the readers and writers of cross-region references) would log into
 * groups Lambda creates on first use, kept for ever. Each gets a group of its own here, with a retention,
 * named in its LoggingConfig. The cross-region handlers appear only when references are resolved, after
 * aspects run, so this runs in the stack's validation, the last step before templates are written.
 */
export function retainEveryFunctionsLogs(stack: Stack): void {
  const done = new Set<CfnResource>();
  const give = () => {
    const functions = stack.node
      .findAll()
      .filter(
        (node): node is CfnResource =>
          node instanceof CfnResource && node.cfnResourceType === "AWS::Lambda::Function" && !done.has(node),
      );
    for (const fn of functions) {
      done.add(fn);
      if (fn instanceof lambda.CfnFunction) {
        const config = stack.resolve(fn.loggingConfig) as { logGroup?: unknown } | undefined;
        if (config?.logGroup) continue;
      }
      const scope = fn.node.scope;
      if (!scope) continue;
      const group = new logs.LogGroup(scope, `${fn.node.id}Logs`, {
        retention: HELPER_LOG_RETENTION,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      fn.addPropertyOverride("LoggingConfig.LogGroup", group.logGroupName);
    }
  };
  stack.node.addValidation({
    validate: () => {
      give();
      return [];
    },
  });
}
