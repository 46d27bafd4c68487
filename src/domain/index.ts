export * from "./dates.js";
export * from "./policy.js";
export * from "./scenario.js";
export * from "./plan.js";
export * from "./validate.js";
export * from "./derived.js";
export * from "./presets.js";
export * from "./summary.js";
