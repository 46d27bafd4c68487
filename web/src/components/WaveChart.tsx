import { formatDate, formatNumber } from "../format.js";
import { useLang } from "../i18n.js";
import type { WaveRow } from "../plan-stats.js";

const WIDTH = 640;
const LABEL_WIDTH = 170;
const BAR_HEIGHT = 16;
const WAVE_HEIGHT = 2 * BAR_HEIGHT + 22;

/**
 * Households and persons per wave against the wave's caps, as bullet bars: the bar is what the plan
 * moves, the dark tick the cap. Each measure has its own scale; the wave table says the same in numbers.
 */
export function WaveChart({ waves }: { waves: WaveRow[] }) {
  const { t, lang } = useLang();
  const scale = {
    households: Math.max(1, ...waves.map((w) => Math.max(w.households, w.maxHouseholds ?? 0))),
    persons: Math.max(1, ...waves.map((w) => Math.max(w.persons, w.maxPersons ?? 0))),
  };
  const barSpace = WIDTH - LABEL_WIDTH - 90;
  const bar = (y: number, value: number, cap: number | undefined, max: number, cls: string, label: string) => {
    const w = (value / max) * barSpace;
    return (
      <g>
        <rect x={LABEL_WIDTH} y={y} width={barSpace} height={BAR_HEIGHT} class="bar-track" />
        <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} class={cls} />
        {cap !== undefined && <rect x={LABEL_WIDTH + (cap / max) * barSpace - 1.5} y={y - 3} width={3} height={BAR_HEIGHT + 6} class="bar-cap" />}
        <text x={LABEL_WIDTH + barSpace + 6} y={y + BAR_HEIGHT - 3} class="bar-value">
          {label}
        </text>
      </g>
    );
  };
  const height = waves.length * WAVE_HEIGHT + 8;
  const summary = waves
    .map((w) =>
      t("waves.chartItem", {
        wave: w.id,
        households: formatNumber(w.households, lang),
        maxHouseholds: formatNumber(w.maxHouseholds ?? null, lang),
        persons: formatNumber(w.persons, lang),
        maxPersons: formatNumber(w.maxPersons ?? null, lang),
      }),
    )
    .join("; ");
  return (
    <figure class="chart" data-testid="wave-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary}>
        {waves.map((w, i) => {
          const y = i * WAVE_HEIGHT + 8;
          return (
            <g key={w.id}>
              <text x={0} y={y + BAR_HEIGHT - 3} class="bar-label">
                {w.id}
              </text>
              <text x={0} y={y + 2 * BAR_HEIGHT + 1} class="bar-sub">
                {formatDate(w.date, lang)}
              </text>
              {bar(y, w.households, w.maxHouseholds, scale.households, "bar-households", `${formatNumber(w.households, lang)} / ${formatNumber(w.maxHouseholds ?? null, lang)}`)}
              {bar(y + BAR_HEIGHT + 4, w.persons, w.maxPersons, scale.persons, "bar-persons", `${formatNumber(w.persons, lang)} / ${formatNumber(w.maxPersons ?? null, lang)}`)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="key bar-households" aria-hidden="true" /> {t("waves.households")} <span class="key bar-persons" aria-hidden="true" />{" "}
        {t("waves.persons")} <span class="key bar-cap" aria-hidden="true" /> {t("waves.cap")}
      </figcaption>
    </figure>
  );
}
