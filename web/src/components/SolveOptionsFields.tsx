import { type Preset, type SolverChoice, SOLVERS } from "../api-types.js";
import { useLang } from "../i18n.js";

export interface SolveOptionsValue {
  model: string;
  solver: SolverChoice;
  timeLimit: string;
}

/** Preset, solver and time limit: the same three choices for a job and for each compared variant. */
export function SolveOptionsFields({
  presets,
  value,
  onChange,
  ids,
  testids = true,
}: {
  presets: Preset[];
  value: SolveOptionsValue;
  onChange: (v: SolveOptionsValue) => void;
  ids: { model: string; solver: string; timeLimit: string };
  testids?: boolean;
}) {
  const { t } = useLang();
  const description = presets.find((p) => p.name === value.model)?.description;
  return (
    <div class="row">
      <div>
        <label for={ids.model}>{t("options.model")}</label>
        <select
          id={ids.model}
          data-testid={testids ? "model-select" : undefined}
          value={value.model}
          onChange={(e) => onChange({ ...value, model: e.currentTarget.value })}
          aria-describedby={description ? `${ids.model}-about` : undefined}
        >
          <option value="">{t("options.scenarioPolicy")}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
        {description && (
          <p class="hint" id={`${ids.model}-about`}>
            {description}
          </p>
        )}
      </div>
      <div>
        <label for={ids.solver}>{t("options.solver")}</label>
        <select
          id={ids.solver}
          data-testid={testids ? "solver-select" : undefined}
          value={value.solver}
          onChange={(e) => onChange({ ...value, solver: e.currentTarget.value as SolverChoice })}
        >
          {SOLVERS.map((s) => (
            <option key={s} value={s}>
              {t(`solver.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={ids.timeLimit}>{t("options.timeLimit")}</label>
        <input
          id={ids.timeLimit}
          data-testid={testids ? "time-limit" : undefined}
          type="number"
          min="1"
          step="1"
          inputMode="numeric"
          placeholder={t("options.noLimit")}
          value={value.timeLimit}
          onInput={(e) => onChange({ ...value, timeLimit: e.currentTarget.value })}
        />
      </div>
    </div>
  );
}
