import { create, ScalarType, type DescMessage } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import { timestampFromDate } from '@ugov/contracts';

/**
 * A body any consumer of the event can handle, built from the protobuf descriptor alone, so that a new event
 * type needs nothing here: ids are UUIDs (the case id is the one given), enums their first real value,
 * timestamps now, other text a word.
 */
export function sampleBody(schema: DescMessage, caseId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of schema.fields) {
    if (field.fieldKind === 'scalar') {
      if (field.scalar === ScalarType.STRING)
        body[field.localName] = field.name === 'case_id' ? caseId : field.name.endsWith('_id') ? randomUUID() : 'sample';
      else if (field.scalar === ScalarType.BOOL) body[field.localName] = true;
      else if (field.scalar !== ScalarType.BYTES)
        body[field.localName] = field.scalar === ScalarType.INT64 || field.scalar === ScalarType.UINT64 ? 1n : 1;
    } else if (field.fieldKind === 'enum') {
      body[field.localName] = field.enum.values.find((value) => value.number !== 0)?.number ?? 0;
    } else if (field.fieldKind === 'message') {
      body[field.localName] =
        field.message.typeName === 'google.protobuf.Timestamp'
          ? timestampFromDate(new Date())
          : create(field.message, sampleBody(field.message, caseId));
    }
  }
  return body;
}
