import type { Money } from "../money.ts";

/**
 * `GET /api/initiatives/{id}/availability`: what an initiative funded by units (or adopted whole) has left,
 * for the live counter and the adoption form. For shared units, counts are in units (a half-adopted unit
 * is neither free nor adopted: it is listed in `partlyCovered` with what completes it).
 */
export interface AvailabilityView {
  initiativeId: string;
  model: "units" | "whole";
  interval: "once" | "month";
  /** One unit's price (units), or the whole initiative's (whole). */
  unitPrice: Money;
  total: number;
  /** Units whose sponsorship is paid (or, for shares, both shares paid). */
  adopted: number;
  /** Units held by checkouts in progress (released if not paid within the session's life). */
  held: number;
  /** Units nobody has started on: adopt these whole, or open them with a first share. */
  free: number;
  /** Where units are shared: the allowed shares, and the units waiting for a second sponsor. */
  shared?: {
    shareSizes: number[];
    /** Units with one share taken (held or paid), by the share that completes them. */
    partlyCovered: { remaining: Money; count: number }[];
  };
  /** Adopters who agreed to be named (or "a donor" when not), newest first, at most 20. */
  recognition: { name: string | null; units: number; since: string }[];
  generatedAt: string;
}
