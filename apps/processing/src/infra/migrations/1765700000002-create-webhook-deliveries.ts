import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhooks to departments' systems: written with the work they announce, sent (and retried) after the commit. */
export class CreateWebhookDeliveries1765700000002 implements MigrationInterface {
  name = 'CreateWebhookDeliveries1765700000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE processing.webhook_deliveries (
      id uuid PRIMARY KEY,
      department_code text NOT NULL,
      assignment_id uuid NOT NULL,
      event text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_response_status int,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    )`);
    await runner.query(`CREATE INDEX webhook_deliveries_due ON processing.webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX webhook_deliveries_of_department ON processing.webhook_deliveries (department_code, created_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processing.webhook_deliveries`);
  }
}
