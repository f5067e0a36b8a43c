import { deadLetterTopic } from '@ugov/contracts';

export interface ReplayArguments {
  /** The original topic; its dead letters are on `<topic>.dlq`. */
  readonly topic: string;
  readonly since?: Date;
}

export const USAGE = `usage: npm run dlq:replay -- --topic <topic> [--since <time>]
  --topic   the topic whose dead letters (on <topic>.dlq) go back to it, e.g. intake.case-submitted.v1
  --since   only dead letters from this time on: an ISO 8601 time, e.g. 2025-03-01T08:00:00Z
            (without a zone it is local time); without it, from the start of <topic>.dlq
Reads DATABASE_URL, KAFKA_BROKERS and KAFKA_TOPIC_PREFIX like the services do.`;

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,245}$/;
const DEAD_LETTER_SUFFIX = deadLetterTopic('');

/** `--name value` or `--name=value`; every problem is named, all at once. `help` when --help was asked for. */
export function parseReplayArguments(argv: readonly string[]): ReplayArguments | 'help' {
  const values = new Map<string, string>();
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--help' || argument === '-h') return 'help';
    const match = /^--(topic|since)(?:=(.*))?$/.exec(argument);
    if (!match) {
      problems.push(argument.startsWith('-') ? `unknown option ${argument}` : `unexpected argument "${argument}"`);
      continue;
    }
    const [, name, inline] = match;
    const value = inline ?? (argv[index + 1]?.startsWith('--') ? undefined : argv[++index]);
    if (value === undefined || value === '') problems.push(`--${name} needs a value`);
    else if (values.has(name)) problems.push(`--${name} is given twice`);
    else values.set(name, value);
  }

  const topic = values.get('topic');
  if (topic === undefined) {
    if (!problems.some((problem) => problem.startsWith('--topic'))) problems.push('--topic is required');
  } else if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
    problems.push(`--topic names the original topic, not its dead-letter topic: use ${topic.slice(0, -DEAD_LETTER_SUFFIX.length)}`);
  } else if (!TOPIC_NAME.test(topic)) {
    problems.push(`--topic "${topic}" is not a topic name (letters, digits, '.', '_' and '-')`);
  }

  const sinceText = values.get('since');
  let since: Date | undefined;
  if (sinceText !== undefined) {
    since = new Date(sinceText);
    if (!ISO_TIME.test(sinceText) || Number.isNaN(since.getTime())) {
      problems.push(`--since "${sinceText}" is not an ISO 8601 time such as 2025-03-01T08:00:00Z`);
    }
  }

  if (problems.length > 0) throw new ArgumentError(problems.join('\n'));
  return { topic: topic!, since };
}
