import { type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceName } from '@ugov/contracts';
import { JsonLogger, httpRequestDuration, newTraceContext, runInTraceContext } from '@ugov/observability';
import { assertEveryRouteDeclaresAccess } from './auth/route-declarations';
import { loadServiceConfig } from './config';
import { HttpDrain } from './http/http-drain';
import { problemOf, problemOfFastifyError, sendProblem, sendProblemOnSocket } from './http/problem';
import { useStrictJsonParser, type BodyParserOptions } from './http/strict-json.parser';
import { createRequestValidationPipe } from './validation/compiled-validation.pipe';

/** Routes for operators and probes, answered even when the service sheds load. */
const OPERATIONS_ROUTES = new Set(['/health', '/metrics']);

/** Largest request body any route accepts; fields have their own tighter limits. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function createServiceApp(
  service: ServiceName,
  module: Type,
  options: BodyParserOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // return503OnClosing off: the HttpDrain hook below already answers every request once shutdown began, in problem+json.
    return503OnClosing: false,
    // A URL that cannot be decoded or a path parameter too long for the router, refused before any route runs.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(request, reply, problemOfFastifyError(error)),
    // A request Node's HTTP parser cannot read at all (bad request line, headers too large).
    clientErrorHandler: sendProblemOnSocket,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new JsonLogger(service),
    bufferLogs: true,
    bodyParser: false,
  });
  // A route that does not say who may call it stops the service here, naming the route.
  try {
    assertEveryRouteDeclaresAccess(app);
  } catch (error) {
    await app.close();
    throw error;
  }
  const fastify = app.getHttpAdapter().getInstance();

  // While shutting down, new requests are turned away and the ones in flight are waited for (see MessagingLifecycle).
  const drain = app.get(HttpDrain);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (drain.isClosing) {
      void reply.header('connection', 'close');
      sendProblem(request, reply, problemOf(503, 'the service is shutting down; retry shortly', { code: 'unavailable' }));
      return;
    }
    // Overloaded: turn the request away at once rather than let every request wait longer (health stays readable).
    if (drain.isFull && !OPERATIONS_ROUTES.has(request.url)) {
      sendProblem(request, reply, problemOf(503, 'the service is overloaded; retry shortly', { code: 'overloaded' }));
      return;
    }
    reply.raw.once('close', drain.begin());
    done();
  });
  // Errors raised while parsing a body reach ProblemDetailsFilter through Nest's Fastify error handler.
  useStrictJsonParser(fastify, options);
  // The correlation id comes from the caller or is made here, and follows the work into every event.
  fastify.addHook('preHandler', (request, reply, done) => {
    const header = request.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : undefined;
    const context = newTraceContext(correlationId, request.headers.traceparent as string | undefined);
    void reply.header('x-correlation-id', context.correlationId);
    runInTraceContext(context, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.useGlobalPipes(createRequestValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`ugov ${service}`)
      .setDescription(`The ${service} service of ugov. Errors are application/problem+json (RFC 7807).`)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key, or a JWT from the identity provider' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

/** Entry point of every service process: a bad configuration or a failed start ends the process with a clear message. */
export async function runService(service: ServiceName, module: Type, options: BodyParserOptions = {}): Promise<void> {
  const logger = new JsonLogger(service);
  try {
    const config = loadServiceConfig(service);
    const app = await createServiceApp(service, module, options);
    await app.listen(config.port, config.host);
    logger.log(`${service} listening on http://${config.host}:${config.port}`, 'Bootstrap');
    // Not Nest's enableShutdownHooks, which re-raises the signal: a clean stop exits 0, a failed one 1.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.log(`${signal}: shutting down`, 'Shutdown');
        app.close().then(
          () => process.exit(0),
          (error: Error) => {
            logger.error(`shutdown failed: ${error.message}`, 'Shutdown');
            process.exit(1);
          },
        );
      });
    }
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error), 'Bootstrap');
    process.exit(1);
  }
}
