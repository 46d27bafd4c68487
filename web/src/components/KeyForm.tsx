import { useState } from "preact/hooks";
import { useLang } from "../i18n.js";

/** Asks once for the API key; the key is kept for this tab only and sent as a header. */
export function KeyForm({ rejected, onKey }: { rejected: boolean; onKey: (key: string) => void }) {
  const { t } = useLang();
  const [key, setKey] = useState("");
  return (
    <section class="card narrow" aria-labelledby="key-title">
      <h1 id="key-title">{t("auth.title")}</h1>
      <p>{t("auth.explain")}</p>
      {rejected && (
        <p class="problem" role="alert">
          {t("auth.rejected")}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onKey(key.trim());
        }}
      >
        <label for="api-key">{t("auth.key")}</label>
        <input
          id="api-key"
          data-testid="key-input"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          required
        />
        <button type="submit">{t("auth.use")}</button>
      </form>
    </section>
  );
}
