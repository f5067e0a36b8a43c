import { ConfigError, codeProblemOf } from '@ugov/platform';

/** Where a department's system takes webhooks for new work, and the secret they are signed with. */
export interface WebhookEndpoint {
  readonly url: string;
  readonly secret: string;
}

/** `code=value` entries, comma-separated; the value runs to the entry's end (a URL may hold `=`). */
function entriesOf(setting: string, value: string | undefined, problems: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const entry of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const code = at < 0 ? entry : entry.slice(0, at);
    const problem = codeProblemOf(`${setting} entry "${code}"`, code);
    if (problem) problems.push(problem);
    else if (at < 0) problems.push(`${setting} entry "${code}" must be ${code}=<value>`);
    else entries.set(code, entry.slice(at + 1));
  }
  return entries;
}

/** How departments integrate their own systems: over Kafka (their stream and command topic), or REST with signed webhooks. */
export class DepartmentIntegrationConfig {
  constructor(
    readonly kafkaDepartments: ReadonlySet<string>,
    readonly webhooks: ReadonlyMap<string, WebhookEndpoint> = new Map(),
  ) {}

  /**
   * `PROCESSING_KAFKA_DEPARTMENTS`: department codes, comma-separated. `PROCESSING_WEBHOOK_URLS`: `code=url`, and
   * `PROCESSING_WEBHOOK_SECRETS`: `code=secret` (at least 16 characters) for each of them. Empty (the default): none.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DepartmentIntegrationConfig {
    const problems: string[] = [];
    const codes = (env.PROCESSING_KAFKA_DEPARTMENTS ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    for (const code of codes) {
      const problem = codeProblemOf(`PROCESSING_KAFKA_DEPARTMENTS entry "${code}"`, code);
      if (problem) problems.push(problem);
    }
    const urls = entriesOf('PROCESSING_WEBHOOK_URLS', env.PROCESSING_WEBHOOK_URLS, problems);
    const secrets = entriesOf('PROCESSING_WEBHOOK_SECRETS', env.PROCESSING_WEBHOOK_SECRETS, problems);
    const webhooks = new Map<string, WebhookEndpoint>();
    for (const [code, url] of urls) {
      if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url))
        problems.push(`PROCESSING_WEBHOOK_URLS: the URL of ${code} must be http(s)://…`);
      const secret = secrets.get(code);
      if (!secret || secret.length < 16) problems.push(`PROCESSING_WEBHOOK_SECRETS: ${code} needs a secret of at least 16 characters`);
      else webhooks.set(code, { url, secret });
    }
    for (const code of secrets.keys())
      if (!urls.has(code)) problems.push(`PROCESSING_WEBHOOK_SECRETS: ${code} has no URL in PROCESSING_WEBHOOK_URLS`);
    if (problems.length > 0) throw new ConfigError(problems.join('; '));
    return new DepartmentIntegrationConfig(new Set(codes), webhooks);
  }
}
