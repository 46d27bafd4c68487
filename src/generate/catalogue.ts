import type { PriorityTier } from "../domain/index.js";

// The figures of MODEL.md's background (public sources on the 2024 move to IKN), and the assumptions
// the generator adds where the sources are silent. docs/fixtures.md lists which is which.

/** MODEL.md: 12,714 ASN from 35 K/L plus 5,716 TNI/POLRI personnel, 18,430 in all. */
export const FULL_SCALE = {
  asn: 12_714,
  hankam: 5_716,
  employees: 18_430,
  towers: 47,
  unitsPerTower: 60,
  towersReadyInJuly: 12,
} as const;

/** Where an agency's employees may live: one of the three tower kinds of MODEL.md. */
export type HousingPool = "ASN" | "POLRI-BIN" | "PASPAMPRES";

export interface AgencyProfile {
  id: string;
  name: string;
  tier: PriorityTier;
  officeZone: string;
  /** The employee `group` of its people. */
  group: "ASN" | "TNI" | "POLRI" | "BIN" | "Paspampres";
  /**
   * Relocating employees at full scale. The split between K/L is an assumption (larger for ministries
   * with big head offices); the ASN column sums to 12,714 and the defence/security one to 5,716.
   */
  size: number;
}

const kl = (id: string, name: string, tier: PriorityTier, officeZone: string, size: number): AgencyProfile => ({
  id,
  name,
  tier,
  officeZone,
  group: "ASN",
  size,
});

/**
 * The 35 K/L, tiered by strategic role: 1 decision support (the President's offices, coordinating
 * ministries, Bappenas), 2 strategic enablers (finance, home and foreign affairs, civil service,
 * law, defence, the IKN authority), 3 core public services, 4 economic and sectoral ministries,
 * 5 the rest.
 */
export const KL_AGENCIES: readonly AgencyProfile[] = [
  kl("KEMENSETNEG", "Kementerian Sekretariat Negara", 1, "KIPP-1A", 900),
  kl("SETKAB", "Sekretariat Kabinet", 1, "KIPP-1A", 300),
  kl("KSP", "Kantor Staf Presiden", 1, "KIPP-1A", 150),
  kl("KEMENKOPOLHUKAM", "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan", 1, "KIPP-1B", 350),
  kl("KEMENKOEKON", "Kementerian Koordinator Bidang Perekonomian", 1, "KIPP-1B", 400),
  kl("KEMENKOPMK", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan", 1, "KIPP-1B", 300),
  kl("KEMENKOMARVES", "Kementerian Koordinator Bidang Kemaritiman dan Investasi", 1, "KIPP-1B", 350),
  kl("BAPPENAS", "Kementerian PPN/Bappenas", 1, "KIPP-1B", 500),
  kl("KEMENPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", 2, "KIPP-1C", 350),
  kl("KEMENKEU", "Kementerian Keuangan", 2, "KIPP-1C", 1100),
  kl("KEMENDAGRI", "Kementerian Dalam Negeri", 2, "KIPP-1C", 700),
  kl("KEMENLU", "Kementerian Luar Negeri", 2, "KIPP-1C", 450),
  kl("KEMENHAN", "Kementerian Pertahanan", 2, "KIPP-HK", 600),
  kl("KEMENKUMHAM", "Kementerian Hukum dan Hak Asasi Manusia", 2, "KIPP-1C", 500),
  kl("BKN", "Badan Kepegawaian Negara", 2, "KIPP-1C", 300),
  kl("OIKN", "Otorita Ibu Kota Nusantara", 2, "KIPP-1B", 800),
  kl("KOMINFO", "Kementerian Komunikasi dan Informatika", 3, "KIPP-1C", 300),
  kl("KEMENPUPR", "Kementerian Pekerjaan Umum dan Perumahan Rakyat", 3, "KIPP-1C", 550),
  kl("KEMENHUB", "Kementerian Perhubungan", 3, "KIPP-1C", 350),
  kl("KEMENKES", "Kementerian Kesehatan", 3, "KIPP-1C", 300),
  kl("KEMENDIKBUDRISTEK", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi", 3, "KIPP-1C", 350),
  kl("KEMENAG", "Kementerian Agama", 3, "KIPP-1C", 250),
  kl("BPKP", "Badan Pengawasan Keuangan dan Pembangunan", 3, "KIPP-1C", 200),
  kl("KEMENTAN", "Kementerian Pertanian", 4, "KIPP-1D", 250),
  kl("KLHK", "Kementerian Lingkungan Hidup dan Kehutanan", 4, "KIPP-1D", 250),
  kl("ATRBPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", 4, "KIPP-1D", 250),
  kl("KEMENSOS", "Kementerian Sosial", 4, "KIPP-1D", 200),
  kl("KEMNAKER", "Kementerian Ketenagakerjaan", 4, "KIPP-1D", 150),
  kl("KEMENPERIN", "Kementerian Perindustrian", 4, "KIPP-1D", 200),
  kl("KEMENDAG", "Kementerian Perdagangan", 4, "KIPP-1D", 200),
  kl("KESDM", "Kementerian Energi dan Sumber Daya Mineral", 5, "KIPP-1D", 250),
  kl("KKP", "Kementerian Kelautan dan Perikanan", 5, "KIPP-1D", 200),
  kl("KEMENPORA", "Kementerian Pemuda dan Olahraga", 5, "KIPP-1D", 120),
  kl("KEMENPAREKRAF", "Kementerian Pariwisata dan Ekonomi Kreatif", 5, "KIPP-1D", 150),
  kl("KEMENDESPDTT", "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", 5, "KIPP-1D", 144),
];

/**
 * Defence and security. They are housed apart from the ASN, so their tier only orders them among
 * themselves: Paspampres (the President's guard) and POLRI/BIN first, the TNI services second.
 */
export const HANKAM_AGENCIES: readonly AgencyProfile[] = [
  { id: "TNI-AD", name: "Tentara Nasional Indonesia Angkatan Darat", tier: 2, officeZone: "KIPP-HK", group: "TNI", size: 1300 },
  { id: "TNI-AL", name: "Tentara Nasional Indonesia Angkatan Laut", tier: 2, officeZone: "KIPP-HK", group: "TNI", size: 600 },
  { id: "TNI-AU", name: "Tentara Nasional Indonesia Angkatan Udara", tier: 2, officeZone: "KIPP-HK", group: "TNI", size: 600 },
  { id: "POLRI", name: "Kepolisian Negara Republik Indonesia", tier: 1, officeZone: "KIPP-HK", group: "POLRI", size: 1700 },
  { id: "BIN", name: "Badan Intelijen Negara", tier: 1, officeZone: "KIPP-HK", group: "BIN", size: 416 },
  { id: "PASPAMPRES", name: "Pasukan Pengamanan Presiden", tier: 1, officeZone: "KIPP-1A", group: "Paspampres", size: 1100 },
];

export interface TowerKind {
  pool: HousingPool;
  /** Tower id prefix: `ASN-01`, `PB-01`, `PP-01`. */
  prefix: string;
  /** MODEL.md's count at full scale. */
  fullScale: number;
  reservedFor: string[];
  /** Residential zones its towers stand in, assigned in turn. */
  zones: string[];
}

/**
 * MODEL.md: 31 ASN towers, 7 for POLRI/BIN, 9 for Paspampres. TNI personnel live in the Paspampres
 * towers: Paspampres is a TNI command staffed from the three services, and the 960 Hankam units are
 * the only housing MODEL.md gives the 5,716 TNI/POLRI personnel, so the TNI's share is the towers of
 * the TNI's own command.
 */
export const TOWER_KINDS: readonly TowerKind[] = [
  { pool: "ASN", prefix: "ASN", fullScale: 31, reservedFor: ["ASN"], zones: ["WP-1A", "WP-1B", "WP-1C"] },
  { pool: "POLRI-BIN", prefix: "PB", fullScale: 7, reservedFor: ["POLRI", "BIN"], zones: ["WP-1D"] },
  { pool: "PASPAMPRES", prefix: "PP", fullScale: 9, reservedFor: ["Paspampres", "TNI"], zones: ["WP-1E"] },
];

export function poolOfGroup(group: AgencyProfile["group"]): HousingPool {
  if (group === "ASN") return "ASN";
  return group === "POLRI" || group === "BIN" ? "POLRI-BIN" : "PASPAMPRES";
}

/** KIPP sub-zones where offices are: the palace and State Secretariat, the coordinating ministries, two ministry clusters, defence and security. */
export const OFFICE_ZONES = ["KIPP-1A", "KIPP-1B", "KIPP-1C", "KIPP-1D", "KIPP-HK"] as const;
export const RESIDENTIAL_ZONES = ["WP-1A", "WP-1B", "WP-1C", "WP-1D", "WP-1E"] as const;

/**
 * Minutes from each residential zone to each office zone (an assumption: KIPP is a few kilometres
 * across). Rows WP-1A..1C are written on the office zones and rows WP-1D..1E on the residential
 * ones, so generated scenarios use both directions of MODEL.md's look-up.
 */
export const TRAVEL_MINUTES: Record<(typeof RESIDENTIAL_ZONES)[number], Record<(typeof OFFICE_ZONES)[number], number>> = {
  "WP-1A": { "KIPP-1A": 6, "KIPP-1B": 10, "KIPP-1C": 14, "KIPP-1D": 18, "KIPP-HK": 16 },
  "WP-1B": { "KIPP-1A": 12, "KIPP-1B": 7, "KIPP-1C": 9, "KIPP-1D": 13, "KIPP-HK": 15 },
  "WP-1C": { "KIPP-1A": 17, "KIPP-1B": 12, "KIPP-1C": 8, "KIPP-1D": 6, "KIPP-HK": 14 },
  "WP-1D": { "KIPP-1A": 15, "KIPP-1B": 13, "KIPP-1C": 12, "KIPP-1D": 14, "KIPP-HK": 5 },
  "WP-1E": { "KIPP-1A": 4, "KIPP-1B": 9, "KIPP-1C": 13, "KIPP-1D": 17, "KIPP-HK": 11 },
};
export const ZONES_WITH_OWN_TRAVEL: readonly string[] = ["WP-1D", "WP-1E"];

/**
 * Ready dates: MODEL.md says 12 towers by July 2024 and the rest by December; the generator has
 * 40% of the rest ready by November.
 */
export const READY = { july: "2024-07-15", november: "2024-11-01", december: "2024-12-01", novemberShare: 0.4 } as const;

/**
 * Wave dates: the first three are MODEL.md's (late July, before the 17 August ceremony; November;
 * December); more waves fill the months between.
 */
export const WAVE_DATES = ["2024-07-29", "2024-11-18", "2024-12-16", "2024-08-26", "2024-09-23", "2024-10-21"] as const;

/** 10 residential floors of 6 units; floors 1-2 hold the lobby and shared rooms (an assumption). */
export const FLOORS = { first: 3, count: 10, unitsPerFloor: 6 } as const;
