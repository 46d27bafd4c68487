import type { StoredScenarioItem } from "../api-types.js";
import { formatNumber } from "../format.js";
import { useLang } from "../i18n.js";
import { listAll } from "../lists.js";
import { useLoad } from "../use-load.js";
import { ProblemNote } from "./ProblemNote.js";

/** A stored scenario by id (its latest version is what comparisons and schedules use). */
export function ScenarioSelect({
  id,
  value,
  onChange,
  testid,
}: {
  id: string;
  value: string;
  /** The picked id and its latest version ("" and 0 for none). */
  onChange: (id: string, latest: number) => void;
  testid?: string;
}) {
  const { t, lang } = useLang();
  const list = useLoad((signal) => listAll<StoredScenarioItem>("/v1/scenarios", signal), []);
  return (
    <div>
      <label for={id}>{t("submit.stored")}</label>
      <select
        id={id}
        data-testid={testid}
        value={value}
        onChange={(e) => {
          const picked = e.currentTarget.value;
          onChange(picked, list.data?.find((s) => s.id === picked)?.version ?? 0);
        }}
        required
      >
        <option value="">{list.loading ? t("app.loading") : t("submit.pick")}</option>
        {list.data?.map((s) => (
          <option key={s.id} value={s.id}>
            {t("submit.storedItem", { id: s.id, version: s.version, employees: formatNumber(s.employees, lang) })}
          </option>
        ))}
      </select>
      <ProblemNote error={list.error} />
    </div>
  );
}
