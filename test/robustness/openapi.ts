import type { ServiceName } from '@ugov/contracts';

/** The parts of an OpenAPI 3 schema the fuzzer reads. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly example?: unknown;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly allOf?: readonly Schema[];
  /** A body that is one of several classes (a case request, by its type). */
  readonly oneOf?: readonly Schema[];
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly example?: unknown;
  readonly schema?: { readonly example?: unknown };
}

interface Operation {
  readonly 'x-ugov-roles'?: readonly string[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: Schema }>> };
}

interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, Schema>> };
}

/** One route of one service, as its OpenAPI document describes it. */
export interface Route {
  readonly service: ServiceName;
  readonly method: string;
  /** With `{name}` placeholders, as in the document. */
  readonly path: string;
  readonly pathParameters: readonly string[];
  readonly queryParameters: readonly string[];
  /** The query parameters that document an example, with it (`?a=1&b=2`); empty or absent when none does. */
  readonly queryExample?: string;
  readonly headerParameters: readonly string[];
  /** The roles allowed to call it (x-ugov-roles), or undefined for a public route. */
  readonly roles?: readonly string[];
  /** The JSON body's schema with every $ref resolved, or undefined when the route takes no body. */
  readonly body?: Schema;
}

export const routeName = (route: Route) => `${route.service} ${route.method} ${route.path}`;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolve(schema: Schema, components: Readonly<Record<string, Schema>>, seen: readonly string[] = []): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object' };
    return resolve(components[name] ?? { type: 'object' }, components, [...seen, name]);
  }
  if (schema.allOf?.length === 1) return resolve({ ...schema, ...schema.allOf[0], allOf: undefined }, components, seen);
  return {
    ...schema,
    properties: schema.properties
      ? Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, resolve(property, components, seen)]))
      : undefined,
    items: schema.items ? resolve(schema.items, components, seen) : undefined,
    oneOf: schema.oneOf?.map((option) => resolve(option, components, seen)),
  };
}

function queryExampleOf(parameters: readonly Parameter[]): string {
  const examples = parameters
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => [parameter.name, parameter.example ?? parameter.schema?.example] as const)
    .filter(([, example]) => example !== undefined)
    .map(([name, example]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(example))}`);
  return examples.length ? `?${examples.join('&')}` : '';
}

/** Every route a service's OpenAPI document (served by SwaggerModule at /docs-json) lists. */
export async function routesOf(service: ServiceName, baseUrl: string): Promise<Route[]> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`${service} serves no OpenAPI document at /docs-json (${response.status})`);
  const document = (await response.json()) as OpenApiDocument;
  const components = document.components?.schemas ?? {};
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]): Route => {
        const parameters = operation.parameters ?? [];
        const named = (where: Parameter['in']) =>
          parameters.filter((parameter) => parameter.in === where).map((parameter) => parameter.name);
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
        return {
          service,
          method: method.toUpperCase(),
          path,
          pathParameters: named('path'),
          queryParameters: named('query'),
          queryExample: queryExampleOf(parameters),
          headerParameters: named('header'),
          roles: operation['x-ugov-roles'],
          body: bodySchema ? resolve(bodySchema, components) : undefined,
        };
      }),
  );
}
