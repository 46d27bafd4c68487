import { useState } from "preact/hooks";
import { getJson } from "../api.js";
import { can, useRole } from "../auth.js";
import { ProblemNote } from "../components/ProblemNote.js";
import { ScenarioSelect } from "../components/ScenarioSelect.js";
import { newVariant, toVariant, type VariantDraft, VariantsEditor } from "../components/VariantsEditor.js";
import { useLang } from "../i18n.js";
import { loadPresets } from "../lists.js";
import { navigate } from "../route.js";
import { useLoad } from "../use-load.js";

export function CompareView() {
  const { t } = useLang();
  const role = useRole();
  const presets = useLoad(loadPresets, []);
  const [scenarioId, setScenarioId] = useState("");
  const [variants, setVariants] = useState<VariantDraft[]>([newVariant("A"), newVariant("B", "families-first")]);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  if (!can(role, "compare")) return <p class="problem">{t("error.403")}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const answer = await getJson<{ id: string }>("/v1/comparisons", { method: "POST", body: { scenarioId, variants: variants.map(toVariant) } });
      navigate({ view: "comparison", id: answer.id });
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">{t("compare.title")}</h1>
      <p class="hint">{t("compare.explain")}</p>
      <form class="card" data-testid="compare-form" onSubmit={submit}>
        <ScenarioSelect id="compare-scenario" value={scenarioId} onChange={(id) => setScenarioId(id)} />
        <VariantsEditor presets={presets.data ?? []} variants={variants} onChange={setVariants} min={2} />
        <button type="submit" class="primary" disabled={!scenarioId || sending}>
          {t("compare.start")}
        </button>
        <ProblemNote error={error ?? presets.error} />
      </form>
    </section>
  );
}
