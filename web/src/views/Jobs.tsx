import { useEffect, useState } from "preact/hooks";
import { getJson, query } from "../api.js";
import type { Job, JobStatus, Page } from "../api-types.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { formatDateTime, formatDuration } from "../format.js";
import { useLang } from "../i18n.js";
import { href } from "../route.js";
import { useLoad } from "../use-load.js";

const STATUSES: JobStatus[] = ["queued", "active", "completed", "failed", "cancelled"];
const REFRESH_MS = 5000;

export function JobsView() {
  const { t, lang } = useLang();
  const [status, setStatus] = useState("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad((signal) => getJson<Page<Job>>(`/v1/jobs${query({ status, limit: 25, cursor })}`, { signal }), [status, cursor]);
  const { reload } = page;
  const running = page.data?.items.some((j) => j.status === "queued" || j.status === "active");
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">{t("jobs.title")}</h1>
      <div class="row toolbar">
        <div>
          <label for="jobs-status">{t("jobs.filterStatus")}</label>
          <select id="jobs-status" value={status} onChange={(e) => (setStatus(e.currentTarget.value), setCursors([undefined]))}>
            <option value="">{t("jobs.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={reload}>
          {t("jobs.refresh")}
        </button>
      </div>
      <ProblemNote error={page.error} />
      <table class="data">
        <caption class="sr-only">{t("jobs.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("jobs.id")}</th>
            <th scope="col">{t("jobs.status")}</th>
            <th scope="col">{t("jobs.scenario")}</th>
            <th scope="col">{t("jobs.submittedAt")}</th>
            <th scope="col" class="num">
              {t("jobs.solveTime")}
            </th>
          </tr>
        </thead>
        <tbody>
          {page.data?.items.map((job) => (
            <tr key={job.id} data-testid="job-row">
              <td>
                <a href={href({ view: "job", id: job.id })}>{job.id}</a>
              </td>
              <td data-testid="job-status">
                <StatusBadge status={job.status} />
              </td>
              <td>{job.scenarioId}</td>
              <td>{formatDateTime(job.createdAt, lang)}</td>
              <td class="num">{formatDuration(job.summary?.timeMs, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && page.data.items.length === 0 && <p>{t("jobs.none")}</p>}
      <div class="row toolbar">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t("jobs.newer")}
        </button>
        <button type="button" disabled={!page.data?.next} onClick={() => setCursors((c) => [...c, page.data!.next])}>
          {t("jobs.older")}
        </button>
      </div>
    </section>
  );
}
