// The resource types are inferred from the wire contract (`@voxbridge/gladly/wire`), which the
// emulator validates its requests with too.
export {
  type Agent,
  AVAILABILITY_CHANNELS,
  type AvailabilityChannel,
  type ChatMessageContent,
  type ContactChannel,
  type Conversation,
  type ConversationItem,
  type ConversationItemContent,
  type ConversationStatus,
  type ConversationStatusChangeContent,
  type EmailContent,
  type Inbox,
  type OtherItemContent,
  type Participant,
  type PhoneCallContent,
  type SmsContent,
  type Team,
} from './wire/index.js';
