import { MESSAGES, useLang } from "../i18n.js";
import type { MessageKey } from "../messages.js";

/** A job, plan or comparison status in words (the raw value where it has none), kept in `data-status` for scripts. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useLang();
  const key = `status.${status}`;
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      {key in MESSAGES.id ? t(key as MessageKey) : status}
    </span>
  );
}
