import type { TOTP } from "otpauth";

/**
 * A six-digit code that no step the issuer accepts around `now` (the current one and one either side)
 * would take, so a "wrong code" test cannot be right by chance.
 */
export function wrongTotpCode(totp: TOTP, now = Date.now()): string {
  const accepted = new Set([-30_000, 0, 30_000].map((shift) => totp.generate({ timestamp: now + shift })));
  let code = Number(totp.generate({ timestamp: now }));
  while (accepted.has(String(code).padStart(6, "0"))) code = (code + 1) % 1_000_000;
  return String(code).padStart(6, "0");
}
