import { CensorRuleEntity } from './censor-rule.entity';
import { DeliveryEntity } from './delivery.entity';
import { CreatePublicationSchema1763800000000 } from './migrations/1763800000000-create-publication-schema';
import { RecordDeadLetterReplays1763900000000 } from './migrations/1763900000000-record-dead-letter-replays';
import { ParkUnpublishableEvents1764400000000 } from './migrations/1764400000000-park-unpublishable-events';
import { RecordReplyReviewsAndCensorRules1765400000000 } from './migrations/1765400000000-record-reply-reviews-and-censor-rules';
import { ReplyReviewEntity } from './reply-review.entity';
import { DeliverToRequesters1766100000000 } from './migrations/1766100000000-deliver-to-requesters';
import { PublishReviewedReplies1766250000000 } from './migrations/1766250000000-publish-reviewed-replies';
import { PublishInformationAndWatchColumns1766280000000 } from './migrations/1766280000000-publish-information-and-watch-columns';
import { RecordChannelHealth1766260000000 } from './migrations/1766260000000-record-channel-health';
import { SearchByDomainAndRegion1766320000000 } from './migrations/1766320000000-search-by-domain-and-region';

export const publicationEntities = [DeliveryEntity, ReplyReviewEntity, CensorRuleEntity];
export const publicationMigrations = [
  CreatePublicationSchema1763800000000,
  RecordDeadLetterReplays1763900000000,
  ParkUnpublishableEvents1764400000000,
  RecordReplyReviewsAndCensorRules1765400000000,
  DeliverToRequesters1766100000000,
  PublishReviewedReplies1766250000000,
  PublishInformationAndWatchColumns1766280000000,
  RecordChannelHealth1766260000000,
  SearchByDomainAndRegion1766320000000,
];
