import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { getJson, query } from "../api.js";
import type { Comparison, ComparisonVariant, PlanDiff } from "../api-types.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { formatDuration, formatNumber, formatPercent } from "../format.js";
import { type Lang, type Translate, useLang } from "../i18n.js";
import { href } from "../route.js";
import { useLoad } from "../use-load.js";

const POLL_MS = 2000;

export function ComparisonView({ id }: { id: string }) {
  const { t } = useLang();
  const path = `/v1/comparisons/${encodeURIComponent(id)}`;
  const comparison = useLoad((signal) => getJson<Comparison>(path, { signal }), [id]);
  const { reload } = comparison;
  const done = comparison.data?.status === "completed";
  useEffect(() => {
    if (done || comparison.error) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [comparison.data, comparison.error, done, reload]);

  return (
    <section aria-labelledby="comparison-title">
      <h1 id="comparison-title">{t("comparison.title", { id })}</h1>
      <ProblemNote error={comparison.error} />
      {comparison.data && (
        <>
          <p>
            {t("jobs.status")}: <StatusBadge status={comparison.data.status} />
          </p>
          <CompareTable variants={comparison.data.variants} />
          {done && comparison.data.variants.length >= 2 && <DiffPanel comparisonPath={path} variants={comparison.data.variants} />}
        </>
      )}
    </section>
  );
}

type MetricRow = { label: string; cells: ComponentChildren[] };

/** Metrics as rows and variants as columns, as planners read a side-by-side. */
function CompareTable({ variants }: { variants: ComparisonVariant[] }) {
  const { t, lang } = useLang();
  const rows = metricRows(variants, t, lang);
  return (
    <div class="scroll-x" tabIndex={0} role="region" aria-label={t("comparison.table")}>
      <table class="data compare" data-testid="compare-table">
        <caption class="sr-only">{t("comparison.table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("comparison.metric")}</th>
            {variants.map((v) => (
              <th scope="col" key={v.name} class="num">
                {v.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i} class="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function metricRows(variants: ComparisonVariant[], t: Translate, lang: Lang): MetricRow[] {
  const n = (v: unknown) => formatNumber(typeof v === "number" ? v : null, lang);
  const rows: MetricRow[] = [
    { label: t("jobs.status"), cells: variants.map((v) => <StatusBadge status={v.status} />) },
    { label: t("comparison.objective"), cells: variants.map((v) => n(v.objective)) },
    { label: t("comparison.commonObjective"), cells: variants.map((v) => n(v.commonObjective)) },
    { label: t("plan.bound"), cells: variants.map((v) => n(v.bound)) },
    { label: t("plan.gap"), cells: variants.map((v) => formatPercent(v.gap, lang)) },
    { label: t("jobs.solveTime"), cells: variants.map((v) => formatDuration(v.timeMs, lang)) },
    { label: t("comparison.solver"), cells: variants.map((v) => String(v.solver ?? "–")) },
    { label: t("plan.householdsPlaced"), cells: variants.map((v) => n(v.placed)) },
    { label: t("plan.personsPlaced"), cells: variants.map((v) => n(v.personsPlaced)) },
    { label: t("plan.familiesHoused"), cells: variants.map((v) => n(v.familiesHoused)) },
    { label: t("plan.singlesHoused"), cells: variants.map((v) => n(v.singlesHoused)) },
    { label: t("plan.householdsUnplaced"), cells: variants.map((v) => n(v.unplaced)) },
    { label: t("comparison.commute"), cells: variants.map((v) => n(v.averageCommuteMinutes)) },
  ];
  const counted: [string, (key: string) => string][] = [
    ["byPriority", (k) => t("plan.tierPlaced", { tier: k })],
    ["byGroup", (k) => t("comparison.group", { group: k })],
    ["byWave", (k) => t("comparison.wave", { wave: k })],
    ["schoolSeats", (k) => t("comparison.seats", { level: k })],
    ["unplacedReasons", (k) => t("comparison.reason", { reason: k })],
  ];
  for (const [field, label] of counted) {
    const keys = [...new Set(variants.flatMap((v) => Object.keys((v[field] as Record<string, number> | undefined) ?? {})))];
    for (const k of keys) rows.push({ label: label(k), cells: variants.map((v) => n((v[field] as Record<string, number> | undefined)?.[k] ?? 0)) });
  }
  rows.push({
    label: t("comparison.plan"),
    cells: variants.map((v) => (v.jobId ? <a href={href({ view: "plan", id: v.jobId })}>{t("comparison.openPlan", { name: v.name })}</a> : "–")),
  });
  return rows;
}

function DiffPanel({ comparisonPath, variants }: { comparisonPath: string; variants: ComparisonVariant[] }) {
  const { t, lang } = useLang();
  const [a, setA] = useState(variants[0].name);
  const [b, setB] = useState(variants[1].name);
  const diff = useLoad((signal) => getJson<PlanDiff>(`${comparisonPath}/diff${query({ a, b })}`, { signal }), [comparisonPath, a, b]);
  const picker = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.currentTarget.value)}>
        {variants.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name}
          </option>
        ))}
      </select>
    </div>
  );
  const lists = ["onlyInA", "onlyInB", "movedWave", "movedTower"] as const;
  const d = diff.data;
  return (
    <section aria-labelledby="diff-title" data-testid="diff-view">
      <h2 id="diff-title">{t("diff.title")}</h2>
      <div class="row toolbar">
        {picker("diff-a", t("diff.a"), a, setA)}
        {picker("diff-b", t("diff.b"), b, setB)}
      </div>
      <ProblemNote error={diff.error} />
      {d && (
        <>
          <table class="data" data-testid="diff-agencies">
            <caption>{t("diff.byAgency", { a: d.a, b: d.b })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.agency")}</th>
                {lists.map((k) => (
                  <th scope="col" class="num" key={k}>
                    {t(`diff.${k}`, { a: d.a, b: d.b })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(d.byAgency).map(([agency, counts]) => (
                <tr key={agency}>
                  <th scope="row">{agency}</th>
                  {lists.map((k) => (
                    <td class="num" key={k}>
                      {formatNumber(counts[k], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {lists.map((k) => (
            <details key={k} data-list={k}>
              <summary>
                {t(`diff.${k}`, { a: d.a, b: d.b })}: {formatNumber(d[k].length, lang)}
              </summary>
              <p class="ids">{d[k].length ? d[k].join(", ") : t("diff.nobody")}</p>
            </details>
          ))}
        </>
      )}
    </section>
  );
}
