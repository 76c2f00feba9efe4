import { useCallback, useEffect, useState } from "react";
import { LOCALES } from "../../../../content/locales.ts";
import type {
  ExportFormat,
  ExportView as ExportJob,
  ExportKind,
} from "../../../../contract/finance/exports.ts";
import { staffDownload, staffPost } from "../../lib/staff-auth.ts";
import { count, failureMessage, fill } from "./format.ts";
import { useJobProgress } from "./jobs.ts";
import type { PanelProps } from "./panel-props.ts";
import { defaultPeriod, type Period, periodQuery } from "./period.ts";
import RangePicker from "./RangePicker.tsx";

/** The export API's kinds and formats, typed by its own (the writers themselves stay on the server). */
const KINDS: readonly ExportKind[] = ["donations", "refunds", "payouts", "funds"];
const FORMATS: readonly ExportFormat[] = ["csv", "xlsx"];

/**
 * Exports for the books: what, which format, which period (Gregorian days or Hijri months) and the file's
 * language; the export is a job followed to its end, then its file is fetched with the staff's token and
 * offered as a download.
 */
export default function ExportsPanel({ token, locale, strings, onSessionEnded }: PanelProps) {
  const [kind, setKind] = useState<ExportKind>("donations");
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [fileLocale, setFileLocale] = useState(locale);
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  const [jobPath, setJobPath] = useState<string | undefined>();
  const [error, setError] = useState("");
  const [file, setFile] = useState<{ url: string; name: string } | undefined>();

  const fail = useCallback(
    (caught: unknown) => setError(failureMessage(caught, strings, onSessionEnded) ?? ""),
    [strings, onSessionEnded],
  );

  const fetchFile = useCallback(
    async (job: ExportJob) => {
      if (job.status !== "done" || !job.downloadUrl) return;
      try {
        const blob = await staffDownload(job.downloadUrl, token, locale);
        setFile({ url: URL.createObjectURL(blob), name: job.fileName ?? job.exportId });
      } catch (caught) {
        fail(caught);
      }
    },
    [token, locale, fail],
  );
  const job = useJobProgress<ExportJob>(jobPath, token, locale, fetchFile, fail);
  const working = jobPath !== undefined && job?.status !== "done" && job?.status !== "failed";

  // An object URL holds the file in memory until revoked.
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  const start = async () => {
    setError("");
    setFile(undefined);
    try {
      const body = { kind, format, locale: fileLocale, ...periodQuery(period) };
      const started = await staffPost<Pick<ExportJob, "exportId" | "status">>(
        "/api/finance/exports",
        token,
        locale,
        body,
      );
      setJobPath(`/api/finance/exports/${encodeURIComponent(started.exportId)}`);
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <section className="finance-panel" aria-labelledby="exports-title">
      <h2 id="exports-title">{strings["finance.exports.title"]}</h2>
      <form
        className="finance-form"
        data-testid="export-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label htmlFor="export-kind">{strings["finance.exports.kind"]}</label>
        <select
          id="export-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as typeof kind)}
        >
          {KINDS.map((each) => (
            <option key={each} value={each}>
              {strings[`finance.exports.kind.${each}`]}
            </option>
          ))}
        </select>
        <label htmlFor="export-format">{strings["finance.exports.format"]}</label>
        <select
          id="export-format"
          value={format}
          onChange={(event) => setFormat(event.target.value as typeof format)}
        >
          {FORMATS.map((each) => (
            <option key={each} value={each}>
              {each.toUpperCase()}
            </option>
          ))}
        </select>
        <label htmlFor="export-locale">{strings["finance.exports.language"]}</label>
        <select id="export-locale" value={fileLocale} onChange={(event) => setFileLocale(event.target.value)}>
          {Object.values(LOCALES).map((each) => (
            <option key={each.lang} value={each.lang} lang={each.lang}>
              {each.label}
            </option>
          ))}
        </select>
        <RangePicker strings={strings} period={period} onChange={setPeriod} />
        <button type="submit" className="button" disabled={working}>
          {strings["finance.exports.start"]}
        </button>
      </form>
      <p className="status" role="status" aria-live="polite" data-testid="export-progress">
        {job &&
          fill(strings[`finance.exports.${job.status}` as "finance.exports.done"], {
            rows: count(locale, job.rows ?? 0),
          })}
      </p>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {file && (
        <p>
          <a className="button" href={file.url} download={file.name} data-testid="export-download">
            {fill(strings["finance.exports.download"], { file: file.name })}
          </a>
        </p>
      )}
    </section>
  );
}
