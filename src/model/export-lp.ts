import highsModule, { type Highs } from "highs";
import { defaultExport } from "../solvers/interop.js";
import { toHighsModel } from "../solvers/highs.js";
import type { AllocationModel } from "./build.js";

/** What the LP file's variable names stand for: x_k_u_w, y_k_l, s_u_G_d, h_w_p, n_z_L_d_c (see docs/formulation.md). */
export interface LpClassMap {
  classes: { index: number; key: string; mustMove: string[]; optional: string[] }[];
  unitClasses: { index: number; key: string; units: string[] }[];
  waves: string[];
  /** The `n_z_L_d_c` columns by name: zone, school level, wave date and number of children they count. */
  schoolNeeds: { name: string; zone: string; level: string; date: string; need: number }[];
}

/** The model as CPLEX LP text (written by HiGHS itself, so any LP reader takes it) and its class map. */
export async function exportLp(model: AllocationModel): Promise<{ lp: string; classes: LpClassMap }> {
  const highs = await defaultExport<() => Promise<Highs>>(highsModule)();
  const data = {
    ...toHighsModel(highs, model.program),
    colNames: model.program.columns.map((c) => c.name),
    rowNames: model.program.rows.map((r) => r.name),
  };
  const lpModel = highs.createModel(data);
  try {
    return {
      lp: lpModel.exportModel("lp"),
      classes: {
        classes: model.classes.map((c, index) => ({ index, key: c.key, mustMove: c.mustMove.map((e) => e.id), optional: c.optional.map((e) => e.id) })),
        unitClasses: model.unitClasses.map((u, index) => ({ index, key: u.key, units: u.units.map((x) => x.id) })),
        waves: model.waves,
        schoolNeeds: model.schoolNeeds.map((n) => ({ name: model.program.columns[n.column].name, zone: n.zone, level: n.level, date: n.date, need: n.need })),
      },
    };
  } finally {
    lpModel.dispose();
  }
}
