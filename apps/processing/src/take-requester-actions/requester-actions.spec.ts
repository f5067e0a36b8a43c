import { create } from '@bufbuild/protobuf';
import { CaseEvaluatedSchema, RedoRequestedSchema } from '@ugov/contracts';
import { redoOfRating, redoRequestOf } from './requester-actions';

const assignmentId = '6f1c2a4e-3b5d-4c7e-9f10-1a2b3c4d5e6f';
const actor = { subject: 'tracking:UG20261130000042', roles: ['requester'] };
const rating = (value: number, reRating = false, comment = '') =>
  create(CaseEvaluatedSchema, { caseId: 'c1', assignmentId, rating: value, reRating, comment, actor });

describe('the redo a requester causes', () => {
  it.each([
    [1, false, true],
    [2, false, true],
    [3, false, false],
    [5, false, false],
    [1, true, false],
    [2, true, false],
  ])('rating %i (re-rating %s) orders a redo: %s', (value, reRating, orders) => {
    expect(redoOfRating(rating(value, reRating)) !== null).toBe(orders);
  });

  it('gives the department the rating and the comment as the reason, and the requester as actor', () => {
    expect(redoOfRating(rating(1, false, '路灯仍然不亮'))).toEqual({
      kind: 'redo',
      assignmentId,
      reason: '差评（1/5）：路灯仍然不亮',
      actor: { subject: 'tracking:UG20261130000042', roles: ['requester'], departmentCode: '', keyId: '' },
    });
  });

  it('orders nothing for an assignment id that names no assignment', () => {
    expect(redoRequestOf(create(RedoRequestedSchema, { caseId: 'c1', assignmentId: 'not-an-id', reason: '重办' }))).toBeNull();
    expect(redoOfRating(create(CaseEvaluatedSchema, { caseId: 'c1', assignmentId: '', rating: 1 }))).toBeNull();
    expect(redoRequestOf(create(RedoRequestedSchema, { caseId: 'c1', assignmentId, reason: '重办' }))).toMatchObject({
      kind: 'redo',
      assignmentId,
    });
  });
});
