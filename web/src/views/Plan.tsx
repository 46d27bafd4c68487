import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import { ProblemNote } from "../components/ProblemNote.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { type ColourBy, KIND_LABEL, TowerGrid, UNIT_KINDS, WAVE_COLOURS } from "../components/TowerGrid.js";
import { type Column, VirtualTable } from "../components/VirtualTable.js";
import { WaveChart } from "../components/WaveChart.js";
import { downloadFrom, saveBlob } from "../download.js";
import { formatDate, formatNumber, formatPercent } from "../format.js";
import { useLang } from "../i18n.js";
import { planInputs } from "../plan-data.js";
import { type PlanStats, planStats, type PlacementRow, type UnplacedRow } from "../plan-stats.js";
import { href } from "../route.js";
import { useLoad } from "../use-load.js";

export function PlanView({ id }: { id: string }) {
  const { t } = useLang();
  const inputs = useLoad(() => planInputs(id), [id]);
  const stats = useMemo(() => inputs.data && planStats(inputs.data.scenario, inputs.data.plan), [inputs.data]);
  return (
    <section aria-labelledby="plan-title" class="plan">
      <h1 id="plan-title">{t("plan.title", { id })}</h1>
      <p>
        <a href={href({ view: "job", id })}>{t("plan.backToJob")}</a>
      </p>
      <ProblemNote error={inputs.error} />
      {!stats && !inputs.error && <p>{t("app.loading")}</p>}
      {stats && inputs.data && <PlanBody id={id} stats={stats} planText={inputs.data.planText} />}
    </section>
  );
}

function PlanBody({ id, stats, planText }: { id: string; stats: PlanStats; planText: string }) {
  const { t } = useLang();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const sections = [
    ["plan-sec-summary", "plan.summaryTitle"],
    ["plan-sec-waves", "waves.title"],
    ["plan-sec-towers", "grid.title"],
    ["plan-sec-schools", "schools.title"],
    ["plan-sec-unplaced", "unplaced.title"],
    ["plan-sec-search", "search.title"],
    ["plan-sec-placements", "placements.title"],
  ] as const;
  return (
    <>
      <nav aria-label={t("plan.sections")} class="toc">
        <ul>
          {sections.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`} onClick={(e) => (e.preventDefault(), document.getElementById(anchor)?.scrollIntoView())}>
                {t(label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="row toolbar">
        <button
          type="button"
          data-testid="download-csv"
          onClick={() => downloadFrom(`/v1/jobs/${encodeURIComponent(id)}/plan?format=csv`, "text/csv", `plan-${id}.csv`).catch(setDownloadError)}
        >
          {t("plan.downloadCsv")}
        </button>
        <button
          type="button"
          data-testid="download-json"
          onClick={() => saveBlob(new Blob([planText], { type: "application/json" }), `plan-${id}.json`)}
        >
          {t("plan.downloadJson")}
        </button>
      </div>
      <ProblemNote error={downloadError} />
      <SummaryCards stats={stats} />
      <WavesSection stats={stats} />
      <TowersSection stats={stats} />
      <SchoolsSection stats={stats} />
      <UnplacedSection stats={stats} />
      <SearchSection stats={stats} />
      <PlacementsSection stats={stats} />
    </>
  );
}

function SummaryCards({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const n = (v: number | null) => formatNumber(v, lang);
  const card = (label: string, value: ComponentChildren, testid?: string) => (
    <div class="stat">
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
  return (
    <section id="plan-sec-summary" aria-labelledby="plan-summary-title">
      <h2 id="plan-summary-title">{t("plan.summaryTitle")}</h2>
      <dl class="cards" data-testid="plan-summary">
        {card(t("plan.status"), <StatusBadge status={stats.status} />, "plan-status")}
        {card(t("plan.objective"), n(stats.objective), "plan-objective")}
        {card(t("plan.bound"), n(stats.bound), "plan-bound")}
        {card(t("plan.gap"), formatPercent(stats.gap, lang), "plan-gap")}
        {card(t("plan.householdsPlaced"), n(stats.households.placed), "plan-households-placed")}
        {card(t("plan.personsPlaced"), n(stats.persons.placed), "plan-persons-placed")}
        {card(t("plan.householdsUnplaced"), n(stats.households.unplaced), "plan-households-unplaced")}
        {card(t("plan.personsUnplaced"), n(stats.persons.unplaced), "plan-persons-unplaced")}
        {card(t("plan.familiesHoused"), n(stats.familiesHoused), "plan-families")}
        {card(t("plan.singlesHoused"), n(stats.singlesHoused), "plan-singles")}
        {stats.tiers.map((tier) =>
          card(t("plan.tierPlaced", { tier: tier.tier }), `${n(tier.placed)} / ${n(tier.total)}`, `plan-tier-${tier.tier}`),
        )}
      </dl>
      {stats.explanation && (
        <p class="problem" role="note">
          {stats.explanation}
        </p>
      )}
    </section>
  );
}

function WavesSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const n = (v: number | undefined) => formatNumber(v ?? null, lang);
  return (
    <section id="plan-sec-waves" aria-labelledby="waves-title">
      <h2 id="waves-title">{t("waves.title")}</h2>
      <WaveChart waves={stats.waves} />
      <table class="data" data-testid="wave-table">
        <caption class="sr-only">{t("waves.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("waves.wave")}</th>
            <th scope="col">{t("waves.date")}</th>
            <th scope="col" class="num">{t("waves.households")}</th>
            <th scope="col" class="num">{t("waves.maxHouseholds")}</th>
            <th scope="col" class="num">{t("waves.persons")}</th>
            <th scope="col" class="num">{t("waves.maxPersons")}</th>
          </tr>
        </thead>
        <tbody>
          {stats.waves.map((w) => (
            <tr key={w.id} data-wave={w.id}>
              <th scope="row">{w.id}</th>
              <td>{formatDate(w.date, lang)}</td>
              <td class="num">{n(w.households)}</td>
              <td class="num">{n(w.maxHouseholds)}</td>
              <td class="num">{n(w.persons)}</td>
              <td class="num">{n(w.maxPersons)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TowersSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const [colourBy, setColourBy] = useState<ColourBy>("kind");
  const waveIds = useMemo(() => stats.waves.map((w) => w.id), [stats]);
  return (
    <section id="plan-sec-towers" aria-labelledby="grid-title">
      <h2 id="grid-title">{t("grid.title")}</h2>
      <div class="row toolbar">
        <div>
          <label for="colour-by">{t("grid.colourBy")}</label>
          <select id="colour-by" value={colourBy} onChange={(e) => setColourBy(e.currentTarget.value as ColourBy)}>
            <option value="kind">{t("grid.byKind")}</option>
            <option value="wave">{t("grid.byWave")}</option>
          </select>
        </div>
        <ul class="legend" aria-label={t("grid.legend")}>
          {colourBy === "kind"
            ? UNIT_KINDS.map((k) => (
                <li key={k}>
                  <span class={`swatch kind-${k}`} aria-hidden="true" /> {t(KIND_LABEL[k])}
                </li>
              ))
            : stats.waves.map((w, i) => (
                <li key={w.id}>
                  <span class={`swatch wave-${i % WAVE_COLOURS}`} aria-hidden="true" /> {i + 1}: {w.id} ({formatDate(w.date, lang)})
                </li>
              ))}
        </ul>
      </div>
      <TowerGrid towers={stats.towers} waveIds={waveIds} colourBy={colourBy} />
    </section>
  );
}

function SchoolsSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  return (
    <section id="plan-sec-schools" aria-labelledby="schools-title">
      <h2 id="schools-title">{t("schools.title")}</h2>
      <p class="hint">{t("schools.explain")}</p>
      <div class="scroll-x" tabIndex={0} role="region" aria-label={t("schools.title")}>
        <table class="data" data-testid="school-table">
          <caption class="sr-only">{t("schools.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("schools.zone")}</th>
              <th scope="col">{t("schools.level")}</th>
              {stats.waves.map((w) => (
                <th scope="col" class="num" key={w.id}>
                  {w.id} · {formatDate(w.date, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stats.schools.map((s) => (
              <tr key={`${s.zone}-${s.level}`}>
                <th scope="row">{s.zone}</th>
                <td>{s.level}</td>
                {s.byWave.map((c, i) => (
                  <td class={c.used > c.available ? "num over" : "num"} key={i}>
                    {formatNumber(c.used, lang)} / {formatNumber(c.available, lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function UnplacedSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const [agency, setAgency] = useState("");
  const [tier, setTier] = useState("");
  const [reason, setReason] = useState("");
  const rows = useMemo(
    () => stats.unplaced.filter((u) => (!agency || u.agency === agency) && (!tier || u.tier === Number(tier)) && (!reason || u.reason === reason)),
    [stats, agency, tier, reason],
  );
  const columns: Column<UnplacedRow>[] = [
    { key: "employee", header: t("col.employee"), cell: (r) => <code>{r.employee}</code>, width: "12rem" },
    { key: "agency", header: t("col.agency"), cell: (r) => r.agency, width: "12rem" },
    { key: "tier", header: t("col.tier"), cell: (r) => r.tier, numeric: true, width: "6rem" },
    { key: "household", header: t("col.household"), cell: (r) => (r.family ? t("grid.family") : t("col.single")), width: "9rem" },
    { key: "persons", header: t("col.persons"), cell: (r) => formatNumber(r.persons, lang), numeric: true, width: "6.5rem" },
    { key: "reason", header: t("col.reason"), cell: (r) => r.reason },
  ];
  return (
    <section id="plan-sec-unplaced" aria-labelledby="unplaced-title">
      <h2 id="unplaced-title">{t("unplaced.title")}</h2>
      <div class="row toolbar">
        <div>
          <label for="unplaced-agency">{t("col.agency")}</label>
          <select id="unplaced-agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            <option value="">{t("unplaced.all")}</option>
            {stats.agencies.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="unplaced-tier">{t("col.tier")}</label>
          <select id="unplaced-tier" value={tier} onChange={(e) => setTier(e.currentTarget.value)}>
            <option value="">{t("unplaced.all")}</option>
            {stats.tiers.map((r) => (
              <option key={r.tier} value={String(r.tier)}>
                {r.tier}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="unplaced-reason">{t("col.reason")}</label>
          <select id="unplaced-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">{t("unplaced.all")}</option>
            {stats.reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <p class="count" aria-live="polite">
          {t("unplaced.count", { shown: formatNumber(rows.length, lang), total: formatNumber(stats.unplaced.length, lang) })}
        </p>
      </div>
      <VirtualTable rows={rows} columns={columns} caption={t("unplaced.title")} testid="unplaced-table" rowKey={(r) => r.employee} />
    </section>
  );
}

function SearchSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const [nip, setNip] = useState("");
  const found = nip.trim() ? stats.find(nip) : null;
  return (
    <section id="plan-sec-search" aria-labelledby="search-title">
      <h2 id="search-title">{t("search.title")}</h2>
      <label for="employee-search">{t("search.label")}</label>
      <input
        id="employee-search"
        data-testid="employee-search"
        type="search"
        inputMode="numeric"
        autocomplete="off"
        value={nip}
        onInput={(e) => setNip(e.currentTarget.value)}
      />
      <div data-testid="employee-result" aria-live="polite" class="result">
        {found?.kind === "placed" && (
          <p data-found="placed">
            {t("search.placed", {
              nip: found.row.employee,
              unit: found.row.unit,
              tower: found.row.tower,
              floor: found.row.floor ?? "–",
              wave: found.row.wave,
              date: formatDate(found.row.date, lang),
            })}
          </p>
        )}
        {found?.kind === "unplaced" && (
          <p data-found="unplaced">{t("search.unplaced", { nip: found.row.employee, reason: found.row.reason })}</p>
        )}
        {found?.kind === "unknown" && <p data-found="unknown">{t("search.unknown", { nip: nip.trim() })}</p>}
      </div>
    </section>
  );
}

function PlacementsSection({ stats }: { stats: PlanStats }) {
  const { t, lang } = useLang();
  const columns: Column<PlacementRow>[] = [
    { key: "employee", header: t("col.employee"), cell: (r) => <code>{r.employee}</code>, width: "12rem" },
    { key: "agency", header: t("col.agency"), cell: (r) => r.agency, width: "12rem" },
    { key: "tier", header: t("col.tier"), cell: (r) => r.tier, numeric: true, width: "6rem" },
    { key: "tower", header: t("col.tower"), cell: (r) => r.tower },
    { key: "unit", header: t("col.unit"), cell: (r) => r.unit },
    { key: "wave", header: t("col.wave"), cell: (r) => `${r.wave} · ${formatDate(r.date, lang)}` },
    { key: "persons", header: t("col.persons"), cell: (r) => formatNumber(r.persons, lang), numeric: true, width: "6.5rem" },
  ];
  return (
    <section id="plan-sec-placements" aria-labelledby="placements-title">
      <h2 id="placements-title">{t("placements.title")}</h2>
      <VirtualTable rows={stats.placements} columns={columns} caption={t("placements.title")} testid="placement-table" rowKey={(r) => r.employee} />
    </section>
  );
}
