import { useState } from "preact/hooks";
import { getJson } from "../api.js";
import type { ChangeReport, Page, Schedule, ScheduleRun } from "../api-types.js";
import { can, useRole } from "../auth.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { nextRuns } from "../cron.js";
import { formatDateTime, formatNumber } from "../format.js";
import { type Lang, useLang } from "../i18n.js";
import { href, navigate } from "../route.js";
import { useLoad } from "../use-load.js";

export function ScheduleView({ id }: { id: string }) {
  const { t, lang } = useLang();
  const role = useRole();
  const path = `/v1/schedules/${encodeURIComponent(id)}`;
  const schedule = useLoad((signal) => getJson<Schedule>(path, { signal }), [id]);
  const runs = useLoad((signal) => getJson<Page<ScheduleRun>>(`${path}/runs`, { signal }), [id]);
  const [error, setError] = useState<unknown>(null);
  const s = schedule.data;
  const upcoming = s ? nextRuns(s.cron, s.timezone, new Date()) : null;

  const remove = async () => {
    if (!confirm(t("schedule.confirmDelete"))) return;
    try {
      await getJson(path, { method: "DELETE" });
      navigate({ view: "schedules" });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="schedule-title">
      <h1 id="schedule-title">{t("schedule.title", { id })}</h1>
      <p>
        <a href={href({ view: "schedules" })}>{t("schedule.back")}</a>
      </p>
      <ProblemNote error={schedule.error ?? error} />
      {s && (
        <div class="card">
          <dl class="facts">
            <div>
              <dt>{t("schedules.cron")}</dt>
              <dd>
                <code>{s.cron}</code>
              </dd>
            </div>
            <div>
              <dt>{t("schedules.timezone")}</dt>
              <dd>{s.timezone}</dd>
            </div>
            <div>
              <dt>{t("jobs.scenario")}</dt>
              <dd>{s.scenarioId}</dd>
            </div>
            <div>
              <dt>{t("schedules.pinBefore")}</dt>
              <dd>{s.pinBefore ?? "–"}</dd>
            </div>
            {s.deletedAt && (
              <div>
                <dt>{t("schedule.deletedAt")}</dt>
                <dd>{formatDateTime(s.deletedAt, lang)}</dd>
              </div>
            )}
          </dl>
          {upcoming?.ok && !s.deletedAt && (
            <div data-testid="schedule-next-runs">
              <p>{t("schedules.nextRuns")}</p>
              <ol>
                {upcoming.runs.map((d) => (
                  <li key={d.getTime()}>{formatDateTime(d, lang)}</li>
                ))}
              </ol>
            </div>
          )}
          {can(role, "schedule") && !s.deletedAt && (
            <button type="button" class="danger" onClick={remove}>
              {t("schedule.delete")}
            </button>
          )}
        </div>
      )}
      <h2>{t("schedule.runs")}</h2>
      <ProblemNote error={runs.error} />
      <button type="button" onClick={runs.reload}>
        {t("jobs.refresh")}
      </button>
      <ol class="runs" data-testid="run-list">
        {runs.data?.items.map((run) => (
          <li key={run.runAt}>
            <p>
              <time dateTime={run.runAt}>{formatDateTime(run.runAt, lang)}</time>
              {" · "}
              {run.jobId && <a href={href({ view: "job", id: run.jobId })}>{t("schedule.job", { id: run.jobId })}</a>}
              {run.comparisonId && <a href={href({ view: "comparison", id: run.comparisonId })}>{t("schedule.comparison", { id: run.comparisonId })}</a>}
            </p>
            {run.pinned !== undefined && run.pinned > 0 && <p class="hint">{t("schedule.pinned", { count: formatNumber(run.pinned, lang) })}</p>}
            {run.error && (
              <p class="problem" role="alert">
                {run.error}
              </p>
            )}
            {run.changes && <ChangeReportView changes={run.changes} />}
            {!run.changes && !run.error && <p class="hint">{t("schedule.noReport")}</p>}
          </li>
        ))}
      </ol>
      {runs.data?.items.length === 0 && <p>{t("schedule.noRuns")}</p>}
    </section>
  );
}

function ChangeReportView({ changes }: { changes: ChangeReport }) {
  const { t, lang } = useLang();
  const lists = ["newlyPlaced", "noLongerPlaced", "movedWave", "movedTower"] as const;
  return (
    <div data-testid="change-report" class="change-report">
      <p>
        {t("change.objective")}: {changes.objectiveChange === null ? "–" : signed(changes.objectiveChange, lang)}
      </p>
      {lists.map((k) => (
        <details key={k} data-list={k} data-count={changes[k].length}>
          <summary>
            {t(`change.${k}`)}: {formatNumber(changes[k].length, lang)}
          </summary>
          <p class="ids">{changes[k].length ? changes[k].join(", ") : t("diff.nobody")}</p>
        </details>
      ))}
    </div>
  );
}

function signed(n: number, lang: Lang): string {
  return `${n > 0 ? "+" : ""}${formatNumber(n, lang)}`;
}
