/**
 * The local staff issuer's state: its RS256 key pair and its users (scrypt password hash, TOTP secret,
 * groups). Kept in ATHAR_DATA_DIR/local-auth.json when a file is given, so `npm run staff:create` and the
 * running server share it (the server reads the file on every sign-in); in memory otherwise (tests).
 */
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";
import { STAFF_ROLES, type StaffRole } from "../../functions/auth/staff.ts";

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface LocalStaffUser {
  sub: string;
  email: string;
  groups: StaffRole[];
  /** `scrypt$<salt>$<hash>`, both base64url. */
  passwordHash: string;
  /** Base32, as authenticator apps take it. */
  totpSecret: string;
  /** The 30-second step of the last code accepted; that code and earlier ones are refused. */
  lastTotpStep?: number;
}

interface LocalAuthState {
  keys: SigningKey[];
  users: LocalStaffUser[];
}

export interface LocalAuthStore {
  /** The file the users are kept in (read again at every sign-in); undefined when they live in memory. */
  readonly file: string | undefined;
  signingKey(): SigningKey;
  /** The public keys, as `/.well-known/jwks.json` serves them. */
  jwks(): { keys: JWK[] };
  findUser(email: string): LocalStaffUser | undefined;
  saveUser(user: LocalStaffUser): void;
}

const emailSchema = z.email();
export const normalizeStaffEmail = (email: string) => email.trim().toLowerCase();

/** A user pool's password policy (infra/lib/staff.ts): 12+ characters with upper, lower, digit and symbol. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return "at least 12 characters";
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password)) return "upper and lower case letters";
  if (!/\d/.test(password)) return "a digit";
  if (!/[^A-Za-z0-9]/.test(password)) return "a symbol";
  return undefined;
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64url")}$${scryptSync(password, salt, 32).toString("base64url")}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, "base64url"), expected.length), expected);
}

export function totpFor(user: Pick<LocalStaffUser, "email" | "totpSecret">): TOTP {
  return new TOTP({
    issuer: "Athar (local)",
    label: user.email,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(user.totpSecret),
  });
}

/**
 * Accepts a code of this or the neighbouring 30-second step (clocks drift), once: like Cognito, a code
 * already used is refused, so one seen over a shoulder is spent.
 */
export function acceptTotpCode(store: LocalAuthStore, user: LocalStaffUser, code: string, now = Date.now()) {
  if (!/^\d{6}$/.test(code)) return false;
  const delta = totpFor(user).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 30_000) + delta;
  if (user.lastTotpStep !== undefined && step <= user.lastTotpStep) return false;
  store.saveUser({ ...user, lastTotpStep: step });
  return true;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
}

function readState(file: string): LocalAuthState | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LocalAuthState) : undefined;
}

function writeState(file: string, state: LocalAuthState) {
  mkdirSync(dirname(file), { recursive: true });
  // Written aside then renamed, so the server never reads half a file.
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(aside, file);
}

/** Opens (or creates, with a new key pair) the issuer's state. */
export async function openLocalAuthStore(file?: string): Promise<LocalAuthStore> {
  let memory: LocalAuthState = (file && readState(file)) || { keys: [await newSigningKey()], users: [] };
  if (file && !existsSync(file)) writeState(file, memory);
  const current = () => {
    if (file) memory = readState(file) ?? memory;
    return memory;
  };
  return {
    file,
    signingKey() {
      const key = current().keys[0];
      if (!key) throw new Error("the local issuer has no signing key");
      return key;
    },
    jwks: () => ({ keys: current().keys.map((key) => key.publicJwk) }),
    findUser(email) {
      const wanted = normalizeStaffEmail(email);
      return current().users.find((user) => user.email === wanted);
    },
    saveUser(user) {
      const state = current();
      memory = { ...state, users: [...state.users.filter((other) => other.email !== user.email), user] };
      if (file) writeState(file, memory);
    },
  };
}

export interface CreatedStaffUser {
  user: LocalStaffUser;
  password: string;
  /** `otpauth://totp/…`, for an authenticator app. */
  totpUri: string;
  currentCode: string;
}

/** A generated password that meets the policy: 18 random characters plus one of each required class. */
const generatedPassword = () => `${randomBytes(14).toString("base64url")}aA1!`;

/**
 * Creates (or replaces) a staff user in a role: what `npm run staff:create` does, and what tests use. A user
 * pool's admin-create-user plus admin-add-user-to-group, with the TOTP enrolment done at once.
 */
export function createStaffUser(
  store: LocalAuthStore,
  input: { email: string; role: string; password?: string },
): CreatedStaffUser {
  const email = normalizeStaffEmail(input.email);
  if (!emailSchema.safeParse(email).success) throw new Error(`not an e-mail address: ${input.email}`);
  if (!STAFF_ROLES.includes(input.role as StaffRole))
    throw new Error(`unknown role ${input.role}: one of ${STAFF_ROLES.join(", ")}`);
  const password = input.password ?? generatedPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(`the password needs ${problem}`);
  const user: LocalStaffUser = {
    sub: store.findUser(email)?.sub ?? randomUUID(),
    email,
    groups: [input.role as StaffRole],
    passwordHash: hashPassword(password),
    totpSecret: new Secret({ size: 20 }).base32,
  };
  store.saveUser(user);
  const totp = totpFor(user);
  return { user, password, totpUri: totp.toString(), currentCode: totp.generate() };
}
