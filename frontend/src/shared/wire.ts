// Generated from app/wire.py by `make wire` (frontend/scripts/wire-types.mjs): do not edit by hand.

export type Role = "moderator" | "participant";
/**
 * What a role may do. Moderator-based roles may do everything; these grant a participant-based role more or less.
 */
export type Right =
  | "raise_hand"
  | "ask_question"
  | "chat"
  | "queued"
  | "propose_card"
  | "edit_cards"
  | "vote_cards"
  | "scale"
  | "sign_plan"
  | "see_private"
  | "receive_record";
export type View = "full" | "simple";
export type Language = "en" | "da" | "ar";
export type MeetingStatus = "scheduled" | "live" | "ended";
export type HandRule = "first_come" | "fairness" | "least_time" | "other_organisation";
/**
 * What the moderator chose to happen at zero.
 */
export type TimeBoxAction = "nothing" | "notice" | "end_turn";
/**
 * Why someone is ahead of a person who raised their hand before them.
 */
export type PlaceReason = "first_time" | "spoken_least" | "other_organisation" | "not_queued";
export type QuestionStatus = "submitted" | "approved" | "answered" | "dismissed";
export type ChatKind = "message" | "reflection" | "question" | "resource";
export type ConsentState =
  | "undecided"
  | "opening_ballot"
  | "private"
  | "recording_allowed"
  | "recording"
  | "closing_ballot"
  | "shared"
  | "deleted";
export type RecordingStatus = "recording" | "stopped" | "awaiting_decision" | "shared" | "deleted";
export type TurnStage = "keynotes" | "concluding_tour" | "rounds";
export type TurnStatus = "pending" | "current" | "done" | "passed";
/**
 * What a stage suggests to the moderator (a button in the console, a line in the stage's guidance).
 */
export type Prompt =
  | "open_opening_ballot"
  | "open_closing_ballot"
  | "review_carried_actions"
  | "record_follow_ups"
  | "thinking_break"
  | "breakouts"
  | "collect_sign_offs"
  | "agree_review"
  | "set_next_date";
export type FollowUpKind = "webinar" | "publication" | "action" | "other";
export type FollowUpStatus = "open" | "in_progress" | "done" | "dropped";
/**
 * What the group said of an item carried over from the previous meeting.
 */
export type ReviewOutcome = "done" | "still_open" | "dropped";
export type BoardKind = "cards" | "plan" | "map";
export type RosterKind = "municipality" | "school" | "health" | "police_ssp" | "parents" | "organisation" | "other";
export type UpdateAuthor = "coordinator" | "member";
/**
 * What the server's access rules see: a moderator runs the meeting, everyone else takes part.
 */
export type Base = "moderator" | "participant";
/**
 * Any `event` the server emits, told apart by its `type`.
 */
export type ServerEvent =
  | AgreementAcknowledgedEvent
  | BoardCardAddedEvent
  | BoardCardChangedEvent
  | BoardCardHiddenEvent
  | BoardCardMergedEvent
  | BoardCardRemovedEvent
  | BoardCardVotedEvent
  | BoardCardsMovedEvent
  | BoardMyVotesChangedEvent
  | BoardPlanSignedEvent
  | BoardPlanUnsignedEvent
  | BreakoutBroadcastSentEvent
  | BreakoutEndedEvent
  | BreakoutExtendedEvent
  | BreakoutMemberMovedEvent
  | BreakoutStartedEvent
  | BreakoutWarnedEvent
  | ChatHiddenEvent
  | ChatSentEvent
  | ConsentChangedEvent
  | ConsentPersonalChangedEvent
  | FloorEndedEvent
  | FloorGivenEvent
  | FollowUpAddedEvent
  | FollowUpRemovedEvent
  | FollowUpUpdatedEvent
  | HandLoweredEvent
  | HandRaisedEvent
  | HandsClearedEvent
  | MeetingConfiguredEvent
  | MeetingEndedEvent
  | MeetingStartedEvent
  | ParticipantBanLiftedEvent
  | ParticipantBannedEvent
  | ParticipantJoinedEvent
  | PresenceChangedEvent
  | ParticipantRemovedEvent
  | ParticipantUpdatedEvent
  | QuestionAnsweredEvent
  | QuestionApprovedEvent
  | QuestionDismissedEvent
  | QuestionKeynoteMarkedEvent
  | QuestionMadeCurrentEvent
  | QuestionSubmittedEvent
  | QuestionUpvotedEvent
  | QuestionsCirculatedEvent
  | QuestionsReorderedEvent
  | RecordPublishedEvent
  | ScaleAnswerSavedEvent
  | ScaleAnsweredEvent
  | ScaleRevealedEvent
  | StageChangedEvent
  | SummaryNameSetEvent
  | TurnFinishedEvent
  | TurnPassedEvent
  | TurnStartedEvent
  | TurnTimeUpEvent
  | TurnTimeWarnedEvent;
/**
 * Any `command` a client may send, told apart by its `type`.
 */
export type ClientCommand =
  | AgreementAcknowledgeCommand
  | BoardCardAddCommand
  | BoardCardAssignCommand
  | BoardCardEditCommand
  | BoardCardHideCommand
  | BoardCardMergeCommand
  | BoardCardMoveCommand
  | BoardCardTagCommand
  | BoardCardThemeCommand
  | BoardCardUnhideCommand
  | BoardCardUnvoteCommand
  | BoardCardVoteCommand
  | BoardPlanSignCommand
  | BoardPlanUnsignCommand
  | BreakoutAssignCommand
  | BreakoutBroadcastCommand
  | BreakoutChooseCommand
  | BreakoutEndCommand
  | BreakoutExtendCommand
  | BreakoutStartCommand
  | ChatHideCommand
  | ChatSendCommand
  | ConsentCloseBallotCommand
  | ConsentOpenBallotCommand
  | ConsentVoteCommand
  | ConsentWithdrawCommand
  | FollowupAddCommand
  | FollowupRemoveCommand
  | FollowupReviewCommand
  | FollowupSetStatusCommand
  | FollowupUpdateCommand
  | HandClearCommand
  | HandFinishSpeakingCommand
  | HandGiveFloorCommand
  | HandLowerCommand
  | HandRaiseCommand
  | MeetingConfigureCommand
  | MeetingEndCommand
  | MeetingStartCommand
  | ParticipantLiftBanCommand
  | ParticipantRemoveCommand
  | ParticipantSetKeynoteCommand
  | ParticipantSetRoleCommand
  | QuestionApproveCommand
  | QuestionCirculateCommand
  | QuestionDismissCommand
  | QuestionMarkAnsweredCommand
  | QuestionMarkKeynoteCommand
  | QuestionPromoteCommand
  | QuestionReorderCommand
  | QuestionSetCurrentCommand
  | QuestionSubmitCommand
  | QuestionUpvoteCommand
  | ScaleAnswerCommand
  | ScaleRevealCommand
  | StageNextCommand
  | StageSetCommand
  | SummaryShareNameCommand
  | TurnNextCommand
  | TurnPassCommand;
export type BreakoutKind = "rooms" | "thinking";
export type Assignment = "manual" | "random" | "choose";
/**
 * What every `command` is answered with (app/realtime/dispatch.py).
 */
export type Ack = AckOk | AckFailed;
export type ErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "internal_error"
  | "meeting_ended"
  | "meeting_not_live"
  | "meeting_already_live"
  | "banned"
  | "last_moderator"
  | "hand_already_raised"
  | "no_hand_raised"
  | "queue_empty"
  | "nobody_speaking"
  | "question_not_approved"
  | "question_dismissed"
  | "already_upvoted"
  | "already_approved"
  | "already_dismissed"
  | "already_hidden"
  | "nothing_to_circulate"
  | "not_a_chat_question"
  | "already_promoted"
  | "breakout_active"
  | "no_breakout"
  | "breakout_ended"
  | "rooms_assigned"
  | "no_rooms"
  | "already_in_room"
  | "no_stages"
  | "not_a_turn_stage"
  | "no_turns_left"
  | "turns_remaining"
  | "already_in_stage"
  | "last_stage"
  | "already_their_turn"
  | "turn_over"
  | "consent_required"
  | "ballot_not_possible"
  | "ballot_already_open"
  | "no_ballot_open"
  | "already_voted"
  | "not_eligible"
  | "invalid_choice"
  | "nothing_to_withdraw"
  | "recording_not_permitted"
  | "recording_exists"
  | "recording_deleted"
  | "recording_not_shared"
  | "media_locked"
  | "form_not_open"
  | "form_closed"
  | "not_in_audience"
  | "already_answered"
  | "unknown_question"
  | "form_has_answers"
  | "board_closed"
  | "board_feature_off"
  | "anonymous_not_allowed"
  | "tag_not_allowed"
  | "not_hidden"
  | "vote_budget_spent"
  | "card_vote_limit"
  | "no_dot_to_remove"
  | "already_signed"
  | "not_signed"
  | "not_in_this_stage"
  | "format_exists"
  | "too_many_formats"
  | "record_not_published"
  | "meeting_not_ended"
  | "record_no_lead"
  | "not_allowed_for_role"
  | "observer_cannot_act"
  | "waiting_for_stage"
  | "agreement_required"
  | "no_agreement"
  | "role_link_invalid"
  | "scale_not_open"
  | "scale_revealed"
  | "too_few_answers";

/**
 * Not sent anywhere: the root that names every wire type, so that one schema holds them all.
 */
export interface Wire {
  snapshot: Snapshot;
  event: ServerEvent;
  command: ClientCommand;
  ack: Ack;
  error_code: ErrorCode;
}
export interface Snapshot {
  version: number;
  server_time: string;
  you: You;
  meeting: MeetingSnapshot;
}
export interface You {
  participant_id: string;
  role: Role;
  display_name: string;
  keynote: boolean;
  format_role: string;
  rights: Right[];
  view: View;
  observer: boolean;
}
export interface MeetingSnapshot {
  id: string;
  title: string;
  format: string;
  format_name: {
    [k: string]: string;
  };
  language: Language;
  status: MeetingStatus;
  scheduled_for: string | null;
  started_at: string | null;
  ended_at: string | null;
  settings: MeetingSettings;
  participants: ParticipantView[];
  people: PeopleSnapshot;
  hands: HandQueue;
  speaker: SpeakerView | null;
  questions: QuestionView[];
  current_question_id: string | null;
  my_upvotes: string[];
  chat: ChatPage;
  resources: ResourceView[];
  consent: ConsentSnapshot;
  breakout: BreakoutSnapshot | null;
  stage: StageView | null;
  my_name_in_summary: boolean;
  followups: FollowUpView[];
  boards: BoardsSnapshot;
  series: SeriesPart | null;
  retention_days: number;
  roles: RoleView[];
  agreement: AgreementSnapshot | null;
  scales: ScaleView[];
  banned?: BannedView[];
  join_code?: string;
  join_url?: string;
}
export interface MeetingSettings {
  fairness: boolean;
  hand_rule: HandRule;
  hand_grace_seconds: number;
  turn_time_box_seconds: number;
  turn_time_box_action: TimeBoxAction;
}
export interface ParticipantView {
  participant_id: string;
  display_name: string;
  organisation: string | null;
  role: Role;
  keynote: boolean;
  online: boolean;
  has_spoken: boolean;
  format_role: string | null;
}
/**
 * `meeting.people`: everyone counted, and whether `meeting.participants` names them all.
 */
export interface PeopleSnapshot {
  total: number;
  online: number;
  complete: boolean;
}
export interface HandQueue {
  rule: HandRule;
  entries: QueueEntry[];
}
export interface QueueEntry {
  participant_id: string;
  display_name: string;
  note: string | null;
  raised_at: string;
  has_spoken: boolean;
  away: boolean;
  reason?: PlaceReason | null;
}
export interface SpeakerView {
  participant_id: string;
  display_name: string;
  since: string;
}
export interface QuestionView {
  id: string;
  text: string;
  status: QuestionStatus;
  keynote: boolean;
  circulated: boolean;
  anonymous: boolean;
  author: PersonRef | null;
  upvotes: number;
  position: number;
  created_at: string;
  answered_at: string | null;
  promoted_from?: string | null;
}
export interface PersonRef {
  participant_id: string;
  display_name: string;
}
export interface ChatPage {
  messages: ChatMessageView[];
  has_more: boolean;
}
export interface ChatMessageView {
  id: string;
  seq: number;
  room_id: string | null;
  author: PersonRef;
  kind: ChatKind;
  text: string;
  url: string | null;
  title: string | null;
  created_at: string;
}
export interface ResourceView {
  message_id: string;
  url: string;
  title: string;
  text: string;
  author: PersonRef;
  created_at: string;
}
/**
 * `meeting.consent`: the room's consent view, then the viewer's own part (app/services/consent.py).
 */
export interface ConsentSnapshot {
  state: ConsentState;
  ballot: BallotView | null;
  recording: RecordingSummary | null;
  recordings: number;
  decision_due_at: string | null;
  question: ("opening" | "closing" | "late") | null;
  my_vote: ("record" | "share") | null;
  can_withdraw: boolean;
}
export interface BallotView {
  phase: "opening" | "closing";
  eligible: number;
  voted: number;
  opened_at: string | null;
}
/**
 * The meeting's latest recording, as the room may know it.
 */
export interface RecordingSummary {
  status: RecordingStatus;
  started_at: string;
  stopped_at: string | null;
  deleted_at: string | null;
}
/**
 * `meeting.breakout`: the running breakout, the viewer's room, and the chats of the rooms they may read.
 */
export interface BreakoutSnapshot {
  id: string;
  kind: "rooms" | "thinking";
  assignment: ("manual" | "random" | "choose") | null;
  prompt: string | null;
  started_at: string;
  deadline: string;
  warn_at: string | null;
  warned: boolean;
  rooms: BreakoutRoomView[];
  my_room_id: string | null;
  chats: {
    [k: string]: ChatPage;
  };
}
export interface BreakoutRoomView {
  id: string;
  name: string;
  members: PersonRef[];
}
export interface StageView {
  format: string;
  steps: string[];
  current: string | null;
  next: string | null;
  turns: TurnsView | null;
  stages: StepView[];
  current_stage: CurrentStageView;
}
export interface TurnsView {
  stage: string;
  kind: TurnStage;
  order: TurnView[];
  current: string | null;
  remaining: string[];
  time_box?: TimeBoxView | null;
}
export interface TurnView {
  participant_id: string;
  display_name: string;
  status: TurnStatus;
  question_id: string | null;
}
/**
 * The current turn's time box: every page counts down to `deadline` on the server's clock.
 */
export interface TimeBoxView {
  participant_id: string;
  started_at: string;
  deadline: string;
  warn_at: string | null;
  warned: boolean;
  time_up: boolean;
  action: TimeBoxAction;
}
export interface StepView {
  id: string;
  name: {
    [k: string]: string;
  };
}
/**
 * The current stage as the format defines it (app/formats/definition.py StageDef): what the pages offer in it.
 */
export interface CurrentStageView {
  id: string;
  name: {
    [k: string]: string;
  };
  guidance: {
    [k: string]: string;
  } | null;
  floor: boolean;
  questions: boolean;
  turns: TurnStage | null;
  confirm_turns_before_leaving: boolean;
  boards: string[];
  scale: string | null;
  prompts: Prompt[];
  only_roles: string[];
  minutes: number;
}
export interface FollowUpView {
  id: string;
  text: string;
  created_at: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  owner: string | null;
  owner_participant_id: string | null;
  due_on: string | null;
  overdue: boolean;
  carried: boolean;
  review: ReviewOutcome | null;
  from_message_id: string | null;
  from_card_id: string | null;
}
/**
 * `meeting.boards`: the boards this person may see, their cards in order, their own dots, the sign-offs.
 */
export interface BoardsSnapshot {
  boards: BoardInfo[];
  cards: CardView[];
  my_votes: {
    [k: string]: number;
  };
  sign_offs: SignOffView[];
  sign_roles: string[];
  default_role: string;
}
/**
 * A board of the format as the page draws it (names per language; the page picks its own).
 */
export interface BoardInfo {
  id: string;
  name: {
    [k: string]: string;
  };
  kind: BoardKind;
  columns: ColumnInfo[];
  anonymous: boolean;
  tags: string[];
  themes: boolean;
  owners: boolean;
  voting: VotingInfo | null;
  private: boolean;
  open_in: string[] | null;
}
export interface ColumnInfo {
  id: string;
  name: {
    [k: string]: string;
  };
  hint: {
    [k: string]: string;
  } | null;
}
export interface VotingInfo {
  budget: number;
  per_card: number;
}
export interface CardView {
  id: string;
  board_id: string;
  column_id: string;
  position: number;
  text: string;
  anonymous: boolean;
  author: PersonRef | null;
  organisation: string | null;
  tags: string[];
  theme: string | null;
  owner: string | null;
  due: string | null;
  hidden: boolean;
  votes: number;
  created_at: string;
  updated_at: string;
}
export interface SignOffView {
  board_id: string;
  participant_id: string;
  display_name: string;
  signed_at: string;
}
/**
 * `meeting.series`: the series a meeting belongs to, its roster now and the updates posted since the last meeting.
 */
export interface SeriesPart {
  series_id: string;
  name: string;
  number: number;
  context: string;
  time_zone: string;
  starts_at: string;
  local: string;
  roster: RosterPresence[];
  updates: SeriesUpdateView[];
}
/**
 * A roster entry of a series meeting: present while one of its people is online.
 */
export interface RosterPresence {
  entry_id: string;
  name: string;
  kind: RosterKind;
  required: boolean;
  present: boolean;
  people: string[];
  more_than_one?: boolean;
}
export interface SeriesUpdateView {
  id: string;
  author: UpdateAuthor;
  author_name: string;
  text: string;
  url: string | null;
  created_at: string;
}
/**
 * A role of the meeting's format as pages show it: its name, what it may do and which view it gets.
 */
export interface RoleView {
  id: string;
  name: {
    [k: string]: string;
  };
  base: Base;
  rights: Right[];
  view: View;
  observer: boolean;
}
/**
 * `meeting.agreement`: the format's ground rules, whether the viewer acknowledged them, and (moderators) who did.
 */
export interface AgreementSnapshot {
  title: {
    [k: string]: string;
  };
  principles: {
    [k: string]: string;
  }[];
  acknowledged: boolean;
  acknowledgements?: AcknowledgementView[];
}
export interface AcknowledgementView {
  participant_id: string;
  display_name: string;
  acknowledged_at: string;
}
/**
 * `meeting.scales[]`: a scale of the format as this person sees it.
 */
export interface ScaleView {
  id: string;
  question: {
    [k: string]: string;
  };
  low: {
    [k: string]: string;
  };
  high: {
    [k: string]: string;
  };
  stages: string[];
  answered: number;
  spread: ScaleSpread | null;
  my_answer: number | null;
}
/**
 * A revealed scale: how many gave each value 0–10 and the median. Never who gave which.
 */
export interface ScaleSpread {
  counts: number[];
  median: number;
}
/**
 * Someone removed from the meeting and not let back in (moderators only).
 */
export interface BannedView {
  participant_id: string;
  display_name: string;
  removed_at: string | null;
}
/**
 * The `agreement.acknowledged` event.
 */
export interface AgreementAcknowledgedEvent {
  version: number;
  type: "agreement.acknowledged";
  data: AgreementAcknowledged;
  at: string;
}
/**
 * To the moderators and to the person who acknowledged the format's ground rules.
 */
export interface AgreementAcknowledged {
  acknowledgement: AcknowledgementView;
}
/**
 * The `board.card_added` event.
 */
export interface BoardCardAddedEvent {
  version: number;
  type: "board.card_added";
  data: BoardCardAdded;
  at: string;
}
export interface BoardCardAdded {
  card: CardView;
}
/**
 * The `board.card_changed` event.
 */
export interface BoardCardChangedEvent {
  version: number;
  type: "board.card_changed";
  data: BoardCardChanged;
  at: string;
}
/**
 * Edited, tagged, themed, assigned, or shown again after being hidden.
 */
export interface BoardCardChanged {
  card: CardView;
}
/**
 * The `board.card_hidden` event.
 */
export interface BoardCardHiddenEvent {
  version: number;
  type: "board.card_hidden";
  data: BoardCardHidden;
  at: string;
}
/**
 * Moderators mark the card hidden; everyone else removes it.
 */
export interface BoardCardHidden {
  board_id: string;
  card_id: string;
}
/**
 * The `board.card_merged` event.
 */
export interface BoardCardMergedEvent {
  version: number;
  type: "board.card_merged";
  data: BoardCardMerged;
  at: string;
}
/**
 * `card_id` is gone, merged into `into` (texts joined, dots added).
 */
export interface BoardCardMerged {
  board_id: string;
  card_id: string;
  into: CardView;
}
/**
 * The `board.card_removed` event.
 */
export interface BoardCardRemovedEvent {
  version: number;
  type: "board.card_removed";
  data: BoardCardRemoved;
  at: string;
}
/**
 * The card is gone for everyone (its author erased their data).
 */
export interface BoardCardRemoved {
  board_id: string;
  card_id: string;
}
/**
 * The `board.card_voted` event.
 */
export interface BoardCardVotedEvent {
  version: number;
  type: "board.card_voted";
  data: BoardCardVoted;
  at: string;
}
/**
 * The card's total dots changed; who placed or took a dot is never said.
 */
export interface BoardCardVoted {
  board_id: string;
  card_id: string;
  votes: number;
}
/**
 * The `board.cards_moved` event.
 */
export interface BoardCardsMovedEvent {
  version: number;
  type: "board.cards_moved";
  data: BoardCardsMoved;
  at: string;
}
/**
 * Every card whose column or place changed (a page ignores cards it does not hold).
 */
export interface BoardCardsMoved {
  board_id: string;
  moves: CardPlace[];
}
export interface CardPlace {
  card_id: string;
  column_id: string;
  position: number;
}
/**
 * The `board.my_votes_changed` event.
 */
export interface BoardMyVotesChangedEvent {
  version: number;
  type: "board.my_votes_changed";
  data: BoardMyVotesChanged;
  at: string;
}
/**
 * To the voter's own sockets only: their dots on one card now.
 */
export interface BoardMyVotesChanged {
  board_id: string;
  card_id: string;
  dots: number;
}
/**
 * The `board.plan_signed` event.
 */
export interface BoardPlanSignedEvent {
  version: number;
  type: "board.plan_signed";
  data: BoardPlanSigned;
  at: string;
}
export interface BoardPlanSigned {
  sign_off: SignOffView;
}
/**
 * The `board.plan_unsigned` event.
 */
export interface BoardPlanUnsignedEvent {
  version: number;
  type: "board.plan_unsigned";
  data: BoardPlanUnsigned;
  at: string;
}
export interface BoardPlanUnsigned {
  board_id: string;
  participant_id: string;
}
/**
 * The `breakout.broadcast_sent` event.
 */
export interface BreakoutBroadcastSentEvent {
  version: number;
  type: "breakout.broadcast_sent";
  data: BreakoutBroadcastSent;
  at: string;
}
export interface BreakoutBroadcastSent {
  breakout_id: string;
  text: string;
  author: PersonRef;
}
/**
 * The `breakout.ended` event.
 */
export interface BreakoutEndedEvent {
  version: number;
  type: "breakout.ended";
  data: BreakoutEnded;
  at: string;
}
export interface BreakoutEnded {
  breakout_id: string;
  reason: "deadline" | "ended_by_moderator";
}
/**
 * The `breakout.extended` event.
 */
export interface BreakoutExtendedEvent {
  version: number;
  type: "breakout.extended";
  data: BreakoutExtended;
  at: string;
}
export interface BreakoutExtended {
  breakout_id: string;
  deadline: string;
  warn_at: string | null;
}
/**
 * The `breakout.member_moved` event.
 */
export interface BreakoutMemberMovedEvent {
  version: number;
  type: "breakout.member_moved";
  data: BreakoutMemberMoved;
  at: string;
}
export interface BreakoutMemberMoved {
  breakout_id: string;
  participant_id: string;
  room_id: string | null;
  rooms: BreakoutRoomView[];
}
/**
 * The `breakout.started` event.
 */
export interface BreakoutStartedEvent {
  version: number;
  type: "breakout.started";
  data: BreakoutStarted;
  at: string;
}
export interface BreakoutStarted {
  breakout: BreakoutView;
}
export interface BreakoutView {
  id: string;
  kind: "rooms" | "thinking";
  assignment: ("manual" | "random" | "choose") | null;
  prompt: string | null;
  started_at: string;
  deadline: string;
  warn_at: string | null;
  warned: boolean;
  rooms: BreakoutRoomView[];
}
/**
 * The `breakout.warned` event.
 */
export interface BreakoutWarnedEvent {
  version: number;
  type: "breakout.warned";
  data: BreakoutWarned;
  at: string;
}
export interface BreakoutWarned {
  breakout_id: string;
  deadline: string;
  seconds_left: number;
}
/**
 * The `chat.hidden` event.
 */
export interface ChatHiddenEvent {
  version: number;
  type: "chat.hidden";
  data: ChatHidden;
  at: string;
}
export interface ChatHidden {
  message_id: string;
  room_id: string | null;
}
/**
 * The `chat.sent` event.
 */
export interface ChatSentEvent {
  version: number;
  type: "chat.sent";
  data: ChatSent;
  at: string;
}
export interface ChatSent {
  message: ChatMessageView;
}
/**
 * The `consent.changed` event.
 */
export interface ConsentChangedEvent {
  version: number;
  type: "consent.changed";
  data: ConsentChanged;
  at: string;
}
export interface ConsentChanged {
  state: ConsentState;
  ballot: BallotView | null;
  recording: RecordingSummary | null;
  recordings: number;
  decision_due_at: string | null;
}
/**
 * The `consent.personal_changed` event.
 */
export interface ConsentPersonalChangedEvent {
  version: number;
  type: "consent.personal_changed";
  data: ConsentPersonalChanged;
  at: string;
}
export interface ConsentPersonalChanged {
  question: ("opening" | "closing" | "late") | null;
  my_vote: ("record" | "share") | null;
  can_withdraw: boolean;
}
/**
 * The `floor.ended` event.
 */
export interface FloorEndedEvent {
  version: number;
  type: "floor.ended";
  data: FloorEnded;
  at: string;
}
export interface FloorEnded {
  participant_id: string;
  spoke_seconds: number;
}
/**
 * The `floor.given` event.
 */
export interface FloorGivenEvent {
  version: number;
  type: "floor.given";
  data: FloorGiven;
  at: string;
}
export interface FloorGiven {
  speaker: SpeakerView;
  queue: HandQueue;
}
/**
 * The `followup.added` event.
 */
export interface FollowUpAddedEvent {
  version: number;
  type: "followup.added";
  data: FollowUpAdded;
  at: string;
}
export interface FollowUpAdded {
  item: FollowUpView;
}
/**
 * The `followup.removed` event.
 */
export interface FollowUpRemovedEvent {
  version: number;
  type: "followup.removed";
  data: FollowUpRemoved;
  at: string;
}
export interface FollowUpRemoved {
  followup_id: string;
}
/**
 * The `followup.updated` event.
 */
export interface FollowUpUpdatedEvent {
  version: number;
  type: "followup.updated";
  data: FollowUpUpdated;
  at: string;
}
/**
 * Changed, its status set, reviewed, or flagged overdue.
 */
export interface FollowUpUpdated {
  item: FollowUpView;
}
/**
 * The `hand.lowered` event.
 */
export interface HandLoweredEvent {
  version: number;
  type: "hand.lowered";
  data: HandLowered;
  at: string;
}
export interface HandLowered {
  participant_id: string;
  reason: "lowered" | "lowered_by_moderator" | "grace_expired";
}
/**
 * The `hand.raised` event.
 */
export interface HandRaisedEvent {
  version: number;
  type: "hand.raised";
  data: HandRaised;
  at: string;
}
/**
 * A delta: the new entry and its index in the queue at this version (the full queue is in snapshots).
 */
export interface HandRaised {
  participant_id: string;
  entry: QueueEntry;
  position: number;
}
/**
 * The `hands.cleared` event.
 */
export interface HandsClearedEvent {
  version: number;
  type: "hands.cleared";
  data: HandsCleared;
  at: string;
}
export interface HandsCleared {
  queue: HandQueue;
}
/**
 * The `meeting.configured` event.
 */
export interface MeetingConfiguredEvent {
  version: number;
  type: "meeting.configured";
  data: MeetingConfigured;
  at: string;
}
export interface MeetingConfigured {
  fairness: boolean;
  hand_rule: HandRule;
  hand_grace_seconds: number;
  turn_time_box_seconds: number;
  turn_time_box_action: TimeBoxAction;
  queue: HandQueue;
}
/**
 * The `meeting.ended` event.
 */
export interface MeetingEndedEvent {
  version: number;
  type: "meeting.ended";
  data: MeetingEnded;
  at: string;
}
export interface MeetingEnded {
  status: MeetingStatus;
  ended_at: string;
}
/**
 * The `meeting.started` event.
 */
export interface MeetingStartedEvent {
  version: number;
  type: "meeting.started";
  data: MeetingStarted;
  at: string;
}
export interface MeetingStarted {
  status: MeetingStatus;
  started_at: string;
}
/**
 * The `participant.ban_lifted` event.
 */
export interface ParticipantBanLiftedEvent {
  version: number;
  type: "participant.ban_lifted";
  data: ParticipantBanLifted;
  at: string;
}
/**
 * A moderator let a removed person back in: they may join again with the invite link.
 */
export interface ParticipantBanLifted {
  participant_id: string;
}
/**
 * The `participant.banned` event.
 */
export interface ParticipantBannedEvent {
  version: number;
  type: "participant.banned";
  data: ParticipantBanned;
  at: string;
}
/**
 * Someone was removed: they cannot join again until a moderator lets them back (moderators only).
 */
export interface ParticipantBanned {
  banned: BannedView;
}
/**
 * The `participant.joined` event.
 */
export interface ParticipantJoinedEvent {
  version: number;
  type: "participant.joined";
  data: ParticipantJoined;
  at: string;
}
export interface ParticipantJoined {
  participant: ParticipantView;
  people: PeopleCount;
}
/**
 * The meeting's current members and how many of them are online. Above a size a participant's list names only
 * some people (the snapshot's `people.complete`); these counts are always of everyone.
 */
export interface PeopleCount {
  total: number;
  online: number;
}
/**
 * The `participant.presence_changed` event.
 */
export interface PresenceChangedEvent {
  version: number;
  type: "participant.presence_changed";
  data: PresenceChanged;
  at: string;
}
/**
 * Who came and went since the last announcement (at most one per meeting per timer tick).
 */
export interface PresenceChanged {
  changes: PresenceChange[];
  queue: HandQueue;
  roster?: RosterPresence[] | null;
  people: PeopleCount;
}
export interface PresenceChange {
  participant_id: string;
  online: boolean;
}
/**
 * The `participant.removed` event.
 */
export interface ParticipantRemovedEvent {
  version: number;
  type: "participant.removed";
  data: ParticipantRemoved;
  at: string;
}
export interface ParticipantRemoved {
  participant_id: string;
  queue: HandQueue;
  speaker: SpeakerView | null;
  people: PeopleCount;
}
/**
 * The `participant.updated` event.
 */
export interface ParticipantUpdatedEvent {
  version: number;
  type: "participant.updated";
  data: ParticipantUpdated;
  at: string;
}
export interface ParticipantUpdated {
  participant: ParticipantView;
}
/**
 * The `question.answered` event.
 */
export interface QuestionAnsweredEvent {
  version: number;
  type: "question.answered";
  data: QuestionAnswered;
  at: string;
}
export interface QuestionAnswered {
  question: QuestionView;
}
/**
 * The `question.approved` event.
 */
export interface QuestionApprovedEvent {
  version: number;
  type: "question.approved";
  data: QuestionApproved;
  at: string;
}
export interface QuestionApproved {
  question: QuestionView;
}
/**
 * The `question.dismissed` event.
 */
export interface QuestionDismissedEvent {
  version: number;
  type: "question.dismissed";
  data: QuestionDismissed;
  at: string;
}
export interface QuestionDismissed {
  question: QuestionView;
}
/**
 * The `question.keynote_marked` event.
 */
export interface QuestionKeynoteMarkedEvent {
  version: number;
  type: "question.keynote_marked";
  data: QuestionKeynoteMarked;
  at: string;
}
export interface QuestionKeynoteMarked {
  question: QuestionView;
}
/**
 * The `question.made_current` event.
 */
export interface QuestionMadeCurrentEvent {
  version: number;
  type: "question.made_current";
  data: QuestionMadeCurrent;
  at: string;
}
export interface QuestionMadeCurrent {
  question_id: string | null;
}
/**
 * The `question.submitted` event.
 */
export interface QuestionSubmittedEvent {
  version: number;
  type: "question.submitted";
  data: QuestionSubmitted;
  at: string;
}
export interface QuestionSubmitted {
  question: QuestionView;
}
/**
 * The `question.upvoted` event.
 */
export interface QuestionUpvotedEvent {
  version: number;
  type: "question.upvoted";
  data: QuestionUpvoted;
  at: string;
}
export interface QuestionUpvoted {
  question_id: string;
  upvotes: number;
}
/**
 * The `questions.circulated` event.
 */
export interface QuestionsCirculatedEvent {
  version: number;
  type: "questions.circulated";
  data: QuestionsCirculated;
  at: string;
}
export interface QuestionsCirculated {
  questions: QuestionView[];
}
/**
 * The `questions.reordered` event.
 */
export interface QuestionsReorderedEvent {
  version: number;
  type: "questions.reordered";
  data: QuestionsReordered;
  at: string;
}
export interface QuestionsReordered {
  order: string[];
}
/**
 * The `record.published` event.
 */
export interface RecordPublishedEvent {
  version: number;
  type: "record.published";
  data: RecordPublished;
  at: string;
}
/**
 * The meeting's record can be read now: by everyone (`everyone`), or first by this person as the lead.
 * Pages load it (GET /api/v1/meetings/{id}/record); the event carries none of it.
 */
export interface RecordPublished {
  published_at: string;
  everyone: boolean;
}
/**
 * The `scale.answer_saved` event.
 */
export interface ScaleAnswerSavedEvent {
  version: number;
  type: "scale.answer_saved";
  data: ScaleAnswerSaved;
  at: string;
}
/**
 * Only to the person who answered: their own answer.
 */
export interface ScaleAnswerSaved {
  scale_id: string;
  value: number;
}
/**
 * The `scale.answered` event.
 */
export interface ScaleAnsweredEvent {
  version: number;
  type: "scale.answered";
  data: ScaleAnswered;
  at: string;
}
/**
 * To everyone: how many have answered a scale (not who, not what).
 */
export interface ScaleAnswered {
  scale_id: string;
  answered: number;
}
/**
 * The `scale.revealed` event.
 */
export interface ScaleRevealedEvent {
  version: number;
  type: "scale.revealed";
  data: ScaleRevealed;
  at: string;
}
export interface ScaleRevealed {
  scale_id: string;
  answered: number;
  spread: ScaleSpread;
}
/**
 * The `stage.changed` event.
 */
export interface StageChangedEvent {
  version: number;
  type: "stage.changed";
  data: StageChanged;
  at: string;
}
export interface StageChanged {
  stage: StageView;
}
/**
 * The `summary.name_set` event.
 */
export interface SummaryNameSetEvent {
  version: number;
  type: "summary.name_set";
  data: SummaryNameSet;
  at: string;
}
export interface SummaryNameSet {
  share: boolean;
}
/**
 * The `turn.finished` event.
 */
export interface TurnFinishedEvent {
  version: number;
  type: "turn.finished";
  data: TurnFinished;
  at: string;
}
export interface TurnFinished {
  participant_id: string;
  stage: StageView;
}
/**
 * The `turn.passed` event.
 */
export interface TurnPassedEvent {
  version: number;
  type: "turn.passed";
  data: TurnPassed;
  at: string;
}
export interface TurnPassed {
  participant_id: string;
  stage: StageView;
}
/**
 * The `turn.started` event.
 */
export interface TurnStartedEvent {
  version: number;
  type: "turn.started";
  data: TurnStarted;
  at: string;
}
export interface TurnStarted {
  participant_id: string;
  stage: StageView;
}
/**
 * The `turn.time_up` event.
 */
export interface TurnTimeUpEvent {
  version: number;
  type: "turn.time_up";
  data: TurnTimeUp;
  at: string;
}
export interface TurnTimeUp {
  participant_id: string;
  action: TimeBoxAction;
  stage: StageView;
}
/**
 * The `turn.time_warned` event.
 */
export interface TurnTimeWarnedEvent {
  version: number;
  type: "turn.time_warned";
  data: TurnTimeWarned;
  at: string;
}
export interface TurnTimeWarned {
  participant_id: string;
  seconds_left: number;
  stage: StageView;
}
/**
 * The `agreement.acknowledge` command.
 */
export interface AgreementAcknowledgeCommand {
  type: "agreement.acknowledge";
  data: AgreementAcknowledgeData;
  command_id?: string | null;
}
export interface AgreementAcknowledgeData {}
/**
 * The `board.card.add` command.
 */
export interface BoardCardAddCommand {
  type: "board.card.add";
  data: BoardCardAddData;
  command_id?: string | null;
}
export interface BoardCardAddData {
  board_id: string;
  column_id: string;
  text: string;
  anonymous?: boolean;
}
/**
 * The `board.card.assign` command.
 */
export interface BoardCardAssignCommand {
  type: "board.card.assign";
  data: BoardCardAssignData;
  command_id?: string | null;
}
export interface BoardCardAssignData {
  card_id: string;
  owner: string | null;
  due?: string | null;
}
/**
 * The `board.card.edit` command.
 */
export interface BoardCardEditCommand {
  type: "board.card.edit";
  data: BoardCardEditData;
  command_id?: string | null;
}
export interface BoardCardEditData {
  card_id: string;
  text: string;
}
/**
 * The `board.card.hide` command.
 */
export interface BoardCardHideCommand {
  type: "board.card.hide";
  data: BoardCardHideData;
  command_id?: string | null;
}
export interface BoardCardHideData {
  card_id: string;
}
/**
 * The `board.card.merge` command.
 */
export interface BoardCardMergeCommand {
  type: "board.card.merge";
  data: BoardCardMergeData;
  command_id?: string | null;
}
export interface BoardCardMergeData {
  card_id: string;
  into_id: string;
}
/**
 * The `board.card.move` command.
 */
export interface BoardCardMoveCommand {
  type: "board.card.move";
  data: BoardCardMoveData;
  command_id?: string | null;
}
export interface BoardCardMoveData {
  card_id: string;
  column_id: string;
  position: number;
}
/**
 * The `board.card.tag` command.
 */
export interface BoardCardTagCommand {
  type: "board.card.tag";
  data: BoardCardTagData;
  command_id?: string | null;
}
export interface BoardCardTagData {
  card_id: string;
  /**
   * @maxItems 12
   */
  tags:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string];
}
/**
 * The `board.card.theme` command.
 */
export interface BoardCardThemeCommand {
  type: "board.card.theme";
  data: BoardCardThemeData;
  command_id?: string | null;
}
export interface BoardCardThemeData {
  card_id: string;
  theme: string | null;
}
/**
 * The `board.card.unhide` command.
 */
export interface BoardCardUnhideCommand {
  type: "board.card.unhide";
  data: BoardCardUnhideData;
  command_id?: string | null;
}
export interface BoardCardUnhideData {
  card_id: string;
}
/**
 * The `board.card.unvote` command.
 */
export interface BoardCardUnvoteCommand {
  type: "board.card.unvote";
  data: BoardCardUnvoteData;
  command_id?: string | null;
}
export interface BoardCardUnvoteData {
  card_id: string;
}
/**
 * The `board.card.vote` command.
 */
export interface BoardCardVoteCommand {
  type: "board.card.vote";
  data: BoardCardVoteData;
  command_id?: string | null;
}
export interface BoardCardVoteData {
  card_id: string;
}
/**
 * The `board.plan.sign` command.
 */
export interface BoardPlanSignCommand {
  type: "board.plan.sign";
  data: BoardPlanSignData;
  command_id?: string | null;
}
export interface BoardPlanSignData {
  board_id: string;
}
/**
 * The `board.plan.unsign` command.
 */
export interface BoardPlanUnsignCommand {
  type: "board.plan.unsign";
  data: BoardPlanUnsignData;
  command_id?: string | null;
}
export interface BoardPlanUnsignData {
  board_id: string;
}
/**
 * The `breakout.assign` command.
 */
export interface BreakoutAssignCommand {
  type: "breakout.assign";
  data: BreakoutAssignData;
  command_id?: string | null;
}
export interface BreakoutAssignData {
  participant_id: string;
  room_id?: string | null;
}
/**
 * The `breakout.broadcast` command.
 */
export interface BreakoutBroadcastCommand {
  type: "breakout.broadcast";
  data: BreakoutBroadcastData;
  command_id?: string | null;
}
export interface BreakoutBroadcastData {
  text: string;
}
/**
 * The `breakout.choose` command.
 */
export interface BreakoutChooseCommand {
  type: "breakout.choose";
  data: BreakoutChooseData;
  command_id?: string | null;
}
export interface BreakoutChooseData {
  room_id: string;
}
/**
 * The `breakout.end` command.
 */
export interface BreakoutEndCommand {
  type: "breakout.end";
  data: BreakoutEndData;
  command_id?: string | null;
}
export interface BreakoutEndData {}
/**
 * The `breakout.extend` command.
 */
export interface BreakoutExtendCommand {
  type: "breakout.extend";
  data: BreakoutExtendData;
  command_id?: string | null;
}
export interface BreakoutExtendData {
  seconds: number;
}
/**
 * The `breakout.start` command.
 */
export interface BreakoutStartCommand {
  type: "breakout.start";
  data: BreakoutStartData;
  command_id?: string | null;
}
export interface BreakoutStartData {
  kind?: BreakoutKind;
  duration_s: number;
  assignment?: Assignment | null;
  count?: number | null;
  rooms?: [RoomPlan, ...RoomPlan[]] | null;
  prompt?: string | null;
  warn_before_s?: number;
}
export interface RoomPlan {
  name?: string | null;
  /**
   * @maxItems 1000
   */
  participant_ids?: string[];
}
/**
 * The `chat.hide` command.
 */
export interface ChatHideCommand {
  type: "chat.hide";
  data: ChatHideData;
  command_id?: string | null;
}
export interface ChatHideData {
  message_id: string;
}
/**
 * The `chat.send` command.
 */
export interface ChatSendCommand {
  type: "chat.send";
  data: ChatSendData;
  command_id?: string | null;
}
export interface ChatSendData {
  text: string;
  kind?: ChatKind;
  url?: string | null;
  title?: string | null;
  room?: string | null;
}
/**
 * The `consent.close_ballot` command.
 */
export interface ConsentCloseBallotCommand {
  type: "consent.close_ballot";
  data: ConsentCloseBallotData;
  command_id?: string | null;
}
export interface ConsentCloseBallotData {}
/**
 * The `consent.open_ballot` command.
 */
export interface ConsentOpenBallotCommand {
  type: "consent.open_ballot";
  data: ConsentOpenBallotData;
  command_id?: string | null;
}
export interface ConsentOpenBallotData {
  phase: "opening" | "closing";
}
/**
 * The `consent.vote` command.
 */
export interface ConsentVoteCommand {
  type: "consent.vote";
  data: ConsentVoteData;
  command_id?: string | null;
}
export interface ConsentVoteData {
  choice: "record" | "private" | "share" | "keep_private";
}
/**
 * The `consent.withdraw` command.
 */
export interface ConsentWithdrawCommand {
  type: "consent.withdraw";
  data: ConsentWithdrawData;
  command_id?: string | null;
}
export interface ConsentWithdrawData {}
/**
 * The `followup.add` command.
 */
export interface FollowupAddCommand {
  type: "followup.add";
  data: FollowupAddData;
  command_id?: string | null;
}
export interface FollowupAddData {
  text?: string | null;
  kind?: FollowUpKind;
  owner?: string | null;
  owner_participant_id?: string | null;
  due_on?: string | null;
  from_message_id?: string | null;
  from_card_id?: string | null;
}
/**
 * The `followup.remove` command.
 */
export interface FollowupRemoveCommand {
  type: "followup.remove";
  data: FollowupRemoveData;
  command_id?: string | null;
}
export interface FollowupRemoveData {
  followup_id: string;
}
/**
 * The `followup.review` command.
 */
export interface FollowupReviewCommand {
  type: "followup.review";
  data: FollowupReviewData;
  command_id?: string | null;
}
export interface FollowupReviewData {
  followup_id: string;
  outcome: ReviewOutcome;
}
/**
 * The `followup.set_status` command.
 */
export interface FollowupSetStatusCommand {
  type: "followup.set_status";
  data: FollowupSetStatusData;
  command_id?: string | null;
}
export interface FollowupSetStatusData {
  followup_id: string;
  status: FollowUpStatus;
}
/**
 * The `followup.update` command.
 */
export interface FollowupUpdateCommand {
  type: "followup.update";
  data: FollowupUpdateData;
  command_id?: string | null;
}
/**
 * Only the fields sent change; null clears owner, owner_participant_id and due_on.
 */
export interface FollowupUpdateData {
  followup_id: string;
  text?: string | null;
  kind?: FollowUpKind | null;
  owner?: string | null;
  owner_participant_id?: string | null;
  due_on?: string | null;
}
/**
 * The `hand.clear` command.
 */
export interface HandClearCommand {
  type: "hand.clear";
  data: HandClearData;
  command_id?: string | null;
}
export interface HandClearData {}
/**
 * The `hand.finish_speaking` command.
 */
export interface HandFinishSpeakingCommand {
  type: "hand.finish_speaking";
  data: HandFinishSpeakingData;
  command_id?: string | null;
}
export interface HandFinishSpeakingData {}
/**
 * The `hand.give_floor` command.
 */
export interface HandGiveFloorCommand {
  type: "hand.give_floor";
  data: HandGiveFloorData;
  command_id?: string | null;
}
export interface HandGiveFloorData {
  participant_id?: string | null;
}
/**
 * The `hand.lower` command.
 */
export interface HandLowerCommand {
  type: "hand.lower";
  data: HandLowerData;
  command_id?: string | null;
}
export interface HandLowerData {
  participant_id?: string | null;
}
/**
 * The `hand.raise` command.
 */
export interface HandRaiseCommand {
  type: "hand.raise";
  data: HandRaiseData;
  command_id?: string | null;
}
export interface HandRaiseData {
  note?: string | null;
}
/**
 * The `meeting.configure` command.
 */
export interface MeetingConfigureCommand {
  type: "meeting.configure";
  data: MeetingConfigureData;
  command_id?: string | null;
}
export interface MeetingConfigureData {
  fairness?: boolean | null;
  hand_rule?: HandRule | null;
  hand_grace_seconds?: number | null;
  turn_time_box_seconds?: number | null;
  turn_time_box_action?: TimeBoxAction | null;
}
/**
 * The `meeting.end` command.
 */
export interface MeetingEndCommand {
  type: "meeting.end";
  data: MeetingEndData;
  command_id?: string | null;
}
export interface MeetingEndData {}
/**
 * The `meeting.start` command.
 */
export interface MeetingStartCommand {
  type: "meeting.start";
  data: MeetingStartData;
  command_id?: string | null;
}
export interface MeetingStartData {}
/**
 * The `participant.lift_ban` command.
 */
export interface ParticipantLiftBanCommand {
  type: "participant.lift_ban";
  data: ParticipantLiftBanData;
  command_id?: string | null;
}
export interface ParticipantLiftBanData {
  participant_id: string;
}
/**
 * The `participant.remove` command.
 */
export interface ParticipantRemoveCommand {
  type: "participant.remove";
  data: ParticipantRemoveData;
  command_id?: string | null;
}
export interface ParticipantRemoveData {
  participant_id: string;
}
/**
 * The `participant.set_keynote` command.
 */
export interface ParticipantSetKeynoteCommand {
  type: "participant.set_keynote";
  data: ParticipantSetKeynoteData;
  command_id?: string | null;
}
export interface ParticipantSetKeynoteData {
  participant_id: string;
  keynote: boolean;
}
/**
 * The `participant.set_role` command.
 */
export interface ParticipantSetRoleCommand {
  type: "participant.set_role";
  data: ParticipantSetRoleData;
  command_id?: string | null;
}
export interface ParticipantSetRoleData {
  participant_id: string;
  role: string;
}
/**
 * The `question.approve` command.
 */
export interface QuestionApproveCommand {
  type: "question.approve";
  data: QuestionApproveData;
  command_id?: string | null;
}
export interface QuestionApproveData {
  question_id: string;
}
/**
 * The `question.circulate` command.
 */
export interface QuestionCirculateCommand {
  type: "question.circulate";
  data: QuestionCirculateData;
  command_id?: string | null;
}
export interface QuestionCirculateData {
  question_ids?: string[] | null;
}
/**
 * The `question.dismiss` command.
 */
export interface QuestionDismissCommand {
  type: "question.dismiss";
  data: QuestionDismissData;
  command_id?: string | null;
}
export interface QuestionDismissData {
  question_id: string;
}
/**
 * The `question.mark_answered` command.
 */
export interface QuestionMarkAnsweredCommand {
  type: "question.mark_answered";
  data: QuestionMarkAnsweredData;
  command_id?: string | null;
}
export interface QuestionMarkAnsweredData {
  question_id: string;
}
/**
 * The `question.mark_keynote` command.
 */
export interface QuestionMarkKeynoteCommand {
  type: "question.mark_keynote";
  data: QuestionMarkKeynoteData;
  command_id?: string | null;
}
export interface QuestionMarkKeynoteData {
  question_id: string;
  keynote?: boolean;
}
/**
 * The `question.promote` command.
 */
export interface QuestionPromoteCommand {
  type: "question.promote";
  data: QuestionPromoteData;
  command_id?: string | null;
}
export interface QuestionPromoteData {
  message_id: string;
}
/**
 * The `question.reorder` command.
 */
export interface QuestionReorderCommand {
  type: "question.reorder";
  data: QuestionReorderData;
  command_id?: string | null;
}
export interface QuestionReorderData {
  /**
   * @minItems 1
   * @maxItems 1000
   */
  order: [string, ...string[]];
}
/**
 * The `question.set_current` command.
 */
export interface QuestionSetCurrentCommand {
  type: "question.set_current";
  data: QuestionSetCurrentData;
  command_id?: string | null;
}
export interface QuestionSetCurrentData {
  question_id: string | null;
}
/**
 * The `question.submit` command.
 */
export interface QuestionSubmitCommand {
  type: "question.submit";
  data: QuestionSubmitData;
  command_id?: string | null;
}
export interface QuestionSubmitData {
  text: string;
  anonymous?: boolean;
}
/**
 * The `question.upvote` command.
 */
export interface QuestionUpvoteCommand {
  type: "question.upvote";
  data: QuestionUpvoteData;
  command_id?: string | null;
}
export interface QuestionUpvoteData {
  question_id: string;
}
/**
 * The `scale.answer` command.
 */
export interface ScaleAnswerCommand {
  type: "scale.answer";
  data: ScaleAnswerData;
  command_id?: string | null;
}
export interface ScaleAnswerData {
  scale_id: string;
  value: number;
}
/**
 * The `scale.reveal` command.
 */
export interface ScaleRevealCommand {
  type: "scale.reveal";
  data: ScaleRevealData;
  command_id?: string | null;
}
export interface ScaleRevealData {
  scale_id: string;
}
/**
 * The `stage.next` command.
 */
export interface StageNextCommand {
  type: "stage.next";
  data: StageNextData;
  command_id?: string | null;
}
export interface StageNextData {
  confirm?: boolean;
}
/**
 * The `stage.set` command.
 */
export interface StageSetCommand {
  type: "stage.set";
  data: StageSetData;
  command_id?: string | null;
}
export interface StageSetData {
  stage: string;
  confirm?: boolean;
}
/**
 * The `summary.share_name` command.
 */
export interface SummaryShareNameCommand {
  type: "summary.share_name";
  data: SummaryShareNameData;
  command_id?: string | null;
}
export interface SummaryShareNameData {
  share: boolean;
}
/**
 * The `turn.next` command.
 */
export interface TurnNextCommand {
  type: "turn.next";
  data: TurnNextData;
  command_id?: string | null;
}
export interface TurnNextData {
  participant_id?: string | null;
}
/**
 * The `turn.pass` command.
 */
export interface TurnPassCommand {
  type: "turn.pass";
  data: TurnPassData;
  command_id?: string | null;
}
export interface TurnPassData {
  participant_id?: string | null;
}
export interface AckOk {
  ok: true;
  version: number;
  result?: {
    [k: string]: unknown;
  };
}
export interface AckFailed {
  ok: false;
  error: ErrorBody;
}
/**
 * The error of a failed command or request, the same on the socket and on HTTP (`{"error": …}`).
 */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every error code the server may answer with (app/errors.py ErrorCode); each has a page string. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "invalid_input",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "too_large",
  "rate_limited",
  "internal_error",
  "meeting_ended",
  "meeting_not_live",
  "meeting_already_live",
  "banned",
  "last_moderator",
  "hand_already_raised",
  "no_hand_raised",
  "queue_empty",
  "nobody_speaking",
  "question_not_approved",
  "question_dismissed",
  "already_upvoted",
  "already_approved",
  "already_dismissed",
  "already_hidden",
  "nothing_to_circulate",
  "not_a_chat_question",
  "already_promoted",
  "breakout_active",
  "no_breakout",
  "breakout_ended",
  "rooms_assigned",
  "no_rooms",
  "already_in_room",
  "no_stages",
  "not_a_turn_stage",
  "no_turns_left",
  "turns_remaining",
  "already_in_stage",
  "last_stage",
  "already_their_turn",
  "turn_over",
  "consent_required",
  "ballot_not_possible",
  "ballot_already_open",
  "no_ballot_open",
  "already_voted",
  "not_eligible",
  "invalid_choice",
  "nothing_to_withdraw",
  "recording_not_permitted",
  "recording_exists",
  "recording_deleted",
  "recording_not_shared",
  "media_locked",
  "form_not_open",
  "form_closed",
  "not_in_audience",
  "already_answered",
  "unknown_question",
  "form_has_answers",
  "board_closed",
  "board_feature_off",
  "anonymous_not_allowed",
  "tag_not_allowed",
  "not_hidden",
  "vote_budget_spent",
  "card_vote_limit",
  "no_dot_to_remove",
  "already_signed",
  "not_signed",
  "not_in_this_stage",
  "format_exists",
  "too_many_formats",
  "record_not_published",
  "meeting_not_ended",
  "record_no_lead",
  "not_allowed_for_role",
  "observer_cannot_act",
  "waiting_for_stage",
  "agreement_required",
  "no_agreement",
  "role_link_invalid",
  "scale_not_open",
  "scale_revealed",
  "too_few_answers"
];
