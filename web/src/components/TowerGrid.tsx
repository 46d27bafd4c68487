import { Component } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { formatNumber } from "../format.js";
import { type Lang, type Translate, useLang } from "../i18n.js";
import type { MessageKey } from "../messages.js";
import type { TowerView, UnitCell, UnitKind } from "../plan-stats.js";

export type ColourBy = "kind" | "wave";

const KIND_LETTER: Record<UnitKind, MessageKey> = {
  family: "grid.letterFamily",
  "singles-F": "grid.letterWomen",
  "singles-M": "grid.letterMen",
  empty: "grid.letterEmpty",
};
export const KIND_LABEL: Record<UnitKind, MessageKey> = {
  family: "grid.family",
  "singles-F": "grid.singlesF",
  "singles-M": "grid.singlesM",
  empty: "grid.empty",
};
export const UNIT_KINDS: UnitKind[] = ["family", "singles-F", "singles-M", "empty"];

/** Where each unit sits in the grid, for arrow-key moves: tower, row (floor) and column. */
interface Position {
  tower: number;
  row: number;
  col: number;
}

/**
 * Every tower as floors × units. One tab stop for the whole grid: arrows move within a tower,
 * Page Up/Down to the previous/next tower. Hover or focus shows the unit's occupants.
 */
export function TowerGrid({ towers, waveIds, colourBy }: { towers: TowerView[]; waveIds: string[]; colourBy: ColourBy }) {
  const { t, lang } = useLang();
  const [active, setActive] = useState<string | null>(() => towers[0]?.floors[0]?.units[0]?.id ?? null);
  const [shown, setShown] = useState<UnitCell | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const positions = useMemo(() => positionsOf(towers), [towers]);
  const waveIndex = useMemo(() => new Map(waveIds.map((w, i) => [w, i])), [waveIds]);

  const cells = useMemo(() => new Map(towers.flatMap((t) => t.floors.flatMap((f) => f.units.map((u) => [u.id, u] as const)))), [towers]);
  // One listener for all 2,820 units rather than two on each.
  const show = (e: Event, focused: boolean) => {
    const cell = cells.get((e.target as HTMLElement).dataset?.unit ?? "");
    if (!cell) return;
    setShown(cell);
    if (focused) setActive(cell.id);
  };
  const focusUnit = (id: string) => {
    setActive(id);
    grid.current?.querySelector<HTMLButtonElement>(`[data-unit="${CSS.escape(id)}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const target = (e.target as HTMLElement).dataset.unit;
    const at = target ? positions.get(target) : undefined;
    if (!at) return;
    const next = moveFrom(towers, at, e.key);
    if (next) {
      e.preventDefault();
      focusUnit(next);
    }
  };

  return (
    <div class="grid-wrap">
      <div
        class="towers"
        ref={grid}
        data-testid="tower-grid"
        onKeyDown={onKey}
        onMouseOver={(e) => show(e, false)}
        onFocusIn={(e) => show(e, true)}
      >
        {towers.map((tower, i) => (
          <TowerBlock
            key={tower.id}
            tower={tower}
            active={active !== null && positions.get(active)?.tower === i ? active : null}
            colourBy={colourBy}
            waveIndex={waveIndex}
            lang={lang}
            t={t}
          />
        ))}
      </div>
      <UnitDetail cell={shown} />
      <p class="hint">{t("grid.keys")}</p>
    </div>
  );
}

interface TowerBlockProps {
  tower: TowerView;
  /** The grid's tab stop when it is in this tower, else null. */
  active: string | null;
  colourBy: ColourBy;
  waveIndex: Map<string, number>;
  lang: Lang;
  t: Translate;
}

/** Re-renders only when its own tower changes: hovering over 2,820 units must not redraw them all. */
class TowerBlock extends Component<TowerBlockProps> {
  override shouldComponentUpdate(next: TowerBlockProps): boolean {
    const p = this.props;
    return next.tower !== p.tower || next.active !== p.active || next.colourBy !== p.colourBy || next.lang !== p.lang;
  }

  override render({ tower, active, colourBy, waveIndex, lang, t }: TowerBlockProps) {
    const occupancy = t("grid.tower", { zone: tower.zone, occupied: formatNumber(tower.occupiedUnits, lang), units: formatNumber(tower.units, lang) });
    // Rows of flex boxes rather than a <table>: 2,820 table cells cost the full-scale plan view most of its layout time.
    return (
      <div class="tower" role="group" aria-labelledby={`tower-${tower.id}`}>
        <p class="tower-name" id={`tower-${tower.id}`}>
          <strong>{tower.id}</strong> {occupancy}
        </p>
        {tower.floors.map((floor, i) => (
          <div class="floor" key={`${floor.floor}-${i}`}>
            <span class="floor-number" aria-hidden="true">
              {floor.floor === null ? "–" : floor.floor}
            </span>
            {floor.units.map((cell) => (
              <button
                key={cell.id}
                type="button"
                class={cellClass(cell, colourBy, waveIndex)}
                data-testid="unit-cell"
                data-unit={cell.id}
                data-kind={cell.kind}
                data-wave={cell.wave ?? ""}
                tabIndex={cell.id === active ? 0 : -1}
                aria-label={cellLabel(cell, t)}
              >
                {colourBy === "kind" ? t(KIND_LETTER[cell.kind]) : cell.wave === null ? "" : String(waveIndex.get(cell.wave)! + 1)}
              </button>
            ))}
          </div>
        ))}
      </div>
    );
  }
}

function cellClass(cell: UnitCell, colourBy: ColourBy, waveIndex: Map<string, number>): string {
  if (colourBy === "kind") return `unit kind-${cell.kind}`;
  return cell.wave === null ? "unit kind-empty" : `unit wave-${waveIndex.get(cell.wave)! % WAVE_COLOURS}`;
}

/** Distinct wave colours in styles.css (`.wave-0` …); more waves reuse them, the number in the cell tells them apart. */
export const WAVE_COLOURS = 8;

function cellLabel(cell: UnitCell, t: Translate): string {
  const who = cell.occupants.length ? t("grid.occupants", { count: cell.occupants.length }) : "";
  const floor = cell.floor === null ? "" : t("grid.floor", { floor: cell.floor });
  return [cell.id, floor, t(KIND_LABEL[cell.kind]), cell.wave ?? "", who].filter(Boolean).join(", ");
}

function UnitDetail({ cell }: { cell: UnitCell | null }) {
  const { t, lang } = useLang();
  return (
    <aside class="unit-detail" aria-live="polite" aria-label={t("grid.detail")}>
      {cell === null ? (
        <p class="hint">{t("grid.hoverHint")}</p>
      ) : (
        <>
          <p>
            <strong>{cell.id}</strong> · {t(KIND_LABEL[cell.kind])}
            {cell.floor !== null && ` · ${t("grid.floor", { floor: cell.floor })}`}
          </p>
          {cell.occupants.length > 0 && (
            <ul>
              {cell.occupants.map((o) => (
                <li key={o.employee}>
                  <code>{o.employee}</code> {o.agency}, {o.wave}, {t("grid.persons", { count: formatNumber(o.persons, lang) })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}

function positionsOf(towers: TowerView[]): Map<string, Position> {
  const out = new Map<string, Position>();
  towers.forEach((tower, ti) => tower.floors.forEach((f, ri) => f.units.forEach((u, ci) => out.set(u.id, { tower: ti, row: ri, col: ci }))));
  return out;
}

function moveFrom(towers: TowerView[], at: Position, key: string): string | undefined {
  const rows = towers[at.tower].floors;
  const cellAt = (tower: number, row: number, col: number) => {
    const r = towers[tower]?.floors[row];
    return r?.units[Math.min(col, r.units.length - 1)]?.id;
  };
  switch (key) {
    case "ArrowLeft":
      return rows[at.row].units[at.col - 1]?.id;
    case "ArrowRight":
      return rows[at.row].units[at.col + 1]?.id;
    case "ArrowUp":
      return at.row > 0 ? cellAt(at.tower, at.row - 1, at.col) : undefined;
    case "ArrowDown":
      return cellAt(at.tower, at.row + 1, at.col);
    case "PageDown":
      return cellAt(at.tower + 1, 0, 0);
    case "PageUp":
      return cellAt(at.tower - 1, 0, 0);
    case "Home":
      return rows[at.row].units[0]?.id;
    case "End":
      return rows[at.row].units[rows[at.row].units.length - 1]?.id;
  }
  return undefined;
}
