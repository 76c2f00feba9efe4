/**
 * `npm run staff:create -- --email finance@council.example --role finance [--password …]`: creates (or
 * replaces) a staff user of the local issuer, in the local-auth.json that a running `npm start` reads on
 * every sign-in. Which file: ATHAR_DATA_DIR's when it is set; else the running stack's (it is asked at
 * `--url`, default http://localhost:${PORT:-8787}); else the default data directory, .data. It always says
 * which, and warns when a running stack would not see the user. Prints the password and the TOTP secret as
 * an otpauth:// URI for an authenticator app, with the current code. In AWS: `aws cognito-idp
 * admin-create-user` and `admin-add-user-to-group` (docs/finance.md, "Staff sign-in").
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { STAFF_ROLES } from "../functions/auth/staff.ts";
import { LOCAL_AUTH_PATH } from "../functions/config.ts";
import { createStaffUser, openLocalAuthStore } from "../local/auth/store.ts";

export const HELP = `Usage: npm run staff:create -- --email <address> --role <${STAFF_ROLES.join("|")}> [--password <password>] [--url <url>]

Creates a local staff user (sign-in with password and an authenticator app code at /local-auth/).
Without --password one is generated. Passwords need 12+ characters with upper and lower case, a digit
and a symbol. The users live in <data directory>/local-auth.json: ATHAR_DATA_DIR when it is set, else
that of the Athar running at --url (default http://localhost:\${PORT:-8787}), else .data.`;

/** The running stack's staff file, or why there is none to use: it is not running, or keeps staff in memory. */
async function runningStackFile(url: string): Promise<string | null | undefined> {
  try {
    const response = await fetch(`${url}${LOCAL_AUTH_PATH}/admin/store`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) return undefined;
    return ((await response.json()) as { file: string | null }).file;
  } catch {
    return undefined;
  }
}

/** Where to save the user, and what to tell the person about it. */
async function chooseFile(
  env: NodeJS.ProcessEnv,
  url: string,
  cwd: string,
): Promise<{ file: string; notes: string[]; warnings: string[] }> {
  const running = await runningStackFile(url);
  if (env.ATHAR_DATA_DIR) {
    const file = join(resolve(cwd, env.ATHAR_DATA_DIR), "local-auth.json");
    const elsewhere = running && running !== file;
    return {
      file,
      notes: [],
      warnings: elsewhere
        ? [
            `The Athar running at ${url} reads its staff from ${running}, not from this ATHAR_DATA_DIR: it will not see this user.`,
          ]
        : [],
    };
  }
  if (running)
    return {
      file: running,
      notes: [`Found Athar running at ${url}; saving the user in its data.`],
      warnings: [],
    };
  const file = join(resolve(cwd, ".data"), "local-auth.json");
  const notes =
    running === null
      ? [`The Athar running at ${url} keeps its staff in memory (it was started without a data directory).`]
      : [`No Athar answered at ${url}.`];
  return {
    file,
    notes: [...notes, `Saving in the default data directory; \`npm start\` without ATHAR_DATA_DIR uses it.`],
    warnings: [],
  };
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export async function runStaffCreate(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  output: Output = { out: console.log, err: console.error },
  /** What relative data directories (and the default .data) are relative to. */
  cwd = process.cwd(),
): Promise<number> {
  let values: { email?: string; role?: string; password?: string; url?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        password: { type: "string" },
        url: { type: "string" },
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
  const url = (values.url ?? `http://localhost:${env.PORT ?? 8787}`).replace(/\/$/, "");
  const { file, notes, warnings } = await chooseFile(env, url, cwd);
  for (const note of notes) output.out(note);
  for (const warning of warnings) output.err(`Warning: ${warning}`);
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
