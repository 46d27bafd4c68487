import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber } from "../format.js";
import { useLang } from "../i18n.js";

export interface ProgressPoint {
  seconds: number;
  incumbent: number | null;
  bound: number | null;
}

const HEIGHT = 220;

/** Incumbent against bound over the solve, redrawn as progress events arrive. */
export function ProgressChart({ points }: { points: ProgressPoint[] }) {
  const { t, lang } = useLang();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current!;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false } },
        legend: { show: false },
        axes: [
          { label: t("job.chartSeconds") },
          { values: (_u, ticks) => ticks.map((v) => formatNumber(v, lang, 0)), size: 80 },
        ],
        series: [
          { label: t("job.chartSeconds") },
          { label: t("job.incumbent"), stroke: "#1f5fa8", width: 2, points: { show: true } },
          { label: t("job.bound"), stroke: "#a4286a", width: 2, dash: [6, 4], points: { show: true } },
        ],
      },
      toData(points),
      el,
    );
    chart.current = plot;
    return () => plot.destroy();
  }, [lang]);

  useEffect(() => chart.current?.setData(toData(points)), [points]);

  const last = points[points.length - 1];
  const label = last
    ? t("job.chartLabel", { incumbent: formatNumber(last.incumbent, lang), bound: formatNumber(last.bound, lang) })
    : t("job.chartEmpty");
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={label} />
      <figcaption>
        <span class="key key-incumbent" aria-hidden="true" /> {t("job.incumbent")} <span class="key key-bound" aria-hidden="true" />{" "}
        {t("job.bound")}. {label}
      </figcaption>
    </figure>
  );
}

function toData(points: ProgressPoint[]): uPlot.AlignedData {
  return [points.map((p) => p.seconds), points.map((p) => p.incumbent), points.map((p) => p.bound)];
}
