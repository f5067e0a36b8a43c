import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** GeoReport v2 answers in the format the path ends with: `.json` or `.xml`. */
export type Open311Format = 'json' | 'xml';

/** The format a path (or its last segment) asks for, or undefined for another extension. */
export function formatOf(path: string): Open311Format | undefined {
  const extension = /\.(json|xml)(?:\?.*)?$/i.exec(path)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'xml' ? extension : undefined;
}

/** `urban.noise.json` → the code and its format; the code itself may hold dots. */
export function splitFile(file: string): { readonly name: string; readonly format: Open311Format } | undefined {
  const format = formatOf(file);
  return format ? { name: file.slice(0, -(format.length + 1)), format } : undefined;
}

/** The element each list's items are wrapped in, in the spec's XML. */
const XML_ITEM_OF: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
};

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });

/** The JSON shape turned into the spec's XML shape: every list becomes its wrapper element with one element per item. */
function xmlShapeOf(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return { [XML_ITEM_OF[key] ?? 'item']: value.map((item) => xmlShapeOf(item, '')) };
  if (value === null || value === undefined) return '';
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, field]) => [name, xmlShapeOf(field, name)]));
  return String(value);
}

/** Sends `body` (shaped as the spec's JSON) as JSON, or as XML under `root`. */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, body: unknown, status = 200): void {
  if (format === 'json') {
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  const xml = `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: xmlShapeOf(body, root) }) as string}`;
  void reply.status(status).header('content-type', 'text/xml; charset=utf-8').send(xml);
}
