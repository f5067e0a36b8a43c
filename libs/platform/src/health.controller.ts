import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { MessageBus } from '@ugov/messaging';
import { metricsRegistry } from '@ugov/observability';
import { Public } from './auth/access.decorators';
import { RETRY_AFTER_SECONDS } from './http/problem';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './config';

type Check = 'up' | 'down';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Up only when both the database and Kafka answer; 503 otherwise, with which one is down. */
  @Public({ rateLimited: false })
  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const [database, kafka] = await Promise.all([this.databaseCheck(), this.bus.isReachable().then((ok): Check => (ok ? 'up' : 'down'))]);
    const status: Check = database === 'up' && kafka === 'up' ? 'up' : 'down';
    if (status === 'down') void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply
      .status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status, service: this.config.service, checks: { database, kafka } });
  }

  @Public({ rateLimited: false })
  @Get('metrics')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    void reply.header('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  }

  private async databaseCheck(): Promise<Check> {
    const timeout = new Promise<Check>((resolve) => setTimeout(() => resolve('down'), 2500));
    const query = this.dataSource.query('SELECT 1').then(
      (): Check => 'up',
      (): Check => 'down',
    );
    return Promise.race([query, timeout]);
  }
}
