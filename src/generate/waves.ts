import type { Tower, Wave } from "../domain/index.js";
import { FLOORS, WAVE_DATES } from "./catalogue.js";

export const MAX_WAVES = WAVE_DATES.length;

/**
 * Transport caps (flights and ships chartered per wave): room for 80% of the units that become
 * ready for this wave and 20% of those ready before, and 2.5 persons per household.
 */
const CAP = { newUnits: 0.8, earlierUnits: 0.2, personsPerHousehold: 2.5 } as const;

/** The first `count` dates of the schedule, in date order, with transport caps. */
export function buildWaves(count: number, towers: readonly Tower[]): Wave[] {
  const unitsPerTower = FLOORS.count * FLOORS.unitsPerFloor;
  const readyBy = (date: string) => towers.filter((t) => t.readyDate! <= date).length * unitsPerTower;
  const dates = WAVE_DATES.slice(0, count).sort();
  return dates.map((date, i) => {
    const earlier = i === 0 ? 0 : readyBy(dates[i - 1]);
    const households = Math.round(CAP.newUnits * (readyBy(date) - earlier) + CAP.earlierUnits * earlier);
    return { id: `W${i + 1}`, date, maxHouseholds: households, maxPersons: Math.round(households * CAP.personsPerHousehold) };
  });
}
