import { DomainError } from '@ugov/domain';
import { replyToAssignment, signAssignment, type AssignmentState } from './assignment-workflow';

const assigned: AssignmentState = { id: 'a1', status: 'assigned', signedAt: null, repliedAt: null };
const now = new Date('2026-11-22T10:00:00Z');
const reply = { text: '已派人维修', outcome: 'resolved' as const };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('assignment workflow', () => {
  it('goes assigned → signed → replied', () => {
    const signed = signAssignment(assigned, now);
    expect(signed).toMatchObject({ status: 'signed', signedAt: now });
    expect(replyToAssignment(signed, reply, now)).toMatchObject({ status: 'replied', repliedAt: now });
  });

  it('refuses to sign twice, to reply before signing, and to reply twice', () => {
    const signed = signAssignment(assigned, now);
    expect(codeOf(() => signAssignment(signed, now))).toBe('assignment-already-signed');
    expect(codeOf(() => replyToAssignment(assigned, reply, now))).toBe('assignment-not-signed');
    expect(codeOf(() => replyToAssignment(replyToAssignment(signed, reply, now), reply, now))).toBe('assignment-already-replied');
  });

  it('requires a reason when the matter cannot be resolved', () => {
    const signed = signAssignment(assigned, now);
    expect(codeOf(() => replyToAssignment(signed, { text: '无法处理', outcome: 'not-resolvable' }, now))).toBe('reason-required');
    expect(replyToAssignment(signed, { text: '无法处理', outcome: 'not-resolvable', reason: '不属于本市管辖' }, now).status).toBe(
      'replied',
    );
  });
});
