import { ApiError } from "../api.js";
import { useLang } from "../i18n.js";

/** An error answer in words a housing officer can act on; problem details stay visible below. */
export function ProblemNote({ error }: { error: unknown }) {
  const { t } = useLang();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <p class="problem" role="alert">
        {t("error.network")} {error instanceof Error ? error.message : String(error)}
      </p>
    );
  }
  const lead = error.status === 401 ? t("error.401") : error.status === 403 ? t("error.403") : error.problem.title;
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{lead}</strong> {error.problem.detail && <span>{error.problem.detail}</span>}
      </p>
      {error.problem.errors && error.problem.errors.length > 0 && (
        <ul>
          {error.problem.errors.map((e, i) => (
            <li key={i}>
              <code>{e.path || "(root)"}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
