import { ValidationPipe, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServiceName } from '@ugov/contracts';
import { JsonLogger, httpRequestDuration, newTraceContext, runInTraceContext } from '@ugov/observability';
import { loadServiceConfig } from './config';
import { fieldProblemsOf, RequestValidationError } from './http/problem';
import { useStrictJsonParser } from './http/strict-json.parser';

/** Largest request body any route accepts; fields have their own tighter limits. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function createServiceApp(service: ServiceName, module: Type): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new JsonLogger(service),
    bufferLogs: true,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // Errors raised while parsing a body reach ProblemDetailsFilter through Nest's Fastify error handler.
  useStrictJsonParser(fastify);
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

  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => new RequestValidationError(fieldProblemsOf(errors)),
    }),
  );
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`ugov ${service}`)
      .setDescription(`The ${service} service of ugov. Errors are application/problem+json (RFC 7807).`)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

/** Entry point of every service process: a bad configuration or a failed start ends the process with a clear message. */
export async function runService(service: ServiceName, module: Type): Promise<void> {
  const logger = new JsonLogger(service);
  try {
    const config = loadServiceConfig(service);
    const app = await createServiceApp(service, module);
    await app.listen(config.port, config.host);
    logger.log(`${service} listening on http://${config.host}:${config.port}`, 'Bootstrap');
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error), 'Bootstrap');
    process.exit(1);
  }
}
