import { useEffect, useState } from "preact/hooks";
import { getJson } from "../api.js";
import type { Job, Progress } from "../api-types.js";
import { can, useRole } from "../auth.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { type ProgressPoint, ProgressChart } from "../components/ProgressChart.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { formatDateTime, formatDuration, formatNumber, formatPercent } from "../format.js";
import { useLang } from "../i18n.js";
import { href } from "../route.js";
import { readEvents } from "../sse.js";

const ENDED = ["completed", "failed", "cancelled"];
const POLL_MS = 2000;

export function JobView({ id }: { id: string }) {
  const { t, lang } = useLang();
  const role = useRole();
  const [job, setJob] = useState<Job | null>(null);
  const [points, setPoints] = useState<ProgressPoint[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    setPoints([]);
    follow(id, abort.signal, setJob, (p) => setPoints((list) => [...list, p])).catch((err) => !abort.signal.aborted && setError(err));
    return () => abort.abort();
  }, [id]);

  const cancel = async () => {
    setCancelling(true);
    try {
      await getJson(`/v1/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
      setJob(await getJson<Job>(`/v1/jobs/${encodeURIComponent(id)}`));
    } catch (err) {
      setError(err);
    } finally {
      setCancelling(false);
    }
  };

  const progress = job?.progress;
  const ended = job ? ENDED.includes(job.status) : false;
  return (
    <section aria-labelledby="job-title">
      <h1 id="job-title">{t("job.title", { id })}</h1>
      <ProblemNote error={error} />
      {job && (
        <div class="card">
          <dl class="facts">
            <div>
              <dt>{t("jobs.status")}</dt>
              <dd data-testid="job-status">
                <StatusBadge status={job.status} />
              </dd>
            </div>
            <div>
              <dt>{t("jobs.scenario")}</dt>
              <dd>{job.scenarioId}</dd>
            </div>
            <div>
              <dt>{t("jobs.submittedAt")}</dt>
              <dd>{formatDateTime(job.createdAt, lang)}</dd>
            </div>
            {job.startedAt && (
              <div>
                <dt>{t("job.startedAt")}</dt>
                <dd>{formatDateTime(job.startedAt, lang)}</dd>
              </div>
            )}
            {job.finishedAt && (
              <div>
                <dt>{t("job.finishedAt")}</dt>
                <dd>{formatDateTime(job.finishedAt, lang)}</dd>
              </div>
            )}
          </dl>
          {!ended && <ProgressBar progress={progress} />}
          {job.error && (
            <p class="problem" role="alert">
              {job.error}
            </p>
          )}
          {job.summary && (
            <dl class="facts">
              <div>
                <dt>{t("plan.status")}</dt>
                <dd>
                  <StatusBadge status={job.summary.status} />
                </dd>
              </div>
              <div>
                <dt>{t("plan.objective")}</dt>
                <dd>{formatNumber(job.summary.objective, lang)}</dd>
              </div>
              <div>
                <dt>{t("plan.bound")}</dt>
                <dd>{formatNumber(job.summary.bound, lang)}</dd>
              </div>
              <div>
                <dt>{t("plan.gap")}</dt>
                <dd>{formatPercent(job.summary.gap, lang)}</dd>
              </div>
              <div>
                <dt>{t("job.placed")}</dt>
                <dd>{formatNumber(job.summary.placed, lang)}</dd>
              </div>
              <div>
                <dt>{t("job.unplaced")}</dt>
                <dd>{formatNumber(job.summary.unplaced, lang)}</dd>
              </div>
              <div>
                <dt>{t("jobs.solveTime")}</dt>
                <dd>
                  {formatDuration(job.summary.timeMs, lang)} ({job.summary.solver})
                </dd>
              </div>
            </dl>
          )}
          <div class="row toolbar">
            {job.status === "completed" && (
              <a class="button primary" href={href({ view: "plan", id })}>
                {t("job.openPlan")}
              </a>
            )}
            {!ended && can(role, "cancel") && (
              <button type="button" data-testid="cancel-job" onClick={cancel} disabled={cancelling}>
                {t("job.cancel")}
              </button>
            )}
          </div>
        </div>
      )}
      {/* A job opened after it ended has no live points to draw. */}
      {(points.length > 0 || (job && !ended)) && (
        <>
          <h2>{t("job.progressTitle")}</h2>
          <ProgressChart points={points} />
        </>
      )}
    </section>
  );
}

function ProgressBar({ progress }: { progress?: Progress }) {
  const { t, lang } = useLang();
  const percent = Math.round(progress?.percent ?? 0);
  const phase = progress ? t(`phase.${progress.phase}` as "phase.solving") : t("status.queued");
  return (
    <div class="progress" data-testid="job-progress" data-percent={percent} data-phase={progress?.phase ?? ""}>
      <label for="job-progress-bar">
        {phase}: {formatNumber(percent, lang, 0)} %
      </label>
      <progress id="job-progress-bar" max={100} value={percent} />
    </div>
  );
}

/**
 * Follows a job until it ends: the SSE stream when the service offers it, else polling. Progress
 * events with an incumbent or a bound become chart points.
 */
async function follow(id: string, signal: AbortSignal, onJob: (j: Job) => void, onPoint: (p: ProgressPoint) => void): Promise<void> {
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  let job = await getJson<Job>(path, { signal });
  onJob(job);
  if (ENDED.includes(job.status)) return;
  const start = performance.now();
  const point = (p: Progress) => {
    if (p.incumbent !== undefined || p.bound !== undefined) {
      onPoint({ seconds: (performance.now() - start) / 1000, incumbent: p.incumbent ?? null, bound: p.bound ?? null });
    }
  };
  try {
    await readEvents(
      `${path}/events`,
      (e) => {
        if (e.event === "progress") {
          const p = JSON.parse(e.data) as Progress;
          onJob((job = { ...job, progress: p }));
          point(p);
        }
        if (e.event === "status") onJob((job = JSON.parse(e.data) as Job));
      },
      signal,
    );
  } catch (err) {
    if (signal.aborted) return;
    console.warn("event stream failed, polling instead", err);
  }
  while (!signal.aborted && !ENDED.includes(job.status)) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    onJob((job = await getJson<Job>(path, { signal })));
    if (job.progress) point(job.progress);
  }
}
