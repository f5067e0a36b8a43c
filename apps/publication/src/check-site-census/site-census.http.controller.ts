import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { nextCivilDate, startOfChinaDate } from '@ugov/calendar';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { ANSWER_MESSAGES_WITHIN, before, columnCensusOf, SITE_COLUMNS, type ColumnActivity } from '../domain/site-census/site-columns';
import { SiteCensusRequestDto } from './site-census.request.dto';
import { SiteCensusResponseDto } from './site-census.response.dto';

const OLDEST_SHOWN = 100;

/** The census (普查) of the government site, the checks of the State Council's website inspection. */
@ApiTags('census')
@ApiBearerAuth()
@Controller('v1/site-census')
export class SiteCensusHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Columns empty or not updated within their limit (news and work updates 2 weeks, notices and policy 6 months), and
   * messages the public left on the site (web portal, app, WeChat, Open311) with no answer for 3 months.
   */
  @Get()
  @Allow('supervisor', 'reviewer', 'admin')
  @ApiOkResponse({ type: SiteCensusResponseDto })
  @ApiProblemResponses(400, 401, 403)
  async census(@Query() request: SiteCensusRequestDto): Promise<SiteCensusResponseDto> {
    // The end of the day named: the first instant of the next one.
    const asOf = request.asOf ? startOfChinaDate(nextCivilDate(request.asOf)) : new Date();
    const activity = (await this.dataSource.query(
      `SELECT column_code AS code, count(*)::int AS items, max(published_at) AS "lastPublishedAt"
         FROM publication.information_items WHERE published_at IS NOT NULL AND published_at <= $1 GROUP BY column_code`,
      [asOf],
    )) as ColumnActivity[];
    const columns = columnCensusOf(SITE_COLUMNS, activity, asOf);
    const answeredBy = before(asOf, ANSWER_MESSAGES_WITHIN);
    const unanswered = `FROM publication.public_messages
      WHERE submitted_at <= $1 AND (answered_at IS NULL OR answered_at > $2)`;
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count ${unanswered}`, [answeredBy, asOf])) as {
      count: number;
    }[];
    const oldest = (await this.dataSource.query(
      `SELECT case_id AS "caseId", channel, submitted_at AS "submittedAt" ${unanswered} ORDER BY submitted_at, case_id LIMIT $3`,
      [answeredBy, asOf, OLDEST_SHOWN],
    )) as { caseId: string; channel: string; submittedAt: Date }[];
    return {
      asOf,
      columns: columns.map((entry) => ({
        code: entry.column.code,
        name: entry.column.names['zh-Hans'],
        updateWithin: `${entry.column.updateWithin.amount} ${entry.column.updateWithin.unit}`,
        items: entry.items,
        lastPublishedAt: entry.lastPublishedAt,
        finding: entry.finding,
      })),
      flaggedColumns: columns.filter((entry) => entry.finding !== 'ok').length,
      unansweredMessages: count,
      oldestUnanswered: oldest,
    };
  }
}
