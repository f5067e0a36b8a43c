/** The command line of `npm run keys`, read into one command; a mistake throws with the usage. */
export type KeysCommand =
  | { readonly command: 'register'; readonly integrator: string }
  | { readonly command: 'list' }
  | {
      readonly command: 'issue';
      readonly integrator: string;
      readonly channels: string[];
      readonly operations?: string[];
      readonly rateLimitPerMinute?: number;
    }
  | { readonly command: 'rotate'; readonly keyId: string; readonly overlapSeconds?: number }
  | { readonly command: 'revoke'; readonly keyId: string };

export const KEYS_USAGE = `usage: npm run keys -- <command>
  register <integrator>                                   register an integrator (a name like web-portal)
  issue <integrator> --channels web-portal,mobile-app     issue a key; prints its secret once
        [--operations submit-case,read-case] [--rate 600]
  rotate <key id> [--overlap <seconds>]                   a new key; the old one works for the overlap (default 86400)
  revoke <key id>                                         the key stops working at once
  list                                                    integrators and their keys (never secrets)`;

export function parseKeysArguments(args: readonly string[]): KeysCommand {
  const [command, subject, ...rest] = args;
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith('--') || rest[i + 1] === undefined) throw new Error(`unexpected "${rest[i]}"\n${KEYS_USAGE}`);
    options.set(rest[i].slice(2), rest[i + 1]);
  }
  const list = (name: string) =>
    options
      .get(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const integer = (name: string) => {
    const value = options.get(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
  const allow = (...names: string[]) => {
    const unknown = [...options.keys()].find((name) => !names.includes(name));
    if (unknown) throw new Error(`${command} takes no --${unknown}\n${KEYS_USAGE}`);
  };
  const required = (what: string) => {
    if (!subject) throw new Error(`${command} needs the ${what}\n${KEYS_USAGE}`);
    return subject;
  };
  switch (command) {
    case 'register':
      allow();
      return { command, integrator: required('integrator name') };
    case 'list':
      allow();
      if (subject) throw new Error(`list takes nothing more\n${KEYS_USAGE}`);
      return { command };
    case 'issue': {
      allow('channels', 'operations', 'rate');
      const channels = list('channels');
      if (!channels?.length) throw new Error(`issue needs --channels\n${KEYS_USAGE}`);
      return {
        command,
        integrator: required('integrator name'),
        channels,
        operations: list('operations'),
        rateLimitPerMinute: integer('rate'),
      };
    }
    case 'rotate':
      allow('overlap');
      return { command, keyId: required('key id'), overlapSeconds: integer('overlap') };
    case 'revoke':
      allow();
      return { command, keyId: required('key id') };
    default:
      throw new Error(KEYS_USAGE);
  }
}
