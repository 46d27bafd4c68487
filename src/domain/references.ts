import type { InputIssue, JsonPath } from "./validate.js";

/**
 * The references between a scenario's lists (MODEL.md "Scenario"): ids unique per list, every id
 * named elsewhere listed, a ready date for every unit, requiredBy not before availableFrom, one pin
 * per employee.
 *
 * They are checked on the scenario as far as its shape is valid, so that one answer lists problems
 * of both kinds: a value at or under the path of a shape problem is not read, and a name is called
 * unknown only where its list is complete (every item valid and with a valid id), since the user
 * may have meant an item whose id is invalid.
 */
export function referenceIssues(input: object, shapeIssues: readonly InputIssue[] = []): InputIssue[] {
  const read = validPartReader(input, shapeIssues);
  const issues: InputIssue[] = [];
  const add = (path: JsonPath, message: string) => issues.push({ path, message });

  const listed = (key: string): Listed | undefined => {
    const list = read([key]);
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) return { length: 0, ids: new Map(), complete: false };
    const ids = new Map<string, number>();
    let complete = true;
    list.forEach((_, i) => {
      const id = text(read([key, i, "id"]));
      if (id === undefined) return void (complete = false);
      const first = ids.get(id);
      if (first !== undefined) add([key, i, "id"], `duplicate id "${id}" (first at ${key}[${first}])`);
      else ids.set(id, i);
    });
    return { length: list.length, ids, complete };
  };
  const each = (list: Listed | undefined, visit: (i: number) => void) => {
    for (let i = 0; i < (list?.length ?? 0); i++) visit(i);
  };
  const agencies = listed("agencies");
  const towers = listed("towers");
  const units = listed("units");
  const waves = listed("waves");
  const employees = listed("employees");
  const schools = listed("schools");
  const zones = listed("zones");

  const reference = (path: JsonPath, list: Listed | undefined, kind: string, note = "", name = text(read(path))) => {
    if (name !== undefined && list?.complete && !list.ids.has(name)) add(path, `unknown ${kind} "${name}"${note}`);
  };
  // Without a list of zones, zone names are free.
  const zoneRef = (path: JsonPath, name?: string) => reference(path, zones, "zone", " (zones lists every zone when given)", name);
  each(zones, (i) => {
    const travel = read(["zones", i, "travelMinutes"]);
    if (typeof travel !== "object" || travel === null) return;
    for (const other of Object.keys(travel)) {
      const path = ["zones", i, "travelMinutes", other];
      if (read(path) !== INVALID) zoneRef(path, other);
    }
  });
  each(agencies, (i) => zoneRef(["agencies", i, "officeZone"]));
  each(towers, (i) => zoneRef(["towers", i, "zone"]));
  each(schools, (i) => zoneRef(["schools", i, "zone"]));

  each(units, (i) => {
    reference(["units", i, "tower"], towers, "tower");
    const tower = text(read(["units", i, "tower"]));
    const t = tower === undefined ? undefined : towers?.ids.get(tower);
    if (t !== undefined && read(["units", i, "readyDate"]) === undefined && read(["towers", t, "readyDate"]) === undefined) {
      add(["units", i, "readyDate"], `no ready date: neither the unit nor its tower "${tower}" has one`);
    }
  });

  each(employees, (i) => {
    reference(["employees", i, "agency"], agencies, "agency");
    const from = text(read(["employees", i, "availableFrom"]));
    const by = text(read(["employees", i, "requiredBy"]));
    if (from !== undefined && by !== undefined && by < from) add(["employees", i, "requiredBy"], `${by} is before availableFrom ${from}`);
  });

  const pinnedAt = new Map<string, number>();
  const pins = read(["pinned"]);
  for (let i = 0; i < (Array.isArray(pins) ? pins.length : 0); i++) {
    reference(["pinned", i, "employee"], employees, "employee");
    reference(["pinned", i, "unit"], units, "unit");
    reference(["pinned", i, "wave"], waves, "wave");
    const employee = text(read(["pinned", i, "employee"]));
    if (employee === undefined) continue;
    const first = pinnedAt.get(employee);
    if (first !== undefined) add(["pinned", i, "employee"], `employee "${employee}" is already pinned at pinned[${first}]`);
    else pinnedAt.set(employee, i);
  }
  return issues;
}

interface Listed {
  length: number;
  /** Valid id → index of its first item. */
  ids: Map<string, number>;
  /** Every item is valid and has a valid id: a name not among `ids` is unknown. */
  complete: boolean;
}

/** A value that is there but invalid, as distinct from one that is absent (`undefined`). */
const INVALID = Symbol("invalid");

/** Reads the input by path; a value at or under the path of a shape problem reads as INVALID. */
function validPartReader(input: object, shapeIssues: readonly InputIssue[]): (path: JsonPath) => unknown {
  const invalid = new Set(shapeIssues.map((issue) => JSON.stringify(issue.path)));
  return (path) => {
    let value: unknown = input;
    for (let depth = 1; depth <= path.length; depth++) {
      if (invalid.size > 0 && invalid.has(JSON.stringify(path.slice(0, depth)))) return INVALID;
      if (typeof value !== "object" || value === null || !Object.hasOwn(value, path[depth - 1])) return undefined;
      value = (value as Record<string | number, unknown>)[path[depth - 1]];
    }
    return value;
  };
}

/** The value if it is a string that passed the shape check (ids, names and dates). */
function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
