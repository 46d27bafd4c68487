import type { School, Tower, Unit, Zone } from "../domain/index.js";
import { apportionAtLeastOne } from "./apportion.js";
import { FLOORS, FULL_SCALE, OFFICE_ZONES, READY, RESIDENTIAL_ZONES, TOWER_KINDS, TRAVEL_MINUTES, ZONES_WITH_OWN_TRAVEL, type HousingPool } from "./catalogue.js";
import type { Random } from "./random.js";

/** The smallest count that gives every tower kind (and so every group) a tower. */
export const MIN_TOWERS = TOWER_KINDS.length;

/** Towers per kind: MODEL.md's 31/7/9 at 47, in proportion otherwise, at least one of each. */
export function towersPerKind(total: number): number[] {
  return apportionAtLeastOne(
    total,
    TOWER_KINDS.map((k) => k.fullScale),
  );
}

/** 12 of 47 ready in July (at least one of each kind, so that every group can move in the first wave), 40% of the rest in November, the others in December. */
function readyDates(count: number): string[] {
  const july = Math.min(count, Math.max(1, Math.round((count * FULL_SCALE.towersReadyInJuly) / FULL_SCALE.towers)));
  const november = Math.round((count - july) * READY.novemberShare);
  return Array.from({ length: count }, (_, i) => (i < july ? READY.july : i < july + november ? READY.november : READY.december));
}

export function buildTowers(total: number): Tower[] {
  const counts = towersPerKind(total);
  return TOWER_KINDS.flatMap((kind, k) =>
    readyDates(counts[k]).map((readyDate, i) => ({
      id: `${kind.prefix}-${String(i + 1).padStart(2, "0")}`,
      zone: kind.zones[i % kind.zones.length],
      readyDate,
      reservedFor: [...kind.reservedFor],
    })),
  );
}

export function poolOfTower(tower: Tower): HousingPool {
  return TOWER_KINDS.find((k) => tower.id.startsWith(`${k.prefix}-`))!.pool;
}

/**
 * Three-bedroom units, two people per bedroom (maxOccupants 6). The accessible ones are near the
 * lift on the lowest floors; their wider bathroom and doors take space from a children's room,
 * which then sleeps one (maxOccupants 5).
 */
export function buildUnits(towers: readonly Tower[]): Unit[] {
  return towers.flatMap((tower) =>
    Array.from({ length: FLOORS.count * FLOORS.unitsPerFloor }, (_, i) => {
      const floor = FLOORS.first + Math.floor(i / FLOORS.unitsPerFloor);
      const position = (i % FLOORS.unitsPerFloor) + 1;
      const accessible = (floor === FLOORS.first && position <= 2) || (floor === FLOORS.first + 1 && position === 1);
      return {
        id: `${tower.id}-${String(floor).padStart(2, "0")}${String(position).padStart(2, "0")}`,
        tower: tower.id,
        bedrooms: 3,
        maxOccupants: accessible ? 5 : 6,
        accessible,
        floor,
      };
    }),
  );
}

/** Every office and residential zone, each pair's travel time written on one side only. */
export function buildZones(): Zone[] {
  const officeSide = RESIDENTIAL_ZONES.filter((r) => !ZONES_WITH_OWN_TRAVEL.includes(r));
  return [
    ...OFFICE_ZONES.map((office) => ({
      id: office,
      travelMinutes: Object.fromEntries(officeSide.map((r) => [r, TRAVEL_MINUTES[r][office]])),
    })),
    ...RESIDENTIAL_ZONES.map((r) => (ZONES_WITH_OWN_TRAVEL.includes(r) ? { id: r, travelMinutes: { ...TRAVEL_MINUTES[r] } } : { id: r })),
  ];
}

/** Seats per unit in the zone, by level (an assumption tuned so that seats bind for some families). */
const SEATS_PER_UNIT = { PAUD: 0.25, SD: 0.45, SMP: 0.25, SMA: 0.2 } as const;
/** The school year starts in mid-July; a second school per level opens in November. */
const SCHOOL_OPENINGS = [
  { date: "2024-07-15", share: 0.6 },
  { date: "2024-11-04", share: 0.4 },
] as const;

/** Per residential zone with housing: for each level two schools, seats scaled to its units (±15%). */
export function buildSchools(rng: Random, towers: readonly Tower[], units: readonly Unit[]): School[] {
  const unitsInZone = new Map<string, number>();
  const zoneOfTower = new Map(towers.map((t) => [t.id, t.zone]));
  for (const u of units) unitsInZone.set(zoneOfTower.get(u.tower)!, (unitsInZone.get(zoneOfTower.get(u.tower)!) ?? 0) + 1);
  return RESIDENTIAL_ZONES.filter((z) => unitsInZone.has(z)).flatMap((zone) =>
    Object.entries(SEATS_PER_UNIT).flatMap(([level, rate]) => {
      const seats = Math.round(unitsInZone.get(zone)! * rate * (0.85 + 0.3 * rng.next()));
      const first = Math.round(seats * SCHOOL_OPENINGS[0].share);
      return SCHOOL_OPENINGS.map((opening, i) => ({
        id: `${level}-${zone.replace("-", "")}-${i + 1}`,
        zone,
        level: level as School["level"],
        seats: i === 0 ? first : seats - first,
        openDate: opening.date,
      }));
    }),
  );
}
