import { create } from '@bufbuild/protobuf';
import { AssignmentSignedSchema, CaseSubmittedSchema, CaseType, Channel, Events, timestampFromDate } from '@ugov/contracts';
import { actorDetailsOf, timelineDetailsOf } from './timeline-details';

describe('timeline details', () => {
  it('names the actor of a hop: subject, roles, the department acted for, the key used', () => {
    const signed = create(AssignmentSignedSchema, {
      caseId: 'c1',
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      signedAt: timestampFromDate(new Date()),
      actor: { subject: 'city-housing-system', roles: ['department-system'], departmentCode: 'city-housing' },
    });
    expect(timelineDetailsOf(Events.assignmentSigned.type, signed)).toEqual({
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      actorSubject: 'city-housing-system',
      actorRoles: 'department-system',
      actorDepartment: 'city-housing',
    });
    const submitted = create(CaseSubmittedSchema, {
      caseId: 'c1',
      trackingNumber: 'UG1',
      type: CaseType.COMPLAINT,
      channel: Channel.KIOSK,
      actor: { subject: 'kiosk-vendor', roles: ['integrator'], keyId: 'k1' },
    });
    expect(timelineDetailsOf(Events.caseSubmitted.type, submitted)).toMatchObject({
      actorSubject: 'kiosk-vendor',
      actorRoles: 'integrator',
      actorKeyId: 'k1',
    });
  });

  it('adds nothing for an event without an actor (one a service emits on its own)', () => {
    expect(actorDetailsOf(undefined)).toEqual({});
  });
});
