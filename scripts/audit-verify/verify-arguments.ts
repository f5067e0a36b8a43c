import type { Anchor } from '../../apps/supervision/src/domain/audit-chain';

export const USAGE = `usage: npm run audit:verify -- [--anchor <entry>:<sha256 hex>]...

Re-verifies supervision's audit chain from the rows in DATABASE_URL and names the first broken link.
  --anchor  a head published earlier (the "audit chain anchor" log line, or the head a verification printed);
            the entry must still have that hash. Repeatable.
Exit codes: 0 the chain is intact, 1 it is broken (or could not be read), 2 bad arguments or settings.`;

export class ArgumentError extends Error {}

const ANCHOR = /^([1-9]\d{0,15}):([0-9a-f]{64})$/i;

export function parseVerifyArguments(argv: readonly string[]): { anchors: Anchor[] } | 'help' {
  const anchors: Anchor[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--help' || argument === '-h') return 'help';
    if (argument !== '--anchor') throw new ArgumentError(`unknown argument ${JSON.stringify(argument)}`);
    const value = argv[++index];
    const match = value === undefined ? null : ANCHOR.exec(value);
    if (!match) throw new ArgumentError(`--anchor: expected <entry>:<64 hex digits>, got ${JSON.stringify(value ?? '')}`);
    anchors.push({ seq: Number(match[1]), entryHash: Buffer.from(match[2], 'hex') });
  }
  return { anchors };
}
