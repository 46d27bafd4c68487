import { useMemo, useState } from "preact/hooks";
import { getJson } from "../api.js";
import type { Schedule } from "../api-types.js";
import { can, useRole } from "../auth.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { ScenarioSelect } from "../components/ScenarioSelect.js";
import { newVariant, toVariant, type VariantDraft, VariantsEditor } from "../components/VariantsEditor.js";
import { nextRuns } from "../cron.js";
import { formatDateTime, WITA } from "../format.js";
import { useLang } from "../i18n.js";
import { listAll, loadPresets } from "../lists.js";
import { href, navigate } from "../route.js";
import { useLoad } from "../use-load.js";

export function SchedulesView() {
  const { t, lang } = useLang();
  const role = useRole();
  const list = useLoad((signal) => listAll<Schedule>("/v1/schedules", signal), []);
  if (!can(role, "schedule")) return <p class="problem">{t("error.403")}</p>;
  return (
    <section aria-labelledby="schedules-title">
      <h1 id="schedules-title">{t("schedules.title")}</h1>
      <ProblemNote error={list.error} />
      <table class="data" data-testid="schedule-list">
        <caption class="sr-only">{t("schedules.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("schedules.id")}</th>
            <th scope="col">{t("schedules.cron")}</th>
            <th scope="col">{t("schedules.timezone")}</th>
            <th scope="col">{t("jobs.scenario")}</th>
            <th scope="col">{t("schedules.nextRun")}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={href({ view: "schedule", id: s.id })}>{s.id}</a>
              </td>
              <td>
                <code>{s.cron}</code>
              </td>
              <td>{s.timezone}</td>
              <td>{s.scenarioId}</td>
              <td>{s.deletedAt ? t("schedule.deletedAt") : s.nextRunAt ? formatDateTime(s.nextRunAt, lang) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p>{t("schedules.none")}</p>}
      <ScheduleForm />
    </section>
  );
}

type PinChoice = "none" | "today" | "date";

function ScheduleForm() {
  const { t, lang } = useLang();
  const presets = useLoad(loadPresets, []);
  const [cron, setCron] = useState("0 2 * * *");
  const [timezone, setTimezone] = useState(WITA);
  const [scenarioId, setScenarioId] = useState("");
  const [variants, setVariants] = useState<VariantDraft[]>([newVariant("")]);
  const [pin, setPin] = useState<PinChoice>("today");
  const [pinDate, setPinDate] = useState("");
  const [error, setError] = useState<unknown>(null);
  // Recomputed as the user types: the preview must match what will be saved.
  const preview = useMemo(() => nextRuns(cron, timezone, new Date()), [cron, timezone]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const body = {
        cron: cron.trim(),
        timezone,
        scenarioId,
        variants: variants.map(toVariant),
        ...(pin === "today" ? { pinBefore: "today" } : pin === "date" && pinDate ? { pinBefore: pinDate } : {}),
      };
      const created = await getJson<{ id: string }>("/v1/schedules", { method: "POST", body });
      navigate({ view: "schedule", id: created.id });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form class="card" data-testid="schedule-form" onSubmit={submit} aria-labelledby="schedule-form-title">
      <h2 id="schedule-form-title">{t("schedules.new")}</h2>
      <div class="row">
        <div>
          <label for="schedule-cron">{t("schedules.cron")}</label>
          <input id="schedule-cron" value={cron} onInput={(e) => setCron(e.currentTarget.value)} aria-describedby="schedule-cron-hint" required />
          <p class="hint" id="schedule-cron-hint">
            {t("schedules.cronHint")}
          </p>
        </div>
        <div>
          <label for="schedule-tz">{t("schedules.timezone")}</label>
          <input id="schedule-tz" value={timezone} onInput={(e) => setTimezone(e.currentTarget.value)} required />
        </div>
        <ScenarioSelect id="schedule-scenario" value={scenarioId} onChange={(id) => setScenarioId(id)} />
      </div>
      <div data-testid="schedule-next-runs" aria-live="polite" class="next-runs">
        {preview.ok ? (
          <>
            <p>{t("schedules.nextRuns")}</p>
            <ol>
              {preview.runs.map((d) => (
                <li key={d.getTime()}>
                  <time dateTime={d.toISOString()}>{formatDateTime(d, lang)}</time>
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p class="problem">{t("schedules.badCron", { message: preview.message })}</p>
        )}
      </div>
      <fieldset>
        <legend>{t("schedules.pinBefore")}</legend>
        {(["none", "today", "date"] as const).map((choice) => (
          <label class="inline" key={choice}>
            <input type="radio" name="pin" checked={pin === choice} onChange={() => setPin(choice)} />
            {t(`schedules.pin.${choice}`)}
          </label>
        ))}
        {pin === "date" && (
          <>
            <label for="schedule-pin-date">{t("schedules.pinDate")}</label>
            <input id="schedule-pin-date" type="date" value={pinDate} onInput={(e) => setPinDate(e.currentTarget.value)} required />
          </>
        )}
      </fieldset>
      <VariantsEditor presets={presets.data ?? []} variants={variants} onChange={setVariants} />
      <button type="submit" class="primary" disabled={!preview.ok || !scenarioId}>
        {t("schedules.save")}
      </button>
      <ProblemNote error={error ?? presets.error} />
    </form>
  );
}
