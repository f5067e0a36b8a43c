import { CHANNELS, type ChannelName } from '@ugov/contracts';
import { CHANNEL_DETAILS_FIELD, channelDetailsProblemOf } from './channel.rules';

describe("a channel's details", () => {
  it('are required for their own channel and refused for any other', () => {
    expect(channelDetailsProblemOf('hotline', undefined, 'hotline-12345')).toBe('hotline is required when channel is hotline-12345');
    expect(channelDetailsProblemOf('hotline', { agentId: 'a' }, 'hotline-12345')).toBeUndefined();
    expect(channelDetailsProblemOf('hotline', { agentId: 'a' }, 'sms')).toBe('hotline is only for channel hotline-12345');
    expect(channelDetailsProblemOf('hotline', undefined, 'sms')).toBeUndefined();
  });

  it('name a channel that exists, each field its own', () => {
    const channels = Object.keys(CHANNEL_DETAILS_FIELD) as ChannelName[];
    for (const channel of channels) expect(CHANNELS[channel]).toBeDefined();
    expect(new Set(Object.values(CHANNEL_DETAILS_FIELD)).size).toBe(channels.length);
  });
});
