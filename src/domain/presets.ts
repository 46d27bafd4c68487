import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PolicyInputSchema, type PolicyInput } from "./policy.js";
import { fromZodIssues, formatIssue } from "./validate.js";

/** A policy preset of `models/`: a named, documented set of policy fields. */
export const PresetFileSchema = z.object({ description: z.string().min(1), policy: PolicyInputSchema }).strict();

export interface Preset {
  name: string;
  description: string;
  policy: PolicyInput;
}

export const MODELS_DIR = fileURLToPath(new URL("../../models/", import.meta.url));

let cache: Map<string, Preset> | undefined;

/** Every preset in `models/`, validated; a broken preset file is a packaging bug and throws. */
export function loadPresets(dir = MODELS_DIR): Map<string, Preset> {
  if (dir === MODELS_DIR && cache) return cache;
  const presets = new Map<string, Preset>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const name = file.slice(0, -".json".length);
    const parsed = PresetFileSchema.safeParse(JSON.parse(readFileSync(dir + file, "utf8")));
    if (!parsed.success) {
      throw new Error(`models/${file} is not a valid preset:\n${fromZodIssues(parsed.error.issues).map(formatIssue).join("\n")}`);
    }
    presets.set(name, { name, ...parsed.data });
  }
  if (dir === MODELS_DIR) cache = presets;
  return presets;
}

export function findPreset(name: string): Preset | undefined {
  return loadPresets().get(name);
}

export function presetNames(): string[] {
  return [...loadPresets().keys()];
}
