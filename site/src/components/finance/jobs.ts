import { useEffect, useRef, useState } from "react";
import { type StaffToken, staffGet } from "../../lib/staff-auth.ts";

/** A job the API started (payout import, export): read again every second until it ends. */
export interface PolledJob {
  status: string;
}

const ENDED = new Set(["done", "failed"]);
const POLL_MS = 1000;

/**
 * Follows the job at `path` (undefined: none) and reports each reading; `onEnded` runs once when it is
 * done or failed. Reading stops when the panel goes away or follows another job.
 */
export function useJobProgress<J extends PolledJob>(
  path: string | undefined,
  token: StaffToken,
  locale: string,
  onEnded: (job: J) => void,
  onFailure: (caught: unknown) => void,
): J | undefined {
  const [job, setJob] = useState<J | undefined>();
  const ended = useRef(onEnded);
  const failed = useRef(onFailure);
  ended.current = onEnded;
  failed.current = onFailure;

  useEffect(() => {
    if (!path) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const reading = await staffGet<J>(path, token, locale);
        if (stopped) return;
        setJob(reading);
        if (ENDED.has(reading.status)) ended.current(reading);
        else timer = setTimeout(read, POLL_MS);
      } catch (caught) {
        if (!stopped) failed.current(caught);
      }
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path, token, locale]);

  return job;
}
