import { z } from "zod";
import { isIsoDate } from "./dates.js";
import { PolicyInputSchema, boundedNumber } from "./policy.js";

export const SCHOOL_LEVELS = ["PAUD", "SD", "SMP", "SMA"] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const CHILD_LEVELS = [...SCHOOL_LEVELS, "NONE"] as const;
export type ChildLevel = (typeof CHILD_LEVELS)[number];

const id = z.string({ error: "must be a non-empty string" }).min(1, "must be a non-empty string");
const date = z.string({ error: "must be a date YYYY-MM-DD" }).refine(isIsoDate, "must be a real date YYYY-MM-DD");
const count = (min: number) =>
  z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`);
export const MinutesSchema = boundedNumber(undefined, 0);

export const AgencySchema = z.object({
  id,
  name: z.string().optional(),
  priority: count(1).max(5, "must be at most 5"),
  officeZone: id.optional(),
});

export const ZoneSchema = z.object({
  id,
  travelMinutes: z.record(z.string(), MinutesSchema).optional(),
});

export const TowerSchema = z.object({
  id,
  zone: id,
  readyDate: date.optional(),
  reservedFor: z.array(id).min(1, "must name at least one group or agency"),
});

export const UnitSchema = z.object({
  id,
  tower: id,
  bedrooms: count(1),
  maxOccupants: count(1),
  accessible: z.boolean().default(false),
  readyDate: date.optional(),
  floor: count(0).optional(),
});

export const SchoolSchema = z.object({
  id,
  zone: id,
  level: z.enum(SCHOOL_LEVELS, { error: `must be one of ${SCHOOL_LEVELS.join(", ")}` }),
  seats: count(0),
  openDate: date,
});

export const WaveSchema = z.object({
  id,
  date,
  maxHouseholds: count(0).optional(),
  maxPersons: count(0).optional(),
});

export const EmployeeSchema = z.object({
  id,
  agency: id,
  group: id,
  gender: z.enum(["F", "M"], { error: "must be F or M" }),
  spouse: z.boolean().default(false),
  children: z.array(z.enum(CHILD_LEVELS, { error: `must be one of ${CHILD_LEVELS.join(", ")}` })).default([]),
  needsAccessible: z.boolean().default(false),
  availableFrom: date,
  requiredBy: date.optional(),
  mustMove: z.boolean().default(false),
});

export const PinSchema = z.object({ employee: id, unit: id, wave: id });

/** The shape of a scenario (MODEL.md "Scenario"); cross-references are checked by `validateScenario`. */
export const ScenarioShapeSchema = z.object({
  id,
  policy: PolicyInputSchema.optional(),
  agencies: z.array(AgencySchema),
  zones: z.array(ZoneSchema).optional(),
  towers: z.array(TowerSchema),
  units: z.array(UnitSchema),
  schools: z.array(SchoolSchema).default([]),
  waves: z.array(WaveSchema),
  employees: z.array(EmployeeSchema),
  pinned: z.array(PinSchema).default([]),
});

export type Scenario = z.infer<typeof ScenarioShapeSchema>;
export type ScenarioInput = z.input<typeof ScenarioShapeSchema>;
export type Agency = Scenario["agencies"][number];
export type Zone = NonNullable<Scenario["zones"]>[number];
export type Tower = Scenario["towers"][number];
export type Unit = Scenario["units"][number];
export type School = Scenario["schools"][number];
export type Wave = Scenario["waves"][number];
export type Employee = Scenario["employees"][number];
export type Pin = Scenario["pinned"][number];
