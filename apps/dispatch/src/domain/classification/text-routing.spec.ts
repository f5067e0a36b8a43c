import { parseCatalog } from '../catalog';
import { DOMAIN_MODEL_FORMAT, DomainClassifier, type DomainModel } from './domain-model';
import { categoryWithinDomain, classifyText, decideCase } from './text-routing';

const bySpaces = (text: string) => text.split(/\s+/);

const catalog = parseCatalog({
  regions: [
    { code: '430100', name: 'A市', level: 'city' },
    { code: '430103', name: 'A2区', level: 'district', parent: '430100' },
  ],
  departments: [
    { code: 'city-housing', name: 'A市住房和城乡建设局', level: 'city', region: '430100' },
    { code: 'a2-housing', name: 'A2区住房和城乡建设局', level: 'district', region: '430103' },
    { code: 'city-hrss', name: 'A市人力资源和社会保障局', level: 'city', region: '430100' },
  ],
  categories: [
    { code: 'urban.property', name: '物业管理', domain: '城乡建设', keywords: ['物业'], departments: { default: 'city-housing' } },
    {
      code: 'urban.facilities',
      name: '城市公共设施',
      domain: '城乡建设',
      keywords: ['路灯', '井盖'],
      departments: { default: 'city-housing', byRegion: { '430103': 'a2-housing' } },
    },
    { code: 'labor.wages', name: '劳动报酬', domain: '劳动和社会保障', keywords: ['工资'], departments: { default: 'city-hrss' } },
  ],
});

const model: DomainModel = {
  format: DOMAIN_MODEL_FORMAT,
  version: 'v3',
  trainedAt: '2026-11-30T00:00:00.000Z',
  examples: { shipped: 2, corrections: 0 },
  domains: ['城乡建设', '劳动和社会保障', '环境保护'],
  threshold: 0.9,
  temperature: 1,
  crossValidation: { folds: 2, examples: 2, accuracy: 1, autoShare: 1, autoPrecision: 1 },
  features: ['w:路灯', 'w:工资', 'w:噪音'],
  idf: [1, 1, 1],
  weights: [6, -3, -3, -3, 6, -3, -3, -3, 6],
  bias: [0, 0, 0],
};
const classifier = new DomainClassifier(model, bySpaces);

describe('deciding a case by its text', () => {
  it('routes a given category code through the catalog without reading the text', () => {
    const { decision, prediction } = decideCase(
      { categoryCode: 'labor.wages', description: '路灯 坏了', regionCode: '' },
      catalog,
      classifier,
    );
    expect(decision).toMatchObject({ kind: 'assigned', basis: 'category-code', department: { code: 'city-hrss' } });
    expect(prediction).toBeUndefined();
  });

  it('dispatches a confident prediction to the category of its domain the text mentions, by region', () => {
    const { decision, prediction, classifierVersion } = decideCase(
      { categoryCode: '', description: '路灯 坏了', regionCode: '430103' },
      catalog,
      classifier,
    );
    expect(decision).toMatchObject({
      kind: 'assigned',
      basis: 'classifier',
      category: { code: 'urban.facilities' },
      department: { code: 'a2-housing' },
    });
    expect(prediction?.domain).toBe('城乡建设');
    expect(classifierVersion).toBe('v3');
  });

  it('sends an unsure prediction to triage, saying why and which model', () => {
    const { decision, prediction } = decideCase({ categoryCode: '', description: '路灯 工资', regionCode: '' }, catalog, classifier);
    expect(decision.kind).toBe('triage');
    expect(decision.kind === 'triage' && decision.reason).toMatch(/classifier v3 is not sure: .* below the 90\.0% threshold/);
    expect(prediction!.confidence).toBeLessThan(0.9);
  });

  it('sends a confident prediction for a domain the catalog does not serve to triage', () => {
    const { decision } = decideCase({ categoryCode: '', description: '噪音 扰民', regionCode: '' }, catalog, classifier);
    expect(decision).toMatchObject({ kind: 'triage', reason: expect.stringMatching(/no catalog category serves the domain 环境保护/) });
  });

  it('picks the domain’s first category when the text names none of its keywords', () => {
    expect(categoryWithinDomain('城乡建设', '路面 积水', catalog)?.code).toBe('urban.property');
    expect(categoryWithinDomain('城乡建设', '井盖 丢了', catalog)?.code).toBe('urban.facilities');
  });
});

describe('classifying a text for POST /v1/classify', () => {
  it('answers domain, category, confidence, decision and the lead department', () => {
    const answer = classifyText('路灯 坏了', '430103', catalog, classifier);
    expect(answer).toMatchObject({
      decision: 'auto',
      category: { code: 'urban.facilities' },
      departments: [{ code: 'a2-housing', role: 'lead' }],
    });
    expect(answer.prediction.domain).toBe('城乡建设');
  });

  it('still gives its best guess when a human must decide', () => {
    const answer = classifyText('路灯 工资', '', catalog, classifier);
    expect(answer.decision).toBe('triage');
    expect(answer.departments).toHaveLength(1);
  });
});
