import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { DataSource } from 'typeorm';
import { DepartmentCommandSchema, type DepartmentCommand } from '@ugov/contracts';
import { deadLetterOf, MessageBus, type IncomingMessage, type Subscription } from '@ugov/messaging';
import { problemOfException, SERVICE_CONFIG, type Principal, type ServiceConfig } from '@ugov/platform';
import { DepartmentIntegrationConfig } from '../infra/department-integration.config';
import { departmentCommandsOf, DepartmentStreams } from '../infra/department-streams';
import { DepartmentCommandHandler } from './department-command.handler';

/** A command id the department chose: 1 to 64 printable ASCII characters. */
const COMMAND_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * Takes the commands of the departments integrated over Kafka from their own command topics. Each command is
 * executed once (by its id), in one transaction with its effects, its events and its result on the department's
 * stream; a refused command (a bad field, a transition not allowed now, an assignment not the department's) puts
 * only its result on the stream, answering what REST would have answered. Offsets are committed after the commit.
 */
@Injectable()
export class TakeDepartmentCommands implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TakeDepartmentCommands.name);
  private subscription: Subscription | undefined;
  private readonly departmentOfTopic: ReadonlyMap<string, string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly streams: DepartmentStreams,
    private readonly handler: DepartmentCommandHandler,
    integration: DepartmentIntegrationConfig,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.departmentOfTopic = new Map([...integration.kafkaDepartments].map((code) => [departmentCommandsOf(code).topic, code]));
  }

  onApplicationBootstrap(): void {
    if (this.departmentOfTopic.size === 0) return;
    this.subscription = this.bus.subscribe({
      groupId: `${this.config.kafkaGroupId}.department-commands`,
      topics: [...this.departmentOfTopic.keys()],
      handle: async (messages) => {
        for (const message of messages) await this.take(message);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }

  private async take(message: IncomingMessage): Promise<void> {
    const departmentCode = this.departmentOfTopic.get(message.topic)!;
    let command: DepartmentCommand;
    try {
      command = fromBinary(DepartmentCommandSchema, message.value ?? new Uint8Array());
    } catch (error) {
      // Not a DepartmentCommand at all: nothing to answer to; the dead-letter topic keeps it for the department to see.
      await this.deadLetter(message, error as Error);
      return;
    }
    const department: Principal = { roles: ['department-system'], subject: `${departmentCode}-system`, departments: [departmentCode] };
    const key = command.assignmentId || message.key || departmentCode;
    await this.dataSource.transaction(async (transaction) => {
      if (!COMMAND_ID.test(command.commandId)) {
        const reason = 'commandId must be 1 to 64 printable ASCII characters, unique to the department';
        await this.streams.appendRefusal(transaction, departmentCode, key, {
          commandId: command.commandId,
          accepted: false,
          status: 400,
          code: 'invalid-request',
          detail: 'invalid field(s): commandId',
          errors: [{ field: 'commandId', reason }],
        });
        return;
      }
      const claimed: unknown[] = await transaction.query(
        `INSERT INTO processing.department_commands (department_code, command_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING command_id`,
        [departmentCode, command.commandId],
      );
      if (claimed.length === 0) {
        this.logger.warn(`${departmentCode} sent command ${command.commandId} again; it was executed before`);
        return;
      }
      try {
        await this.handler.execute(command, department, transaction, {
          result: { commandId: command.commandId, accepted: true, status: 200 },
        });
      } catch (error) {
        const problem = problemOfException(error);
        // The database or the like: the transaction rolls back and the command comes again.
        if (problem.status >= 500) throw error;
        await this.streams.appendRefusal(transaction, departmentCode, key, {
          commandId: command.commandId,
          accepted: false,
          status: problem.status,
          code: problem.code ?? '',
          detail: problem.detail ?? '',
          errors: [...(problem.errors ?? [])],
        });
      }
    });
  }

  private async deadLetter(message: IncomingMessage, error: Error): Promise<void> {
    this.logger.error(`${message.topic}/${message.partition}@${message.offset} is not a DepartmentCommand: ${error.message}`);
    const deadLetter = deadLetterOf(message, error, 1, `${this.config.kafkaGroupId}.department-commands`);
    await this.bus.publish([deadLetter]);
  }
}
