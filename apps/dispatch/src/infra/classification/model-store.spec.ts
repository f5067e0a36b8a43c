import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDomainClassifier, ModelStore } from './model-store';

describe('the shipped classifier', () => {
  const classifier = loadDomainClassifier({});

  it('loads the active version and reads citizens’ messages', () => {
    expect(classifier.version).toMatch(/^v\d+$/);
    expect(classifier.model.domains).toContain('城乡建设');
    expect(classifier.classify('小区门口的路灯坏了一个多月，晚上出行很不安全，请尽快派人维修。').domain).toBe('城乡建设');
    expect(classifier.classify('公司已经拖欠我们三个月工资了，也不给缴社保，请劳动监察部门帮忙。').domain).toBe('劳动和社会保障');
    expect(classifier.classify('孩子明年上小学，学区划分不合理，学校离家太远，希望教育局调整。').domain).toBe('教育文体');
  });
});

describe('model versions', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'models-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes numbered versions, activates one and rolls back to another', () => {
    const shipped = new ModelStore({});
    const model = shipped.read(shipped.activeVersion({}));
    const store = new ModelStore({ DISPATCH_MODEL_DIR: folder });
    expect(store.nextVersion()).toBe('v1');
    store.write({ ...model, version: 'v1' });
    store.write({ ...model, version: 'v2' });
    expect(store.versions()).toEqual(['v1', 'v2']);
    expect(store.nextVersion()).toBe('v3');
    store.activate('v2');
    expect(store.activeVersion({})).toBe('v2');
    store.activate('v1');
    expect(readFileSync(join(folder, 'ACTIVE'), 'utf8').trim()).toBe('v1');
    expect(store.read('v2').weights).toEqual(model.weights);
    expect(store.activeVersion({ DISPATCH_CLASSIFIER_VERSION: 'v2' })).toBe('v2');
  });

  it('refuses an unknown version, naming what there is', () => {
    const store = new ModelStore({ DISPATCH_MODEL_DIR: folder });
    expect(() => store.activate('v9')).toThrow(/v9 is not in/);
    expect(() => store.activeVersion({ DISPATCH_CLASSIFIER_VERSION: 'v9' })).toThrow(/there are: none/);
    expect(() => store.fileOf('../etc')).toThrow(/looks like v3/);
  });
});
