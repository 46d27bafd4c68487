import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
  /** A CSS width; columns without one share what is left (the table's layout is fixed). */
  width?: string;
}

const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/**
 * A table that renders only the rows in view (plus a few), so 18,430 rows scroll as smoothly as 30.
 * Rows have one fixed height; the scroll box is focusable so the keyboard can scroll it, and
 * `aria-rowcount`/`aria-rowindex` tell assistive technology how many rows there really are.
 */
export function VirtualTable<T>({
  rows,
  columns,
  caption,
  testid,
  rowKey,
  height = 420,
}: {
  rows: T[];
  columns: Column<T>[];
  caption: string;
  testid: string;
  rowKey: (row: T) => string;
  height?: number;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  return (
    <div
      class="virtual"
      style={{ maxHeight: `${height}px` }}
      tabIndex={0}
      role="region"
      aria-label={caption}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table class="data" data-testid={testid} aria-rowcount={rows.length + 1} data-rows={rows.length}>
        <caption class="sr-only">{caption}</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr aria-hidden="true" class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {visible.map((row, i) => (
            <tr key={rowKey(row)} aria-rowindex={first + i + 2} style={{ height: `${ROW_HEIGHT}px` }}>
              {columns.map((c) => (
                <td key={c.key} class={c.numeric ? "num" : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {last < rows.length && (
            <tr aria-hidden="true" class="spacer" style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
