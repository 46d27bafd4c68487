import highsModule, { type Highs } from "highs";
import { defaultExport } from "../solvers/interop.js";
import { costsForHighs, toHighsModel } from "../solvers/highs-model.js";
import type { AllocationModel } from "./build.js";

/** What the LP file's variable names stand for: x_k_u_w, y_k_l, s_u_G_d, h_w_p, n_z_L_d_c (see docs/formulation.md). */
export interface LpClassMap {
  classes: { index: number; key: string; mustMove: string[]; optional: string[] }[];
  unitClasses: { index: number; key: string; units: string[] }[];
  waves: string[];
  /** The `n_z_L_d_c` columns by name: zone, school level, wave date and number of children they count. */
  schoolNeeds: { name: string; zone: string; level: string; date: string; need: number }[];
  /** The LP's objective is the plan's times this (a power of two; 1 unless some cost is above 2^24, see `costsForHighs`). */
  objectiveScale: number;
}

/**
 * The model as CPLEX LP text (written by HiGHS itself, so any LP reader takes it) and its class map.
 * HiGHS writes a cost of 1e20 or more as "inf", so huge costs are scaled as the solver scales them,
 * and the text says so in a comment.
 */
export async function exportLp(model: AllocationModel): Promise<{ lp: string; classes: LpClassMap }> {
  const highs = await defaultExport<() => Promise<Highs>>(highsModule)();
  const { program, scale } = costsForHighs(model.program);
  const data = {
    ...toHighsModel(highs, program),
    colNames: model.program.columns.map((c) => c.name),
    rowNames: model.program.rows.map((r) => r.name),
  };
  const lpModel = highs.createModel(data);
  try {
    return {
      lp: (scale === 1 ? "" : `\\ objective scaled by 2^${Math.log2(scale)}: the plan's objective is this one's times 2^${-Math.log2(scale)}\n`) + lpModel.exportModel("lp"),
      classes: {
        classes: model.classes.map((c, index) => ({ index, key: c.key, mustMove: c.mustMove.map((e) => e.id), optional: c.optional.map((e) => e.id) })),
        unitClasses: model.unitClasses.map((u, index) => ({ index, key: u.key, units: u.units.map((x) => x.id) })),
        waves: model.waves,
        schoolNeeds: model.schoolNeeds.map((n) => ({ name: model.program.columns[n.column].name, zone: n.zone, level: n.level, date: n.date, need: n.need })),
        objectiveScale: scale,
      },
    };
  } finally {
    lpModel.dispose();
  }
}
