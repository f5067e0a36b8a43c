import { fromBinary } from '@bufbuild/protobuf';
import type { Client } from 'pg';
import { allEventParkedNotices, allEvents, Events, type EventDefinition } from '@ugov/contracts';
import type { TopicReader } from '@ugov/testing';

/** An event as a service wrote it: still in its outbox, or already on Kafka. */
interface SeenEvent {
  readonly topic: string;
  readonly id: string;
  readonly subject: string;
  readonly body: any;
}

const definitionOf = new Map<string, EventDefinition>(
  [...allEvents, ...allEventParkedNotices].map((definition) => [definition.topic, definition]),
);
const workflowTopics = new Set(allEvents.map((definition) => definition.topic));

function seen(topic: string, id: string, subject: string, value: Uint8Array): SeenEvent {
  return { topic, id, subject, body: fromBinary(definitionOf.get(topic)!.schema, value) };
}

/**
 * Every event in an outbox or on Kafka (Kafka is read first: an event seen there was committed, with its rows,
 * before the tables are read), and those that went nowhere: dead-lettered, or parked as too large for the broker.
 */
async function everyEvent(db: Client, reader: TopicReader): Promise<{ events: SeenEvent[]; stuck: string[] }> {
  const onKafka = [...reader.messages];
  const stuck: string[] = [];
  const schemas = [...new Set(allEvents.map((definition) => definition.service))];
  const outboxes = [];
  for (const schema of schemas) {
    outboxes.push(
      await db.query(`SELECT topic, headers->>'ce_id' AS id, headers->>'ce_subject' AS subject, payload FROM "${schema}".outbox`),
    );
  }
  const events = [
    ...onKafka
      .filter((message) => definitionOf.has(message.topic))
      .map((message) => seen(message.topic, message.headers.ce_id, message.headers.ce_subject, message.value ?? new Uint8Array())),
    ...outboxes.flatMap((result) => result.rows.map((row) => seen(row.topic, row.id, row.subject, row.payload))),
  ];
  // Input limits are set so that every valid request's events fit the broker: none may have been parked as too large.
  const parked = await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_parked'`);
  for (const { table_schema: schema } of parked.rows) {
    const { rows } = await db.query(`SELECT topic, headers->>'ce_id' AS id, reason FROM "${schema}".outbox_parked`);
    stuck.push(...rows.map((row) => `${schema} parked event ${row.id} on ${row.topic}: ${row.reason}`));
  }
  for (const message of onKafka.filter((candidate) => candidate.topic.endsWith('.dlq')))
    stuck.push(
      `${message.headers.dlq_consumer_group} dead-lettered ${message.topic} ${message.headers.ce_id}: ${message.headers.dlq_error}`,
    );
  return { events, stuck };
}

/** Distinct event ids per key (a relay may publish an event twice; it is still one event). */
function eventIdsBy(
  events: readonly SeenEvent[],
  definition: EventDefinition,
  keyOf: (event: SeenEvent) => string,
): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const event of events.filter((candidate) => candidate.topic === definition.topic)) {
    const key = keyOf(event);
    ids.set(key, (ids.get(key) ?? new Set()).add(event.id));
  }
  return ids;
}

const countOf = (ids: Map<string, Set<string>>, key: string | null) => (key === null ? 0 : (ids.get(key)?.size ?? 0));

/**
 * What must hold between each service's tables and the events it wrote, once the system is quiet:
 * every row has its event, exactly once, and no event tells of a row that does not exist.
 */
export async function invariantViolations(db: Client, reader: TopicReader): Promise<string[]> {
  const { events, stuck } = await everyEvent(db, reader);
  const problems: string[] = [...stuck];
  const rows = async (sql: string) => (await db.query(sql)).rows;

  // intake: a case and its case-submitted event commit together.
  const cases = await rows('SELECT id FROM intake.cases');
  const caseIds = new Set(cases.map((row) => row.id as string));
  const submitted = eventIdsBy(events, Events.caseSubmitted, (event) => event.subject);
  for (const { id } of cases)
    if (countOf(submitted, id) !== 1) problems.push(`intake case ${id} has ${countOf(submitted, id)} case-submitted events`);
  for (const caseId of submitted.keys())
    if (!caseIds.has(caseId)) problems.push(`case-submitted event of ${caseId}, which intake does not hold`);

  // dispatch: one decision per submitted case, and its assigned or triaged event (both, once a dispatcher routed it).
  const decisions = await rows('SELECT case_id, outcome, assignment_id, routing_basis FROM dispatch.decisions');
  const decided = new Set(decisions.map((row) => row.case_id as string));
  const assigned = eventIdsBy(events, Events.caseAssigned, (event) => event.body.assignmentId);
  const triaged = eventIdsBy(events, Events.caseTriaged, (event) => event.subject);
  for (const decision of decisions) {
    // A case a dispatcher routed from the triage queue was triaged first, then assigned.
    const expected = decision.outcome === 'triage' ? [0, 1] : decision.routing_basis === 'dispatcher' ? [1, 1] : [1, 0];
    const found = [countOf(assigned, decision.assignment_id), countOf(triaged, decision.case_id)];
    if (found.join() !== expected.join())
      problems.push(
        `dispatch decision ${decision.outcome} of ${decision.case_id} has ${found[0]} case-assigned and ${found[1]} case-triaged events`,
      );
    if (!submitted.has(decision.case_id)) problems.push(`dispatch decided case ${decision.case_id}, which was never submitted`);
  }
  // A repeat linked to its requester's open case (并单), or a consultation answered at once (即办), has no decision but
  // its case-merged or case-answered event.
  const undispatched = new Set<string>();
  for (const [definition, sql] of [
    [Events.caseMerged, 'SELECT case_id FROM dispatch.case_files WHERE merged_into IS NOT NULL'],
    [Events.caseAnswered, 'SELECT case_id FROM dispatch.instant_answers'],
  ] as const) {
    const told = eventIdsBy(events, definition, (event) => event.subject);
    for (const { case_id: caseId } of await rows(sql)) {
      undispatched.add(caseId);
      if (countOf(told, caseId) !== 1) problems.push(`dispatch case ${caseId} has ${countOf(told, caseId)} ${definition.type} events`);
      if (decided.has(caseId)) problems.push(`dispatch case ${caseId} was both decided and closed without a department`);
    }
    for (const caseId of told.keys())
      if (!undispatched.has(caseId)) problems.push(`${definition.type} event of ${caseId}, which dispatch does not hold`);
  }
  for (const caseId of submitted.keys())
    if (!decided.has(caseId) && !undispatched.has(caseId)) problems.push(`dispatch has no decision for submitted case ${caseId}`);
  // A case handled by several departments (lead + co-handlers, several leads, a copy to the district) has one
  // assignment row and one case-assigned event per department; the decision names the (first) lead's.
  const dispatchAssignments = await rows('SELECT assignment_id FROM dispatch.assignments');
  for (const { assignment_id: assignmentId } of dispatchAssignments)
    if (countOf(assigned, assignmentId) !== 1)
      problems.push(`dispatch assignment ${assignmentId} has ${countOf(assigned, assignmentId)} case-assigned events`);
  const decidedAssignments = new Set(dispatchAssignments.map((row) => row.assignment_id as string));
  for (const assignmentId of assigned.keys())
    if (!decidedAssignments.has(assignmentId))
      problems.push(`case-assigned event of assignment ${assignmentId}, which dispatch does not hold`);
  for (const caseId of triaged.keys())
    if (!decided.has(caseId)) problems.push(`case-triaged event of case ${caseId}, which dispatch does not hold`);

  // processing: an assignment per case-assigned event; each status change with its event, and only then.
  const assignments = await rows(
    'SELECT id, status, signed_at, replied_at, reply_text, outcome, outcome_reason, lead_assignment_id FROM processing.assignments',
  );
  const held = new Map(assignments.map((row) => [row.id as string, row]));
  const signed = eventIdsBy(events, Events.assignmentSigned, (event) => event.body.assignmentId);
  const replied = eventIdsBy(events, Events.caseReplied, (event) => event.body.assignmentId);
  // Signed once if ever signed; replied at least once if replied now (a redo brings another reply), never before sign-off.
  const neverReplied = new Set(['assigned', 'returned', 'signed']);
  for (const assignment of assignments) {
    const [signedEvents, repliedEvents] = [countOf(signed, assignment.id), countOf(replied, assignment.id)];
    const consistent =
      signedEvents === (assignment.signed_at === null ? 0 : 1) &&
      (assignment.status === 'replied' ? repliedEvents >= 1 : neverReplied.has(assignment.status) ? repliedEvents === 0 : true);
    if (!consistent)
      problems.push(
        `processing assignment ${assignment.id} is ${assignment.status} with ${signedEvents},${repliedEvents} signed,replied events`,
      );
    const complete =
      // A withdrawn one (撤回 by the requester) may have stopped before sign-off.
      ['assigned', 'returned', 'released', 'withdrawn'].includes(assignment.status) ||
      (assignment.signed_at !== null &&
        (assignment.status !== 'replied' ||
          (assignment.replied_at !== null &&
            assignment.reply_text?.trim() &&
            assignment.outcome !== null &&
            (assignment.outcome !== 'not-resolvable' || assignment.outcome_reason?.trim()))));
    if (!complete) problems.push(`processing assignment ${assignment.id} is ${assignment.status} but its row is incomplete`);
    // A co-handler's assignment is processing's own, made when dispatch adds the co-handler.
    if (!assigned.has(assignment.id) && assignment.lead_assignment_id === null)
      problems.push(`processing holds assignment ${assignment.id}, of which no case-assigned event tells`);
  }
  for (const assignmentId of assigned.keys()) if (!held.has(assignmentId)) problems.push(`processing has no assignment ${assignmentId}`);
  for (const [kind, ids] of [
    ['assignment-signed', signed],
    ['case-replied', replied],
  ] as const) {
    for (const assignmentId of ids.keys())
      if (!held.has(assignmentId)) problems.push(`${kind} event of assignment ${assignmentId}, which processing does not hold`);
  }

  // publication: one delivery per reply, with its reply-delivered event.
  const deliveries = await rows('SELECT id, assignment_id FROM publication.deliveries');
  const delivered = eventIdsBy(events, Events.replyDelivered, (event) => event.body.deliveryId);
  const deliveriesOf = new Map<string, number>();
  for (const delivery of deliveries) {
    deliveriesOf.set(delivery.assignment_id, (deliveriesOf.get(delivery.assignment_id) ?? 0) + 1);
    if (countOf(delivered, delivery.id) !== 1)
      problems.push(`publication delivery ${delivery.id} has ${countOf(delivered, delivery.id)} reply-delivered events`);
    if (!replied.has(delivery.assignment_id))
      problems.push(`publication delivered a reply to ${delivery.assignment_id}, of which no case-replied event tells`);
  }
  const deliveryIds = new Set(deliveries.map((row) => row.id as string));
  for (const deliveryId of delivered.keys())
    if (!deliveryIds.has(deliveryId)) problems.push(`reply-delivered event of delivery ${deliveryId}, which publication does not hold`);
  for (const assignmentId of replied.keys())
    if (deliveriesOf.get(assignmentId) !== 1)
      problems.push(`the reply to ${assignmentId} was delivered ${deliveriesOf.get(assignmentId) ?? 0} times`);

  // publication: one reply-reviewed event per decided review; a reply published only with its approval as public.
  const reviews = await rows(`SELECT r.id, r.review_status, r.visibility, p.id AS published_id
    FROM publication.reply_reviews r LEFT JOIN publication.published_replies p ON p.id = r.id`);
  const reviewed = eventIdsBy(events, Events.replyReviewed, (event) => event.body.reviewId);
  for (const review of reviews) {
    const expected = review.review_status === 'awaiting-review' ? 0 : 1;
    if (countOf(reviewed, review.id) !== expected)
      problems.push(`publication review ${review.id} is ${review.review_status} with ${countOf(reviewed, review.id)} reply-reviewed events`);
    if (review.published_id !== null && (review.review_status !== 'approved' || review.visibility !== 'public'))
      problems.push(`publication published reply ${review.id}, which is ${review.review_status} and ${review.visibility}`);
  }

  // supervision: a timeline entry for every event of every service, and none for an event that does not exist.
  const entries = await rows('SELECT event_id FROM supervision.timeline_entries');
  const recorded = new Set(entries.map((row) => row.event_id as string));
  const eventIds = new Set(events.filter((event) => workflowTopics.has(event.topic)).map((event) => event.id));
  for (const eventId of eventIds) if (!recorded.has(eventId)) problems.push(`supervision has no timeline entry for event ${eventId}`);
  for (const eventId of recorded) if (!eventIds.has(eventId)) problems.push(`supervision records event ${eventId}, which no service wrote`);
  return problems;
}
