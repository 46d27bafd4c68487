import { useEffect, useState } from "preact/hooks";
import { ApiError, getJson } from "../api.js";
import type { ProblemIssue, ScenarioSummary, SolverChoice } from "../api-types.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { ScenarioSelect } from "../components/ScenarioSelect.js";
import { SolveOptionsFields } from "../components/SolveOptionsFields.js";
import { formatNumber } from "../format.js";
import { useLang } from "../i18n.js";
import { previewValue, valueAtPath } from "../json-path.js";
import { navigate } from "../route.js";
import { loadPresets } from "../lists.js";
import { useLoad } from "../use-load.js";

type Source = { kind: "file"; name: string; doc: unknown } | { kind: "stored"; id: string; version: number };

type Check =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "valid"; summary: ScenarioSummary }
  | { state: "invalid"; issues: (ProblemIssue & { value?: string })[] }
  | { state: "failed"; error: unknown };

export function SubmitView() {
  const { t } = useLang();
  const [mode, setMode] = useState<"file" | "stored">("file");
  const [source, setSource] = useState<Source | null>(null);
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const [options, setOptions] = useState<{ model: string; solver: SolverChoice; timeLimit: string }>({ model: "", solver: "auto", timeLimit: "" });
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const presets = useLoad(loadPresets, []);

  useEffect(() => {
    if (!source) return setCheck({ state: "idle" });
    const abort = new AbortController();
    setCheck({ state: "checking" });
    validate(source, abort.signal).then((c) => !abort.signal.aborted && setCheck(c));
    return () => abort.abort();
  }, [source]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!source || check.state !== "valid") return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const body = {
        ...(source.kind === "file" ? { scenario: source.doc } : { scenarioId: source.id, version: source.version }),
        ...(options.model ? { model: options.model } : {}),
        solver: options.solver,
        ...(options.timeLimit ? { timeLimitSeconds: Number(options.timeLimit) } : {}),
      };
      const job = await getJson<{ id: string }>("/v1/jobs", { method: "POST", body });
      navigate({ view: "job", id: job.id });
    } catch (err) {
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section aria-labelledby="submit-title">
      <h1 id="submit-title">{t("submit.title")}</h1>
      <form class="card" onSubmit={submit}>
        <fieldset>
          <legend>{t("submit.source")}</legend>
          <label class="inline">
            <input type="radio" name="source" checked={mode === "file"} onChange={() => (setMode("file"), setSource(null))} />
            {t("submit.fromFile")}
          </label>
          <label class="inline">
            <input type="radio" name="source" checked={mode === "stored"} onChange={() => (setMode("stored"), setSource(null))} />
            {t("submit.fromStored")}
          </label>
          {mode === "file" ? <FilePicker onPick={setSource} /> : <StoredPicker onPick={setSource} />}
        </fieldset>
        <ValidationResult check={check} />
        <fieldset>
          <legend>{t("submit.options")}</legend>
          <SolveOptionsFields
            presets={presets.data ?? []}
            value={options}
            onChange={setOptions}
            ids={{ model: "model-select", solver: "solver-select", timeLimit: "time-limit" }}
          />
        </fieldset>
        <button type="submit" data-testid="submit-job" disabled={check.state !== "valid" || submitting}>
          {submitting ? t("submit.sending") : t("submit.go")}
        </button>
        <ProblemNote error={submitError ?? presets.error} />
      </form>
    </section>
  );
}

async function validate(source: Source, signal: AbortSignal): Promise<Check> {
  let doc: unknown;
  try {
    doc = source.kind === "file" ? source.doc : (await getJson<{ scenario: unknown }>(storedPath(source), { signal })).scenario;
    const answer = await getJson<{ summary: ScenarioSummary }>("/v1/validate", { method: "POST", body: { scenario: doc }, signal });
    return { state: "valid", summary: answer.summary };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
      return {
        state: "invalid",
        issues: error.problem.errors.map((issue) => {
          const at = valueAtPath(doc, issue.path);
          return { ...issue, path: issue.path.replace(/^scenario\.?/, ""), value: at.found ? previewValue(at.value) : undefined };
        }),
      };
    }
    return { state: "failed", error };
  }
}

function storedPath(s: { id: string; version: number }): string {
  return `/v1/scenarios/${encodeURIComponent(s.id)}/versions/${s.version}`;
}

function FilePicker({ onPick }: { onPick: (s: Source | null) => void }) {
  const { t } = useLang();
  const [dragging, setDragging] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const read = async (file: File | undefined) => {
    setReadError(null);
    setFileName(file?.name ?? null);
    if (!file) return onPick(null);
    try {
      onPick({ kind: "file", name: file.name, doc: JSON.parse(await file.text()) });
    } catch (err) {
      onPick(null);
      setReadError(t("submit.notJson", { name: file.name, message: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <div
      class={dragging ? "drop dragging" : "drop"}
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        read(e.dataTransfer?.files[0]);
      }}
    >
      {/* The native control's own words ("Choose File") follow the browser's language, not the console's: hidden, but still focusable. */}
      <input
        id="scenario-file"
        class="visually-hidden"
        data-testid="scenario-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => read(e.currentTarget.files?.[0])}
      />
      <label for="scenario-file" class="button">
        {t("submit.file")}
      </label>{" "}
      <span class="file-name">{fileName ?? t("submit.noFile")}</span>
      <p class="hint">{t("submit.drop")}</p>
      {readError && (
        <p class="problem" role="alert">
          {readError}
        </p>
      )}
    </div>
  );
}

function StoredPicker({ onPick }: { onPick: (s: Source | null) => void }) {
  const { t } = useLang();
  const [picked, setPicked] = useState({ id: "", latest: 0, version: 0 });
  useEffect(() => onPick(picked.id && picked.version ? { kind: "stored", id: picked.id, version: picked.version } : null), [picked]);
  return (
    <div class="row">
      <ScenarioSelect id="scenario-pick" testid="scenario-pick" value={picked.id} onChange={(id, latest) => setPicked({ id, latest, version: latest })} />
      <div>
        <label for="scenario-version">{t("submit.version")}</label>
        <select
          id="scenario-version"
          value={String(picked.version)}
          disabled={!picked.id}
          onChange={(e) => setPicked({ ...picked, version: Number(e.currentTarget.value) })}
        >
          {Array.from({ length: picked.latest }, (_, i) => picked.latest - i).map((v) => (
            <option key={v} value={String(v)}>
              {v === picked.latest ? t("submit.latest", { version: v }) : String(v)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function ValidationResult({ check }: { check: Check }) {
  const { t, lang } = useLang();
  return (
    <div data-testid="validate-result" class="validation" aria-live="polite">
      {check.state === "idle" && <p class="hint">{t("submit.noScenario")}</p>}
      {check.state === "checking" && <p>{t("submit.checking")}</p>}
      {check.state === "failed" && <ProblemNote error={check.error} />}
      {check.state === "valid" && (
        <div class="ok">
          <p>
            <strong>{t("submit.valid")}</strong>
          </p>
          <dl class="facts">
            {(["employees", "families", "singles", "units", "towers", "waves", "pinned", "mustMove"] as const).map((k) => (
              <div key={k}>
                <dt>{t(`summary.${k}`)}</dt>
                <dd>{formatNumber(check.summary[k], lang)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {check.state === "invalid" && (
        <div class="problem" role="alert">
          <p>
            <strong>{t("submit.invalid", { count: check.issues.length })}</strong>
          </p>
          <table data-testid="validation-errors">
            <caption class="sr-only">{t("submit.errorsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("submit.path")}</th>
                <th scope="col">{t("submit.problem")}</th>
                <th scope="col">{t("submit.value")}</th>
              </tr>
            </thead>
            <tbody>
              {check.issues.map((issue, i) => (
                <tr key={i}>
                  <td>
                    <code>{issue.path || t("submit.wholeDocument")}</code>
                  </td>
                  <td>{issue.message}</td>
                  <td>{issue.value === undefined ? "–" : <code>{issue.value}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
