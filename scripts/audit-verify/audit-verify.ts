/**
 * `npm run audit:verify -- [--anchor <entry>:<hash>]...`: re-verifies supervision's audit chain from the stored
 * rows (the same check as GET /v1/audit/verify) and prints the first broken link, or the head to publish.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadInfrastructureConfig } from '@ugov/platform';
import { verifyAuditChain } from '../../apps/supervision/src/verify-audit-chain/verify-audit-chain.query';
import { ArgumentError, parseVerifyArguments, USAGE } from './verify-arguments';

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseVerifyArguments>;
  try {
    parsed = parseVerifyArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgumentError) stop(2, `audit:verify: ${error.message}\n\n${USAGE}`);
    throw error;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  let databaseUrl: string;
  try {
    databaseUrl = loadInfrastructureConfig().databaseUrl;
  } catch (error) {
    if (error instanceof ConfigError) stop(2, `audit:verify: ${error.message}`);
    throw error;
  }
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    applicationName: 'ugov-audit-verify',
    extra: { max: 1 },
  }).initialize();
  try {
    const verification = await verifyAuditChain(dataSource, parsed.anchors);
    const head = `${verification.head.seq}:${verification.head.entryHash.toString('hex')}`;
    if (verification.ok) {
      console.log(`audit chain intact: ${verification.entriesVerified} entries, ${verification.anchorsChecked} anchor(s) checked`);
      console.log(`head (publish it, pass it back with --anchor): ${head}`);
      return 0;
    }
    const { firstBreak } = verification;
    console.log(`audit chain BROKEN after ${verification.entriesVerified} intact entries`);
    console.log(
      `  first broken link: entry ${firstBreak!.seq ?? '(outside the chain)'}, event ${firstBreak!.eventId ?? '(none: the row is gone)'}`,
    );
    console.log(`  ${firstBreak!.reason}: ${firstBreak!.explanation}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => stop(1, `audit:verify failed: ${error.stack ?? error.message}`),
);
