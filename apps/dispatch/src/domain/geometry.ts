/** GeoJSON boundaries and point-in-polygon by ray casting: enough for jurisdiction, without a GIS library. */
export type Position = readonly [longitude: number, latitude: number];
type Ring = readonly Position[];
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length >= 2 &&
  typeof value[0] === 'number' &&
  typeof value[1] === 'number' &&
  Math.abs(value[0]) <= 180 &&
  Math.abs(value[1]) <= 90;

/** A closed ring of at least four positions, the last equal to the first. */
const isRing = (value: unknown): value is Ring =>
  Array.isArray(value) &&
  value.length >= 4 &&
  value.every(isPosition) &&
  value[0][0] === value[value.length - 1][0] &&
  value[0][1] === value[value.length - 1][1];

const isPolygonRings = (value: unknown): value is readonly Ring[] => Array.isArray(value) && value.length > 0 && value.every(isRing);

export function isPolygonal(value: unknown): value is Boundary {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return isPolygonRings(coordinates);
  if (type === 'MultiPolygon') return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygonRings);
  return false;
}

function onSegment([x, y]: Position, [x1, y1]: Position, [x2, y2]: Position): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  return Math.abs(cross) < 1e-12 && x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}

/**
 * Even-odd ray casting towards +x. A point on an edge counts as inside, so that neighbouring regions share their
 * border and a child drawn along its parent's edge still lies within it.
 */
export function ringContains(ring: Ring, point: Position): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(point, ring[j], ring[i])) return true;
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and not strictly inside a hole. */
function polygonContains(rings: readonly Ring[], point: Position): boolean {
  const [outer, ...holes] = rings;
  if (!ringContains(outer, point)) return false;
  return !holes.some(
    (hole) => ringContains(hole, point) && !hole.some((vertex, index) => index > 0 && onSegment(point, hole[index - 1], vertex)),
  );
}

export function boundaryContains(boundary: Boundary, point: Position): boolean {
  return boundary.type === 'Polygon'
    ? polygonContains(boundary.coordinates, point)
    : boundary.coordinates.some((polygon) => polygonContains(polygon, point));
}

/** Every vertex of the outer rings: a child region lies within its parent when all of them do. */
export function verticesOf(boundary: Boundary): readonly Position[] {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return polygons.flatMap((polygon) => polygon[0]);
}
