import demoCity from '../../../catalog/demo-city.json';
import { parseCatalog } from '../catalog';
import type { RoutingDecision } from '../routing';
import { DOMAIN_MODEL_FORMAT, DomainClassifier, type DomainModel } from './domain-model';
import type { Segmenter } from './text-features';
import { categoryWithinDomain, classifyText, decideCase } from './text-routing';

const bySpaces: Segmenter = (text, word) => {
  for (const found of text.matchAll(/\S+/g)) word(found.index, found.index + found[0].length);
};
const catalog = parseCatalog(demoCity);
const who = (decision: RoutingDecision) =>
  decision.kind === 'assigned' ? decision.assignments.map(({ department, role }) => `${role}:${department.code}`) : [decision.reason];

const model: DomainModel = {
  format: DOMAIN_MODEL_FORMAT,
  version: 'v3',
  trainedAt: '2026-11-30T00:00:00.000Z',
  examples: { shipped: 2, corrections: 0 },
  // 气象服务 stands for a domain the model knows and the catalog does not serve.
  domains: ['城乡建设', '劳动和社会保障', '气象服务'],
  threshold: 0.9,
  temperature: 1,
  crossValidation: { folds: 2, examples: 2, accuracy: 1, autoShare: 1, autoPrecision: 1 },
  features: ['w:街灯', 'w:工资', 'w:天气'],
  idf: [1, 1, 1],
  weights: [6, -3, -3, -3, 6, -3, -3, -3, 6],
  bias: [0, 0, 0],
};
const classifier = new DomainClassifier(model, bySpaces);

describe('deciding a case by its text', () => {
  it('routes a given category code through the catalog without reading the text', () => {
    const { decision, prediction, classifierVersion } = decideCase(
      { categoryCode: 'labor.03.06', description: '街灯 坏了' },
      catalog,
      classifier,
    );
    expect(decision).toMatchObject({ kind: 'assigned', basis: 'category-code', department: { code: 'city-hrss' } });
    expect(prediction).toBeUndefined();
    expect(classifierVersion).toBeUndefined();
  });

  it('routes a confident domain to the category of that domain its text names, by the region code', () => {
    const { decision, prediction, classifierVersion } = decideCase(
      { description: '路灯 街灯 坏了', location: { regionCode: '430103' } },
      catalog,
      classifier,
    );
    expect(decision).toMatchObject({
      kind: 'assigned',
      basis: 'domain',
      category: { code: 'urban.02.04' },
      jurisdiction: { basis: 'region-code', region: { code: '430103' } },
    });
    expect(who(decision)).toEqual(['lead:a2-housing']);
    expect(prediction?.domain).toBe('城乡建设');
    expect(classifierVersion).toBe('v3');
  });

  it('lets the map point pick the departments of a confident domain: a street leads and its district is copied', () => {
    const { decision } = decideCase({ description: '街灯 小区 物业', location: { lat: 28.26, long: 112.96 } }, catalog, classifier);
    expect(decision).toMatchObject({ basis: 'domain', category: { code: 'urban.02.12' }, jurisdiction: { basis: 'map-point' } });
    expect(who(decision)).toEqual(['lead:a2-muyun-street', 'copy:a2-housing']);
  });

  it("takes the domain's default category when the text names none of its categories' keywords", () => {
    const { decision } = decideCase({ description: '街灯 坏了' }, catalog, classifier);
    expect(decision).toMatchObject({ kind: 'assigned', basis: 'domain', category: { code: catalog.domain('城乡建设')!.defaultCategory } });
  });

  it('sends an unsure prediction to triage, saying why and which model', () => {
    const { decision, prediction } = decideCase({ description: '街灯 工资' }, catalog, classifier);
    expect(decision.kind).toBe('triage');
    expect(decision.kind === 'triage' && decision.reason).toMatch(/classifier v3 is not sure: .* below the 90\.0% threshold/);
    expect(prediction!.confidence).toBeLessThan(0.9);
  });

  it('sends a confident prediction for a domain the catalog does not serve to triage, with the suggestion', () => {
    const { decision, prediction } = decideCase({ description: '天气 预报' }, catalog, classifier);
    expect(decision).toMatchObject({
      kind: 'triage',
      reason: expect.stringMatching(/^classifier v3 says 气象服务 at \d+\.\d%, but domain 气象服务 is not in the dispatch catalog$/),
    });
    expect(prediction?.domain).toBe('气象服务');
  });
});

describe('refining a domain to a category by keywords', () => {
  it('picks the category of the domain whose keywords the text names most', () => {
    expect(categoryWithinDomain('城乡建设', '井盖 丢了，路灯也不亮', catalog)?.code).toBe('urban.02.04');
    expect(categoryWithinDomain('城乡建设', '物业费 太高', catalog)?.code).toBe('urban.02.12');
    expect(categoryWithinDomain('劳动和社会保障', '拖欠工资', catalog)?.code).toBe('labor.03.06');
  });

  it("never picks another domain's category, nor one for a domain the catalog lacks", () => {
    expect(categoryWithinDomain('城乡建设', '拖欠工资', catalog)).toBeUndefined();
    expect(categoryWithinDomain('气象服务', '路灯', catalog)).toBeUndefined();
  });
});

describe('classifying a text for POST /v1/classify', () => {
  it('answers domain, category, confidence, decision and the departments of the jurisdiction', () => {
    const answer = classifyText('街灯 小区 物业', { lat: 28.26, long: 112.96 }, catalog, classifier);
    expect(answer).toMatchObject({ decision: 'auto', category: { code: 'urban.02.12' }, regionCode: '430103003' });
    expect(answer.departments.map(({ department, role }) => `${role}:${department.code}`)).toEqual([
      'lead:a2-muyun-street',
      'copy:a2-housing',
    ]);
    expect(answer.prediction.domain).toBe('城乡建设');
  });

  it('still gives its best guess when a human must decide, and no departments for a domain the catalog lacks', () => {
    const unsure = classifyText('街灯 工资', {}, catalog, classifier);
    expect(unsure.decision).toBe('triage');
    expect(unsure.departments.length).toBeGreaterThan(0);
    expect(classifyText('天气', {}, catalog, classifier)).toMatchObject({ decision: 'triage', departments: [] });
  });
});
