import type { ChannelName } from '@ugov/contracts';

/**
 * What a channel must carry beyond the case itself, named by the body field that carries it: the hotline's agent
 * and call, the SMS gateway's message id, the mail's message id, the kiosk, the proxy agent (代办员) acting for the
 * requester, the window's staff member, the Open311 service. Portal, app and WeChat carry nothing more.
 */
export const CHANNEL_DETAILS_FIELD: Readonly<Partial<Record<ChannelName, string>>> = {
  'hotline-12345': 'hotline',
  sms: 'sms',
  email: 'email',
  kiosk: 'kiosk',
  'proxy-agent': 'proxyAgent',
  'walk-in-window': 'window',
  open311: 'open311',
};

/** Why `field` (a channel's details) is wrong for `channel`: missing for its own channel, or sent for another one. */
export function channelDetailsProblemOf(field: string, value: unknown, channel: unknown): string | undefined {
  const owner = (Object.keys(CHANNEL_DETAILS_FIELD) as ChannelName[]).find((name) => CHANNEL_DETAILS_FIELD[name] === field);
  if (value === undefined || value === null) return channel === owner ? `${field} is required when channel is ${owner}` : undefined;
  if (channel !== owner) return `${field} is only for channel ${owner}`;
  return undefined;
}
