// brm-graph schema: applied idempotently at start-up and by `brm schema apply`.
// One uniqueness constraint on `id` per label of domain.md (it also gives the id lookup index),
// plus the indexes the named queries rely on.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT employee_id IF NOT EXISTS FOR (n:Employee) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT circle_id IF NOT EXISTS FOR (n:Circle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT competitor_id IF NOT EXISTS FOR (n:Competitor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE;
// Name search ("zhang" finds "Zhang Wei") across everything a user looks up by name.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Account|Department|Contact|Employee|Circle|Opportunity|Competitor) ON EACH [n.name];
// Interaction level and gap windows filter activities by date.
CREATE RANGE INDEX activity_date IF NOT EXISTS FOR (n:Activity) ON (n.date);
// Reach restricted to a team.
CREATE RANGE INDEX employee_team IF NOT EXISTS FOR (n:Employee) ON (n.team);
// API keys (only a hash of the secret is stored) and the audit trail.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE RANGE INDEX audit_entity IF NOT EXISTS FOR (n:AuditEntry) ON (n.entity, n.entity_id);
CREATE RANGE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE TEXT INDEX audit_entity_id_text IF NOT EXISTS FOR (n:AuditEntry) ON (n.entity_id);
// History (issue 9): state snapshots keyed by entity ids, read "as of" a date and month by month.
CREATE RANGE INDEX contact_state_contact IF NOT EXISTS FOR (n:ContactState) ON (n.contact, n.at);
CREATE RANGE INDEX contact_state_account IF NOT EXISTS FOR (n:ContactState) ON (n.account, n.at);
// issue 17: has the history begun by a day (a past account map reads it)
CREATE RANGE INDEX contact_state_at IF NOT EXISTS FOR (n:ContactState) ON (n.at);
CREATE RANGE INDEX role_state_pair IF NOT EXISTS FOR (n:RoleState) ON (n.opportunity, n.contact, n.at);
CREATE RANGE INDEX role_state_contact IF NOT EXISTS FOR (n:RoleState) ON (n.contact);
CREATE RANGE INDEX tie_state_pair IF NOT EXISTS FOR (n:TieState) ON (n.employee, n.contact, n.at);
CREATE RANGE INDEX tie_state_contact IF NOT EXISTS FOR (n:TieState) ON (n.contact);
// Big imports (issue 16): the one import lock (the readers' gate) and the per-run journal of changes.
CREATE CONSTRAINT import_lock_name IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.name IS UNIQUE;
CREATE RANGE INDEX import_change_run IF NOT EXISTS FOR (n:ImportChange) ON (n.run, n.seq);
// Users and sign-in sessions (issue 14): a session is stored as the SHA-256 of its token only.
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
// Issue 13: one node per email address (lower-cased), owned by one person through HAS_EMAIL: the lookup
// that matches calendar attendees and mail senders/recipients to contacts and employees.
CREATE CONSTRAINT email_address IF NOT EXISTS FOR (n:EmailAddress) REQUIRE n.address IS UNIQUE;
// issue 17: history of deals, competitor ratings and reporting lines
CREATE RANGE INDEX deal_state_opportunity IF NOT EXISTS FOR (n:DealState) ON (n.opportunity, n.at);
CREATE RANGE INDEX deal_state_account IF NOT EXISTS FOR (n:DealState) ON (n.account, n.at);
CREATE RANGE INDEX compete_state_pair IF NOT EXISTS FOR (n:CompeteState) ON (n.opportunity, n.competitor, n.at);
CREATE RANGE INDEX compete_state_competitor IF NOT EXISTS FOR (n:CompeteState) ON (n.competitor);
CREATE RANGE INDEX line_state_pair IF NOT EXISTS FOR (n:LineState) ON (n.contact, n.manager, n.at);
CREATE RANGE INDEX line_state_manager IF NOT EXISTS FOR (n:LineState) ON (n.manager);
CREATE CONSTRAINT coaching_note_id IF NOT EXISTS FOR (n:CoachingNote) REQUIRE n.id IS UNIQUE;
CREATE RANGE INDEX graph_change_version IF NOT EXISTS FOR (n:GraphChange) ON (n.version);
// The alerts (issue 17) find the people who left or moved through these, not by reading every contact.
CREATE RANGE INDEX contact_left_at IF NOT EXISTS FOR (n:Contact) ON (n.left_at);
CREATE RANGE INDEX contact_moved_from IF NOT EXISTS FOR (n:Contact) ON (n.moved_from);
