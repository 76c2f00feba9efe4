/**
 * `npm run staff:create -- --email finance@council.example --role finance [--password …]`: creates (or
 * replaces) a staff user of the local issuer in ATHAR_DATA_DIR/local-auth.json, which a running `npm start`
 * reads on every sign-in. Prints the password and the TOTP secret as an otpauth:// URI for an
 * authenticator app, with the current code. In AWS: `aws cognito-idp admin-create-user` and
 * `admin-add-user-to-group` (README, "Staff sign-in").
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { STAFF_ROLES } from "../functions/auth/staff.ts";
import { createStaffUser, openLocalAuthStore } from "../local/auth/store.ts";

export const HELP = `Usage: npm run staff:create -- --email <address> --role <${STAFF_ROLES.join("|")}> [--password <password>]

Creates a local staff user (sign-in with password and an authenticator app code at /local-auth/).
Without --password one is generated. Passwords need 12+ characters with upper and lower case, a digit
and a symbol. The users live in ATHAR_DATA_DIR/local-auth.json (default .data).`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export async function runStaffCreate(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  output: Output = { out: console.log, err: console.error },
): Promise<number> {
  let values: { email?: string; role?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.help) {
    output.out(HELP);
    return 0;
  }
  if (!values.email || !values.role) {
    output.err(`--email and --role are required.\n\n${HELP}`);
    return 1;
  }
  const file = join(resolve(env.ATHAR_DATA_DIR ?? ".data"), "local-auth.json");
  try {
    const created = createStaffUser(await openLocalAuthStore(file), {
      email: values.email,
      role: values.role,
      ...(values.password ? { password: values.password } : {}),
    });
    output.out(`Staff user ${created.user.email} (${created.user.groups.join(", ")}) saved in ${file}`);
    output.out(`Password:      ${created.password}`);
    output.out(`TOTP secret:   ${created.totpUri}`);
    output.out(`Current code:  ${created.currentCode}  (add the secret to an authenticator app)`);
    return 0;
  } catch (error) {
    output.err(`Could not create the user: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await runStaffCreate(process.argv.slice(2));
