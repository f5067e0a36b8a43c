import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReferenceEvents } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { insertCatalogVersions } from '../infra/catalog-version.repository';
import { intakeCatalogOf } from './catalog-published.mapping';

/**
 * Stores each catalog version dispatch publishes (its Open311 services and service items) in intake.catalog_versions,
 * in the inbox's transaction: a redelivery changes nothing. infra/catalog-versions.ts loads it from there.
 */
@Injectable()
export class RecordCatalogWhenCatalogIsPublished implements OnModuleInit {
  constructor(private readonly consumer: InboxConsumer) {}

  onModuleInit(): void {
    this.consumer.onBatch(ReferenceEvents.catalogPublished, (events, transaction) =>
      insertCatalogVersions(
        transaction,
        events.map((event) => intakeCatalogOf(event.body)),
      ),
    );
  }
}
