import type { CaseTypeName } from '@ugov/contracts';

/** One question a GeoReport service asks (its service definition's attribute). */
export interface Open311Attribute {
  readonly code: string;
  readonly datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  readonly required: boolean;
  readonly description: string;
  readonly datatypeDescription?: string;
  readonly values?: readonly { readonly key: string; readonly name: string }[];
}

/** A GeoReport service: a category of the dispatch catalog, offered to Open311 clients. */
export interface Open311Service {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly group: string;
  readonly keywords: readonly string[];
  /** The ugov request type a request to this service becomes. */
  readonly caseType: CaseTypeName;
  readonly attributes: readonly Open311Attribute[];
}

const complaint = (code: string, name: string, group: string, keywords: string[], attributes: Open311Attribute[] = []): Open311Service => ({
  code,
  name,
  description: `${group}：${name}`,
  group,
  keywords,
  caseType: 'complaint',
  attributes,
});

/**
 * The services Open311 clients may file requests under: categories of the dispatch catalog
 * (apps/dispatch/catalog/demo-city.json), by the codes it keeps as aliases of its categories, so that the service
 * code is a category code dispatch routes by (open311-services.spec.ts checks it).
 */
export const OPEN311_SERVICES: readonly Open311Service[] = [
  complaint('urban.property-management', '物业管理', '城乡建设', ['物业', '业委会']),
  complaint(
    'urban.municipal-facilities',
    '城市公共设施',
    '城乡建设',
    ['路灯', '井盖', '道路'],
    [
      {
        code: 'FACILITY',
        datatype: 'singlevaluelist',
        required: true,
        description: '哪一种设施？',
        values: [
          { key: 'streetlight', name: '路灯' },
          { key: 'manhole', name: '井盖' },
          { key: 'road', name: '道路' },
          { key: 'drain', name: '排水' },
        ],
      },
      { code: 'POLE_NUMBER', datatype: 'string', required: false, description: '路灯杆号（如有）' },
    ],
  ),
  complaint('urban.sanitation', '园林绿化环卫', '城乡建设', ['垃圾', '绿化']),
  complaint('urban.housing-security', '住房保障与房地产', '城乡建设', ['保障房', '房产']),
  complaint(
    'environment.noise',
    '噪音污染',
    '环境保护',
    ['噪音', '扰民'],
    [
      {
        code: 'SOURCE',
        datatype: 'multivaluelist',
        required: true,
        description: '噪音来自哪里？（可多选）',
        values: [
          { key: 'construction', name: '施工' },
          { key: 'traffic', name: '交通' },
          { key: 'business', name: '商铺' },
          { key: 'neighbour', name: '邻里' },
        ],
      },
      { code: 'HOURS', datatype: 'number', required: false, description: '已持续多少小时？' },
      {
        code: 'SINCE',
        datatype: 'datetime',
        required: false,
        description: '从何时开始？',
        datatypeDescription: 'ISO 8601, with a time zone',
      },
    ],
  ),
  complaint('environment.pollution', '水气污染', '环境保护', ['污水', '废气']),
  complaint('transport.public-transit', '公交地铁', '交通运输', ['公交', '地铁']),
  complaint('transport.taxi', '出租车管理', '交通运输', ['出租车', '拒载']),
  complaint('education.enrollment', '入学招生', '教育文体', ['入学', '学位']),
  complaint('education.teachers-and-fees', '教师与收费', '教育文体', ['收费', '教师']),
  complaint('labor.wages', '工资福利', '劳动和社会保障', ['欠薪', '工资']),
  complaint('labor.social-insurance', '社会保险', '劳动和社会保障', ['社保', '医保']),
  complaint('commerce.market-regulation', '市场监管', '商贸旅游', ['价格', '假货']),
  complaint('commerce.tourism', '旅游管理', '商贸旅游', ['景区', '导游']),
  complaint('health.medical-services', '医政监管', '卫生计生', ['医院', '医疗']),
  complaint('health.food-and-drugs', '食品药品监管', '卫生计生', ['食品', '药品']),
];

export const open311ServiceOf = (code: string): Open311Service | undefined => OPEN311_SERVICES.find((service) => service.code === code);
