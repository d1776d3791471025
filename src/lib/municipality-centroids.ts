/**
 * Approximate centres (WGS84, the main town's centre, two decimals ≈ 1 km) of the Limburg
 * municipalities, to put the desks that serve an entrepreneur nearest first. A municipality
 * missing here (one outside the province) simply sorts after the ones with a distance.
 */
const CENTROIDS: Record<string, readonly [lat: number, lon: number]> = {
  Beek: [50.94, 5.79],
  Beekdaelen: [50.92, 5.89],
  Beesel: [51.27, 6.04],
  Bergen: [51.6, 6.05],
  Brunssum: [50.95, 5.97],
  "Echt-Susteren": [51.1, 5.87],
  "Eijsden-Margraten": [50.82, 5.82],
  Gennep: [51.7, 5.97],
  "Gulpen-Wittem": [50.81, 5.89],
  Heerlen: [50.89, 5.98],
  "Horst aan de Maas": [51.45, 6.05],
  Kerkrade: [50.87, 6.06],
  Landgraaf: [50.91, 6.03],
  Leudal: [51.25, 5.9],
  Maasgouw: [51.15, 5.89],
  Maastricht: [50.85, 5.69],
  Meerssen: [50.89, 5.75],
  "Mook en Middelaar": [51.75, 5.88],
  Nederweert: [51.29, 5.75],
  "Peel en Maas": [51.33, 5.98],
  Roerdalen: [51.16, 6.05],
  Roermond: [51.19, 5.99],
  Simpelveld: [50.83, 5.98],
  "Sittard-Geleen": [51.0, 5.87],
  Stein: [50.97, 5.77],
  Vaals: [50.77, 6.02],
  "Valkenburg aan de Geul": [50.86, 5.83],
  Venlo: [51.37, 6.17],
  Venray: [51.53, 5.97],
  Voerendaal: [50.88, 5.93],
  Weert: [51.25, 5.71],
};

const key = (name: string) => name.trim().toLocaleLowerCase("nl");
const BY_KEY = new Map(Object.entries(CENTROIDS).map(([name, c]) => [key(name), c]));

/**
 * The straight-line distance in km between two municipalities' centres (haversine), or null
 * when either has no known centre. Names compare case-insensitively.
 * @example municipalityDistanceKm("Vaals", "Heerlen") // ≈ 13
 */
export function municipalityDistanceKm(a: string, b: string): number | null {
  const p = BY_KEY.get(key(a));
  const q = BY_KEY.get(key(b));
  if (!p || !q) return null;
  const rad = Math.PI / 180;
  const dLat = (q[0] - p[0]) * rad;
  const dLon = (q[1] - p[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[0] * rad) * Math.cos(q[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
