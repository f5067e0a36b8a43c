import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCatalog } from './catalog';
import { open311ServiceProblems } from './open311-services';

describe("a category's Open311 service", () => {
  const codes = ['urban.02.04', 'urban.municipal-facilities'];
  const service = {
    code: 'urban.municipal-facilities',
    name: '城市公共设施',
    group: '城乡建设',
    type: 'complaint',
    attributes: [
      {
        code: 'FACILITY',
        datatype: 'singlevaluelist',
        required: true,
        description: '哪一种设施？',
        values: [{ key: 'streetlight', name: '路灯' }],
      },
      { code: 'POLE_NUMBER', datatype: 'string', required: false, description: '路灯杆号（如有）' },
    ],
  };

  it('is optional, and a complete one has no problem', () => {
    expect(open311ServiceProblems('categories[1].open311', undefined, codes)).toEqual([]);
    expect(open311ServiceProblems('categories[1].open311', service, codes)).toEqual([]);
  });

  it('names every bad field by its path and why', () => {
    const broken = {
      ...service,
      code: 'transport.taxi',
      group: ' ',
      type: 'gossip',
      attributes: [
        { code: 'facility', datatype: 'list', required: 'yes', description: '' },
        {
          code: 'KIND',
          datatype: 'multivaluelist',
          required: true,
          description: '哪种？',
          values: [
            { key: 'a', name: 'A' },
            { key: 'a', name: '' },
          ],
        },
        { code: 'KIND', datatype: 'number', required: false, description: '多少？', values: [{ key: 'x', name: 'X' }] },
        { code: 'LIST', datatype: 'singlevaluelist', required: false, description: '哪个？' },
      ],
    };
    const problems = open311ServiceProblems('categories[1].open311', broken, codes);
    expect(problems.map((problem) => problem.path)).toEqual([
      'categories[1].open311.code',
      'categories[1].open311.group',
      'categories[1].open311.type',
      'categories[1].open311.attributes[0].code',
      'categories[1].open311.attributes[0].datatype',
      'categories[1].open311.attributes[0].required',
      'categories[1].open311.attributes[0].description',
      'categories[1].open311.attributes[1].values[1].key',
      'categories[1].open311.attributes[1].values[1].name',
      'categories[1].open311.attributes[2].code',
      'categories[1].open311.attributes[2].values',
      'categories[1].open311.attributes[3].values',
    ]);
    expect(problems[0].message).toBe("must be the category's code or one of its aliases (urban.02.04, urban.municipal-facilities)");
    expect(problems[2].message).toMatch(/^must be one of consultation, help, complaint/);
    expect(problems[10].message).toBe('only a singlevaluelist or a multivaluelist has values, not a number');
  });

  it('is checked with the whole catalog: the demonstration city offers 16 categories to Open311 clients', () => {
    const demoCity = JSON.parse(readFileSync(join(__dirname, '../../catalog/demo-city.json'), 'utf8'));
    const { catalog } = validateCatalog(demoCity);
    expect(catalog?.open311Categories).toHaveLength(16);
    demoCity.categories[0].open311 = { code: 'elsewhere', name: 'x', group: 'y', type: 'complaint' };
    expect(validateCatalog(demoCity).problems).toEqual([
      { path: 'categories[0].open311.code', message: `must be the category's code or one of its aliases (${demoCity.categories[0].code})` },
    ]);
  });
});
