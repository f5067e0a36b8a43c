/**
 * The languages errors are told in, and the catalog that tells them. Every reason and detail is written in English
 * where it arises (class-validator messages, the shared field rules, domain errors); at the edge, a caller who reads
 * Chinese gets each one through its template below. zh-Hans is the default (mission: the platform's own language);
 * `Accept-Language: en` gets English. A message no template matches goes out as written, in English.
 */
export type Language = 'zh-Hans' | 'en';

export const DEFAULT_LANGUAGE: Language = 'zh-Hans';

/** The language the caller prefers among ours, by Accept-Language (RFC 9110 §12.5.4: quality values, `*`). */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  let best: { language: Language; quality: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag, ...parameters] = range.trim().toLowerCase().split(';');
    const qualityParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
    if (!(quality > 0)) continue;
    const language: Language | undefined =
      tag === 'en' || tag.startsWith('en-') ? 'en' : tag === 'zh' || tag.startsWith('zh-') || tag === '*' ? 'zh-Hans' : undefined;
    if (language && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

export const CHINESE_TITLES: Readonly<Record<number, string>> = {
  400: '请求有误',
  401: '未通过身份验证',
  403: '无权执行此操作',
  404: '未找到',
  405: '不允许的方法',
  408: '请求超时',
  409: '与当前状态冲突',
  413: '请求体过大',
  415: '不支持的媒体类型或字符集',
  422: '无法处理的请求',
  429: '请求过于频繁',
  431: '请求头过大',
  500: '服务内部错误',
  503: '服务暂不可用',
};

/** The title of a problem with `status`, in `language` (the English one is HttpStatus's name, as problemOf gives it). */
export function localizedTitle(status: number, englishTitle: string, language: Language): string {
  return language === 'en' ? englishTitle : (CHINESE_TITLES[status] ?? englishTitle);
}

/**
 * English templates and their Chinese. `{name}` stands for a part copied over as it is (a field path, a number, a
 * list of values); the most specific template is listed before a more general one that would also match.
 */
export const CHINESE_TEMPLATES: readonly (readonly [english: string, chinese: string])[] = [
  // The shared field rules (libs/platform/src/validation/field.rules.ts).
  ['{field} is required', '{field} 为必填项'],
  ['{field} must be a string', '{field} 必须是字符串'],
  ['{field} must be at most {max} characters long', '{field} 最多 {max} 个字符'],
  [
    '{field} must be well-formed Unicode, but holds an unpaired surrogate {code}',
    '{field} 必须是合法的 Unicode 文本，其中有不成对的代理项 {code}',
  ],
  [
    '{field} must not contain the control character {code} (tabs and line breaks are fine)',
    '{field} 不得包含控制字符 {code}（制表符和换行可以）',
  ],
  [
    '{field} must not contain the control character {code} (it is a single line of text)',
    '{field} 不得包含控制字符 {code}（此项为单行文本）',
  ],
  ['{field} must not be empty or only whitespace', '{field} 不能为空，也不能只有空白'],
  [
    '{field} must be a code of lower-case letters, digits, dots and dashes, at most 64 characters',
    '{field} 必须是由小写字母、数字、点和连字符组成的代码，最多 64 个字符',
  ],
  ['{field} must be a UUID', '{field} 必须是 UUID'],
  ['{field}.{index} must be an object', '{field} 的第 {index} 项必须是对象'],
  // class-validator's own messages.
  ['property {field} should not exist', '不接受字段 {field}'],
  ['nested property {field} must be either object or array', '{field} 必须是对象或数组'],
  ['{field} must be one of the following values: {values}', '{field} 必须是以下值之一：{values}'],
  ['{field} must be one of {values}', '{field} 必须是以下值之一：{values}'],
  ['{field} must be an object', '{field} 必须是对象'],
  ['{field} must be an array', '{field} 必须是数组'],
  ['{field} must be a number conforming to the specified constraints', '{field} 必须是数字'],
  ['{field} must be a latitude string or number', '{field} 必须是 -90 到 90 之间的纬度'],
  ['{field} must be a longitude string or number', '{field} 必须是 -180 到 180 之间的经度'],
  ['{field} should not be null or undefined', '{field} 为必填项'],
  // Intake's rules.
  ['{field} must be true or false', '{field} 必须是 true 或 false'],
  ['{field} is required when channel is {channel}', '渠道为 {channel} 时必须填写 {field}'],
  ['{field} is only for channel {channel}', '{field} 只用于渠道 {channel}'],
  ['{field} is required when {other} is given', '填写了 {other} 时必须填写 {field}'],
  ['{field} is required for {what}', '{field} 为必填项'],
  ['{field} must hold at most {count} {things}', '{field} 最多 {count} 项'],
  ['{field} must hold at least one {thing}', '{field} 至少要有一项'],
  ['{field} must name at least one person', '{field} 至少要有一人'],
  ['{field} {code} is not a service item of the catalog', '{field} {code} 不是目录中的政务服务事项'],
  ['{field} lack {material}, which service item {code} requires', '{field} 缺少事项 {code} 所需的材料：{material}'],
  ['{field} {name} is not a material of service item {code}', '{field} {name} 不是事项 {code} 所需的材料'],
  ['{field} must be at most {max} bytes for {mediaType}', '{mediaType} 文件的 {field} 最大为 {max} 字节'],
  ['{field} must be a whole number of bytes, at least 1', '{field} 必须是不小于 1 的整数字节数'],
  ['{field} must be an https URL of at most 2000 characters, without spaces', '{field} 必须是不含空格、最多 2000 个字符的 https 地址'],
  ['{field} must be 6 to 20 digits, optionally with +, spaces or dashes', '{field} 必须是 6 到 20 位数字，可带 +、空格或连字符'],
  ['{field} must be a 6-digit GB/T 2260 code or a 9-digit street code', '{field} 必须是 6 位 GB/T 2260 行政区划代码或 9 位街道代码'],
  ['location needs a regionCode, lat and long, or an address', '位置须给出 regionCode、lat 和 long，或 address 之一'],
  [
    '{field} must be a service item code of letters, digits, dots and dashes, at most 64 characters',
    '{field} 必须是由字母、数字、点和连字符组成的事项编码，最多 64 个字符',
  ],
  ['{field} must be a list of 1 to 20 texts of at most 500 characters', '{field} 必须是 1 到 20 个文本，每个最多 500 个字符'],
  ['{field} must be an http(s) URL of at most 2000 characters, without spaces', '{field} 必须是不含空格、最多 2000 个字符的 http(s) 地址'],
  ['{field} must be an e-mail address of at most {max} characters', '{field} 必须是最多 {max} 个字符的电子邮件地址'],
  ['{field} must be 1 to {max} visible ASCII characters', '{field} 必须是 1 到 {max} 个可见 ASCII 字符'],
  ['Idempotency-Key must be 1 to 200 visible ASCII characters', 'Idempotency-Key 必须是 1 到 200 个可见 ASCII 字符'],
  ['this Idempotency-Key was already used with a different request body', '此 Idempotency-Key 已用于另一个不同的请求体'],
  // GeoReport v2 (intake's /open311/v2).
  ['api_key is required', '缺少 api_key'],
  ['api_key is not a key of an integrator', 'api_key 不是接入方的密钥'],
  ['send .json or .xml', '请使用 .json 或 .xml'],
  ['service_code {code} is not a service of this endpoint', '本接口没有服务 {code}'],
  ['service request {id} not found', '未找到服务请求 {id}'],
  ['token {token} not found', '未找到令牌 {token}'],
  ['a location is required: lat and long, or address_string', '须提供位置：lat 和 long，或 address_string'],
  ['address_id is not supported here: send lat and long, or address_string', '不支持 address_id，请提供 lat 和 long，或 address_string'],
  ['{field} is required by service {code}', '服务 {code} 要求填写 {field}'],
  ['service {code} has no attribute {attribute}', '服务 {code} 没有属性 {attribute}'],
  ['{field} must be at most {max} characters', '{field} 最多 {max} 个字符'],
  ['{field} takes one value', '{field} 只能有一个值'],
  ['{field} must be a number', '{field} 必须是数字'],
  ['{field} must be an ISO 8601 date-time with a time zone', '{field} 必须是带时区的 ISO 8601 日期时间'],
  ['{field} must be an ISO 8601 date-time with a time zone, such as {example}', '{field} 必须是带时区的 ISO 8601 日期时间，例如 {example}'],
  ['end_date must not be before start_date', 'end_date 不得早于 start_date'],
  ['start_date and end_date may not span more than {days} days', 'start_date 与 end_date 相隔不得超过 {days} 天'],
  ['{field} lists at most {count} values', '{field} 最多列出 {count} 个值'],
  ['status must be open, closed or both', 'status 只能是 open、closed 或两者'],
  // Problem details.
  ['invalid field(s): {fields}', '以下字段有误：{fields}'],
  ['the body is not valid UTF-8', '请求体不是合法的 UTF-8'],
  [
    'the body is not valid {charset}: it holds bytes that are no character in that charset (after "{text}")',
    '请求体不是合法的 {charset}：其中有该字符集中不存在的字节（位于“{text}”之后）',
  ],
  ['charset {charset} is not accepted: send {charsets}', '不接受字符集 {charset}，请使用：{charsets}'],
  ['media type {type} is not accepted: send {what}', '不接受媒体类型 {type}，请发送 {what}'],
  ['the body is empty: send a JSON object', '请求体为空，请发送 JSON 对象'],
  ['the body is not valid JSON: {reason}', '请求体不是合法的 JSON：{reason}'],
  ['the form holds a % that is not followed by two hex digits', '表单中的 % 后面不是两位十六进制数字'],
  ['the form holds more than {count} fields', '表单字段超过 {count} 个'],
  ['the body must be a JSON object', '请求体必须是 JSON 对象'],
  ['the body nests deeper than {depth} levels', '请求体嵌套超过 {depth} 层'],
  ['the body must not hold the key {key}', '请求体不得包含键 {key}'],
  // Identity and access (libs/platform/src/auth, intake's keys and requester tracking).
  ['send a credential as "Authorization: Bearer <API key or token>"', '请以 “Authorization: Bearer <API 密钥或令牌>” 发送凭据'],
  ['the API key is not known', 'API 密钥无效'],
  ['this operation is for {roles}, not for {role}', '此操作仅限 {roles}，不适用于 {role}'],
  ['this key may not use the operation "{operation}"', '此密钥不能使用操作“{operation}”'],
  ['this key may submit for channel {channels}, not for "{channel}"', '此密钥只能提交渠道 {channels} 的案件，不能提交“{channel}”'],
  ['key {key} is over its limit of {count} requests a minute', '密钥 {key} 已超过每分钟 {count} 次请求的限额'],
  ['the token has expired', '令牌已过期'],
  ['the token is not a valid JWT', '令牌不是合法的 JWT'],
  ['the token is not signed by a key of the trusted identity provider', '令牌不是由受信任的身份提供方签发的'],
  ["the token's signing algorithm is not accepted", '不接受该令牌的签名算法'],
  ['the token grants no ugov role in its "{claim}" claim', '令牌的“{claim}”声明中没有 ugov 角色'],
  ['send "Authorization: Tracking <tracking number>:<verification code>"', '请以 “Authorization: Tracking <受理编号>:<验证码>” 发送凭据'],
  ['the tracking number and verification code do not match a request', '受理编号与验证码不匹配任何诉求'],
  // The requester's self-service (apps/intake/src/domain/requester-self-service.ts).
  ['the request has been withdrawn', '该诉求已撤回'],
  ['the request has been replied to: it can no longer be withdrawn', '该诉求已答复，不能再撤回'],
  ['the request has been replied to: ask for a redo to add information', '该诉求已答复；如需补充信息，请申请重办'],
  ['the request has not been replied to yet', '该诉求尚未答复'],
  ['the latest reply has already been evaluated', '最新答复已评价过'],
  ['the one re-rating allowed after a redo has been used', '重办后仅有的一次重新评价已用过'],
  ['a redo of the latest reply has already been asked for', '已对最新答复申请过重办'],
  ['the requester may ask for a redo at most {count} time(s) per request', '每件诉求最多可申请重办 {count} 次'],
  ['rating must be a whole number from 1 (非常不满意) to 5 (非常满意)', 'rating 必须是 1（非常不满意）到 5（非常满意）之间的整数'],
  ['too many failed attempts; retry later', '失败次数过多，请稍后重试'],
  ['idNumber must be an 18-character resident ID number with a valid check character', 'idNumber 必须是校验位正确的 18 位居民身份证号码'],
  ['{field} must be a time in ISO 8601 with a time zone, such as {example}', '{field} 必须是带时区的 ISO 8601 时间，例如 {example}'],
  ['case {id} not found', '未找到案件 {id}'],
  ['assignment {id} not found', '未找到派单 {id}'],
  ['service guide {code} not found', '未找到办事指南 {code}'],
  ['the service is shutting down; retry shortly', '服务正在停止，请稍后重试'],
  ['the service is overloaded; retry shortly', '服务繁忙，请稍后重试'],
  ['the service cannot reach its database right now; retry shortly', '服务暂时无法连接数据库，请稍后重试'],
  ['internal error', '内部错误'],
];

/** An English template as a pattern that matches the messages it stands for, and the names of its parts in order. */
export interface CompiledTemplate {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compiledTemplate(english: string): CompiledTemplate {
  const names: string[] = [];
  const source = english
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      names.push(name);
      // A field path is one word, an index a number; other parts (lists, reasons, quoted text) may hold spaces.
      return name === 'index' ? '(\\d+)' : name === 'field' ? '([^\\s]+?)' : '(.+?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`, 's'), names };
}

/** `template` filled with the parts that `match` (of its compiled English) found. */
export function filledTemplate(template: string, compiled: CompiledTemplate, match: RegExpExecArray): string {
  const parts = Object.fromEntries(compiled.names.map((name, index) => [name, match[index + 1]]));
  return template.replace(/\{(\w+)\}/g, (_, name: string) => parts[name] ?? '');
}

const COMPILED: readonly (CompiledTemplate & { readonly chinese: string })[] = CHINESE_TEMPLATES.map(([english, chinese]) => ({
  ...compiledTemplate(english),
  chinese,
}));

/** `message` told in `language`: English as written; Chinese through the first template that matches it, else as written. */
export function localizedMessage(message: string, language: Language): string {
  if (language === 'en') return message;
  for (const template of COMPILED) {
    const match = template.pattern.exec(message);
    if (match) return filledTemplate(template.chinese, template, match);
  }
  return message;
}

/** Whether the catalog tells `message` in Chinese (for specs: every message a rule can give must be in it). */
export function isInCatalog(message: string): boolean {
  return COMPILED.some((template) => template.pattern.test(message));
}
