import type { Preset, Variant } from "../api-types.js";
import { useLang } from "../i18n.js";
import { type SolveOptionsValue, SolveOptionsFields } from "./SolveOptionsFields.js";

export interface VariantDraft extends SolveOptionsValue {
  name: string;
}

export function newVariant(name: string, model = ""): VariantDraft {
  return { name, model, solver: "auto", timeLimit: "" };
}

/** A draft as API.md's variant: only the fields the user set. */
export function toVariant(d: VariantDraft): Variant {
  return {
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    solver: d.solver,
    ...(d.model ? { model: d.model } : {}),
    ...(d.timeLimit ? { timeLimitSeconds: Number(d.timeLimit) } : {}),
  };
}

/** The variants of a comparison or a schedule: name, preset, solver and time limit each. */
export function VariantsEditor({
  presets,
  variants,
  onChange,
  min = 1,
}: {
  presets: Preset[];
  variants: VariantDraft[];
  onChange: (v: VariantDraft[]) => void;
  min?: number;
}) {
  const { t } = useLang();
  const update = (i: number, v: VariantDraft) => onChange(variants.map((old, j) => (j === i ? v : old)));
  return (
    <div class="variants">
      {variants.map((v, i) => (
        <fieldset key={i} class="variant">
          <legend>{t("variants.legend", { n: i + 1 })}</legend>
          <div class="row">
            <div>
              <label for={`variant-${i}-name`}>{t("variants.name")}</label>
              <input id={`variant-${i}-name`} value={v.name} onInput={(e) => update(i, { ...v, name: e.currentTarget.value })} />
            </div>
            <SolveOptionsFields
              presets={presets}
              value={v}
              onChange={(o) => update(i, { ...v, ...o })}
              ids={{ model: `variant-${i}-model`, solver: `variant-${i}-solver`, timeLimit: `variant-${i}-time` }}
              testids={false}
            />
          </div>
          {variants.length > min && (
            <button type="button" class="link" onClick={() => onChange(variants.filter((_, j) => j !== i))}>
              {t("variants.remove", { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...variants, newVariant(String.fromCharCode(65 + variants.length))])}>
        {t("variants.add")}
      </button>
    </div>
  );
}
