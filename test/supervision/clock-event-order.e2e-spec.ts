import { randomUUID } from 'node:crypto';
import { CaseType, Events, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

const DEPARTMENT = 'city-housing';

/**
 * Topics are not ordered with each other: a department's sign-off (processing's topic) may reach supervision before
 * the assignment it signs (dispatch's topic). The sign-off clock must still end stopped at the sign-off, as if the two
 * had come in the order they happened. Supervision runs as a process; the events are published as the services
 * publish them, with the times they happened.
 */
describe('SLA clocks whatever the order events arrive in', () => {
  const stack = new ServiceStack({ services: ['supervision'] });
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-clock-event-order');
  });

  afterAll(async () => {
    await bus?.close();
    await stack.stop();
  });

  const hopsOf = async (caseId: string): Promise<unknown[]> => {
    const response = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
    return response.status === 200 ? response.body.hops : [];
  };
  const clocksOf = async (caseId: string): Promise<{ hop: string; state: string }[]> => {
    const response = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/clocks`, KEYS.supervisor);
    return response.status === 200 ? response.body : [];
  };

  it('stops the sign-off clock at a sign-off that arrived before its assignment', async () => {
    const caseId = randomUUID();
    const assignmentId = randomUUID();
    const assignedAt = new Date(Date.now() - 60_000);
    const signedAt = new Date(Date.now() - 30_000);
    await bus.publish([
      encodeEvent(
        Events.assignmentSigned,
        caseId,
        { caseId, assignmentId, departmentCode: DEPARTMENT, signedAt: timestampFromDate(signedAt) },
        undefined,
        signedAt,
      ),
    ]);
    await waitFor('the sign-off on the timeline', async () => (await hopsOf(caseId)).length === 1 || undefined);
    expect(await clocksOf(caseId)).toEqual([]);

    await bus.publish([
      encodeEvent(
        Events.caseAssigned,
        caseId,
        {
          caseId,
          assignmentId,
          departmentCode: DEPARTMENT,
          categoryCode: 'urban.02.04',
          caseType: CaseType.COMPLAINT,
          trackingNumber: 'UG20261130000002',
          deadline: timestampFromDate(new Date(Date.now() + 86400_000)),
          assignedAt: timestampFromDate(assignedAt),
        },
        undefined,
        assignedAt,
      ),
    ]);
    const clocks = await waitFor('the clocks of the assignment', async () => {
      const found = await clocksOf(caseId);
      return found.length === 2 ? found : undefined;
    });
    expect(clocks.find((clock) => clock.hop === 'sign-off')).toMatchObject({ state: 'stopped' });
    expect(clocks.find((clock) => clock.hop === 'reply')).toMatchObject({ state: 'running' });
  });
});
