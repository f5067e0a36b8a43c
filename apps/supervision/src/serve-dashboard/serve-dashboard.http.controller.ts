import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@ugov/platform';
import { dashboardConfigOf, readDashboardFiles, type DashboardFile } from './dashboard-files';

/**
 * The oversight dashboard: a static page and its modules, read from apps/supervision/dashboard at start-up. The page
 * is public; every figure it shows comes from the supervision API, called with the signed-in user's own token, so it
 * shows exactly what the API gives that user. Like /docs, it stays out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('dashboard')
export class ServeDashboardHttpController {
  private readonly files = readDashboardFiles();
  private readonly config = dashboardConfigOf(process.env);

  @Public()
  @Get()
  page(@Res() reply: FastifyReply): void {
    this.send(reply, this.files.get('index.html')!);
  }

  /** Where the page gets a token (the development issuer's password grant), or null: paste a token. */
  @Public()
  @Get('config.json')
  configuration(@Res() reply: FastifyReply): void {
    void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(this.config);
  }

  @Public()
  @Get(':file')
  asset(@Param('file') name: string, @Res() reply: FastifyReply): void {
    const file = this.files.get(name);
    if (!file || name === 'index.html') throw new NotFoundException(`the dashboard has no file ${name}`);
    this.send(reply, file);
  }

  private send(reply: FastifyReply, file: DashboardFile): void {
    const issuerOrigin = this.config.tokenEndpoint ? ` ${new URL(this.config.tokenEndpoint).origin}` : '';
    void reply
      .header('content-type', file.contentType)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header(
        'content-security-policy',
        `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'${issuerOrigin}; ` +
          `base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      )
      .send(file.body);
  }
}
