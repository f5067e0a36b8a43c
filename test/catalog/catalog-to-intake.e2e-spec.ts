import { XMLParser } from 'fast-xml-parser';
import { Client } from 'pg';
import { CATALOG_KEY, ReferenceEvents } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import demoCity from '../../apps/dispatch/catalog/demo-city.json';
import { call, KEYS } from '../u-loop/http';

/**
 * The catalog reaches intake through Kafka only: dispatch publishes every catalog version it stores
 * (dispatch.catalog-published.v1, the seeded demonstration city too), intake keeps them and serves Open311's services
 * and checks service applications from the version in force. A new version imported through dispatch's admin API,
 * with a changed Open311 attribute and a new service item, shows in intake without a restart.
 */
describe('the catalog, from dispatch to intake', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch'] });
  const dispatcher = 'dev-dispatcher-key';
  const xml = new XMLParser({ isArray: (name) => ['attribute', 'value', 'service'].includes(name), parseTagValue: false });
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([ReferenceEvents.catalogPublished.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const open311 = async (path: string) => {
    const response = await fetch(`${stack.url('intake')}/open311/v2/${path}`);
    return { status: response.status, text: await response.text() };
  };
  const definitionOf = async (code: string) => JSON.parse((await open311(`services/${code}.json`)).text);
  const published = () =>
    reader
      .on(ReferenceEvents.catalogPublished.topic, CATALOG_KEY)
      .map((message) => decodeEvent(ReferenceEvents.catalogPublished, message).body);
  const intakeVersions = async () =>
    (await db.query('SELECT version FROM intake.catalog_versions ORDER BY version')).rows.map((row) => row.version);

  const photo = { url: 'https://media.example.cn/a.jpg', mediaType: 'image/jpeg', sizeBytes: 2048, name: 'scan.jpg' };
  const application = (materials: string[]) => ({
    type: 'service-application',
    channel: 'web-portal',
    description: '申请办理居住证',
    requester: { name: '王五', phone: '13700005678' },
    location: { regionCode: '430103' },
    serviceApplication: { serviceItemCode: '430100-000999-gg', materials: materials.map((name) => ({ name, file: photo })) },
  });

  /** The demonstration city with the noise service asking for a new required decibel reading, and a residence-permit item. */
  function version2(): any {
    const catalog = JSON.parse(JSON.stringify(demoCity));
    const noise = catalog.categories.find((category: any) => category.open311?.code === 'environment.noise');
    noise.open311.attributes = [
      ...noise.open311.attributes.map((attribute: any) =>
        attribute.code === 'SOURCE' ? { ...attribute, values: [...attribute.values, { key: 'industry', name: '工厂' }] } : attribute,
      ),
      { code: 'DECIBELS', datatype: 'number', required: true, description: '测得多少分贝？' },
    ];
    const [first] = catalog.serviceItems;
    catalog.serviceItems.push({
      ...first,
      code: '430100-000999-gg',
      names: { 'zh-Hans': '居住证办理', 'zh-Hant': '居住證辦理', en: 'Residence permit', fr: 'Permis de séjour', ja: '居住証の申請' },
      materials: [
        { code: 'id-card', names: first.materials[0].names },
        {
          code: 'residence-proof',
          names: { 'zh-Hans': '居住证明', 'zh-Hant': '居住證明', en: 'Proof of residence', fr: 'Justificatif de domicile', ja: '居住証明' },
        },
      ],
    });
    return catalog;
  }

  it('publishes the seeded demonstration city once, and intake serves it (its attributes from the catalog)', async () => {
    await waitFor('intake to store catalog version 1', async () => (await intakeVersions()).includes(1));
    await waitFor('the event of catalog version 1', () => published().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(published().map((event) => event.version)).toEqual([1]);
    expect(published()[0].open311Services.map((service) => service.code)).toContain('environment.noise');
    const { rows } = await db.query('SELECT version FROM dispatch.catalog_versions WHERE published_at IS NOT NULL');
    expect(rows).toEqual([{ version: 1 }]);
    const noise = await definitionOf('environment.noise');
    expect(noise.attributes.map((attribute: any) => attribute.code)).toEqual(['SOURCE', 'HOURS', 'SINCE']);
  });

  it('refuses a catalog whose Open311 data is wrong, naming the field', async () => {
    const broken = version2();
    broken.categories.find((category: any) => category.open311?.code === 'environment.noise').open311.attributes[0].datatype = 'list';
    const refused = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, { catalog: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: expect.stringMatching(/^catalog\.categories\[\d+\]\.open311\.attributes\[0\]\.datatype$/),
        reason: 'must be one of string, number, datetime, text, singlevaluelist, multivaluelist',
      },
    ]);
  });

  it('shows a new version imported through dispatch in intake: the changed attribute in JSON and XML, the new item', async () => {
    // Refused before the new version: intake does not know the item.
    const before = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, application(['居民身份证', '居住证明']), {
      'accept-language': 'en',
    });
    expect(before.status).toBe(400);
    expect(before.body.errors[0].field).toBe('serviceApplication.serviceItemCode');

    const imported = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, { catalog: version2() });
    expect(imported).toMatchObject({ status: 200, body: { stored: true, version: { version: 2 } } });
    // A later version, in force only from 2099: intake keeps it but serves version 2 today.
    const future = version2();
    future.categories.find((category: any) => category.open311?.code === 'environment.noise').open311.attributes.pop();
    const later = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, {
      catalog: future,
      effectiveFrom: '2099-01-01',
    });
    expect(later).toMatchObject({ status: 200, body: { stored: true, version: { version: 3 } } });

    // Versions 2 and 3 may reach intake in different fetches: wait until both are stored, so that serving version 2
    // afterwards shows that the stored version 3 is not in force.
    await waitFor('intake to store catalog versions 2 and 3', async () => (await intakeVersions()).length === 3);
    expect(await intakeVersions()).toEqual([1, 2, 3]);
    const noise = await waitFor('intake to serve catalog version 2', async () => {
      const definition = await definitionOf('environment.noise');
      return definition.attributes.some((attribute: any) => attribute.code === 'DECIBELS') ? definition : undefined;
    });
    await waitFor('the events of catalog versions 2 and 3', () => published().length >= 3);
    expect(published().map((event) => event.version)).toEqual([1, 2, 3]);
    expect(noise.attributes.find((attribute: any) => attribute.code === 'DECIBELS')).toEqual({
      variable: true,
      code: 'DECIBELS',
      datatype: 'number',
      required: true,
      datatype_description: null,
      order: 4,
      description: '测得多少分贝？',
    });
    expect(noise.attributes[0].values.map((value: any) => value.key)).toContain('industry');

    // Every replica loads stored versions within a second: once version 3 is surely loaded, version 2 still answers.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const asXml = await open311('services/environment.noise.xml');
    expect(asXml.status).toBe(200);
    const attributes = xml.parse(asXml.text).service_definition.attributes.attribute;
    expect(attributes.map((attribute: any) => attribute.code)).toEqual(['SOURCE', 'HOURS', 'SINCE', 'DECIBELS']);
    expect(attributes[3]).toMatchObject({ datatype: 'number', required: 'true', description: '测得多少分贝？' });

    // The new required attribute is asked for on a GeoReport POST.
    const form = new URLSearchParams({
      api_key: 'dev-open311-key',
      service_code: 'environment.noise',
      'attribute[SOURCE][]': 'industry',
      lat: '28.19',
      long: '112.97',
      description: '工厂夜间噪音',
      phone: '13700009876',
      first_name: '六',
      last_name: '赵',
    });
    const missing = await fetch(`${stack.url('intake')}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual([{ code: 400, description: expect.stringContaining('attribute[DECIBELS]') }]);
    form.set('attribute[DECIBELS]', '85');
    const filed = await fetch(`${stack.url('intake')}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(filed.status).toBe(201);

    // The new item: accepted with its materials, refused without one of them.
    const accepted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, application(['居民身份证', 'Proof of residence']));
    expect(accepted.status).toBe(201);
    const refused = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, application(['居民身份证']), { 'accept-language': 'en' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'serviceApplication.materials', reason: 'materials lack 居住证明, which service item 430100-000999-gg requires' },
    ]);
  });
});
