import { boundaryContains, isPolygonal, ringContains, type Boundary, type Position } from './geometry';

// A "U": concave, so a ray from the gap crosses the boundary an even number of times.
const u: Position[] = [
  [0, 0],
  [3, 0],
  [3, 3],
  [2, 3],
  [2, 1],
  [1, 1],
  [1, 3],
  [0, 3],
  [0, 0],
];

describe('ringContains (ray casting)', () => {
  it('tells the arms of a concave ring from the gap between them', () => {
    expect(ringContains(u, [0.5, 2])).toBe(true);
    expect(ringContains(u, [2.5, 2])).toBe(true);
    expect(ringContains(u, [1.5, 2])).toBe(false);
    expect(ringContains(u, [1.5, 0.5])).toBe(true);
    expect(ringContains(u, [4, 1])).toBe(false);
    expect(ringContains(u, [-0.1, 0])).toBe(false);
  });

  it('counts a point on an edge or a vertex as inside, so neighbours share their border', () => {
    expect(ringContains(u, [0, 1.5])).toBe(true);
    expect(ringContains(u, [3, 3])).toBe(true);
    expect(ringContains(u, [1.5, 1])).toBe(true);
  });

  it('passes a ray through a vertex level with the point without counting it twice', () => {
    const diamond: Position[] = [
      [0, 1],
      [1, 0],
      [2, 1],
      [1, 2],
      [0, 1],
    ];
    expect(ringContains(diamond, [0.5, 1])).toBe(true);
    expect(ringContains(diamond, [-0.5, 1])).toBe(false);
    expect(ringContains(diamond, [2.5, 1])).toBe(false);
  });
});

describe('boundaryContains', () => {
  const withHole: Boundary = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
        [4, 4],
      ],
    ],
  };
  it('leaves out a hole but keeps its edge', () => {
    expect(boundaryContains(withHole, [2, 2])).toBe(true);
    expect(boundaryContains(withHole, [5, 5])).toBe(false);
    expect(boundaryContains(withHole, [4, 5])).toBe(true);
  });

  it('holds a point in any part of a MultiPolygon', () => {
    const islands: Boundary = {
      type: 'MultiPolygon',
      coordinates: [
        [u],
        [
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 5],
          ],
        ],
      ],
    };
    expect(boundaryContains(islands, [5.8, 5.5])).toBe(true);
    expect(boundaryContains(islands, [1.5, 2])).toBe(false);
  });
});

describe('isPolygonal', () => {
  it('accepts closed rings of longitude and latitude only', () => {
    expect(isPolygonal({ type: 'Polygon', coordinates: [u] })).toBe(true);
    expect(isPolygonal({ type: 'Polygon', coordinates: [u.slice(0, -1)] })).toBe(false);
    expect(
      isPolygonal({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
    expect(
      isPolygonal({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
    expect(isPolygonal({ type: 'Point', coordinates: [0, 0] })).toBe(false);
  });
});
