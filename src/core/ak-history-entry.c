/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-history-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ak-history-entry-private.h"
#include "ak-util-private.h"

/* The text members of a line, in the order they are written. */
typedef enum
{
  FIELD_KEY_ID,
  FIELD_KEY_NAME,
  FIELD_OWNER,
  FIELD_PROJECT,
  FIELD_ACCOUNT,
  FIELD_ACCOUNT_ID,
  FIELD_SERVER,
  FIELD_USER,
  FIELD_ACCOUNT_PROJECT,
  FIELD_REPLACES,
  N_FIELDS
} Field;

/* Each text member: its name in the file, and whether a line without it is
 * not one of ours. Written once, read by the writer, the reader and the
 * CSV columns. */
static const struct {
  const char *member;
  gboolean    required;
} fields[N_FIELDS] = {
  [FIELD_KEY_ID]          = { "key_id", TRUE },
  [FIELD_KEY_NAME]        = { "key_name", FALSE },
  [FIELD_OWNER]           = { "owner", FALSE },
  [FIELD_PROJECT]         = { "project", FALSE },
  [FIELD_ACCOUNT]         = { "account", FALSE },
  [FIELD_ACCOUNT_ID]      = { "account_id", FALSE },
  [FIELD_SERVER]          = { "server", FALSE },
  [FIELD_USER]            = { "user", FALSE },
  [FIELD_ACCOUNT_PROJECT] = { "account_project", FALSE },
  [FIELD_REPLACES]        = { "replaces", FALSE },
};

struct _AkHistoryEntry
{
  GObject         parent_instance;

  /* Owned references */
  GDateTime      *time;
  char           *strings[N_FIELDS];

  AkKeyOperation  operation;
  AkKeyOutcome    outcome;
  AkKeyKind       kind;
};

G_DEFINE_FINAL_TYPE (AkHistoryEntry, ak_history_entry, G_TYPE_OBJECT)

static void
ak_history_entry_finalize (GObject *object)
{
  AkHistoryEntry *self = AK_HISTORY_ENTRY (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (ak_history_entry_parent_class)->finalize (object);
}

static void
ak_history_entry_class_init (AkHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ak_history_entry_finalize;
}

static void
ak_history_entry_init (AkHistoryEntry *self)
{
}

static char *
dup_not_blank (const char *str)
{
  return _ak_str_is_blank (str) ? NULL : g_strdup (str);
}

/* The server's address without anything that could be a credential or
 * session state: no user information, query or fragment. */
static char *
dup_server (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (_ak_str_is_blank (url))
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

/* Whole seconds in UTC, as the file says them. */
static GDateTime *
to_utc_seconds (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

/**
 * _ak_history_entry_new:
 * @result: a final result
 * @account: (nullable): the account it was in
 * @time: when it ended
 *
 * Copies what identifies the key and the account, and nothing else: not the
 * error, whose detail may quote the server.
 *
 * Returns: (transfer full): a new entry
 */
AkHistoryEntry *
_ak_history_entry_new (AkKeyResult *result,
                       AkAccount   *account,
                       GDateTime   *time)
{
  AkHistoryEntry *self;
  AkKey *key;

  g_return_val_if_fail (AK_IS_KEY_RESULT (result), NULL);
  g_return_val_if_fail (!account || AK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  key = ak_key_result_get_key (result);

  self = g_object_new (AK_TYPE_HISTORY_ENTRY, NULL);
  self->time = to_utc_seconds (time);
  self->operation = ak_key_result_get_operation (result);
  self->outcome = ak_key_result_get_outcome (result);
  self->kind = ak_key_get_kind (key);
  /* A create that made no key has no ID. */
  self->strings[FIELD_KEY_ID] = g_strdup (ak_key_get_id (key) != NULL ? ak_key_get_id (key)
                                                                      : "");
  self->strings[FIELD_KEY_NAME] = dup_not_blank (ak_key_get_name (key));
  self->strings[FIELD_OWNER] = dup_not_blank (ak_key_get_owner (key));
  self->strings[FIELD_PROJECT] = dup_not_blank (ak_key_get_project (key));
  self->strings[FIELD_REPLACES] = dup_not_blank (ak_key_result_get_replaces (result));

  if (account != NULL)
    {
      const char *user = ak_account_get_username (account);

      if (_ak_str_is_blank (user))
        user = ak_account_get_application_credential_id (account);

      self->strings[FIELD_ACCOUNT] = dup_not_blank (ak_account_get_display_label (account));
      self->strings[FIELD_ACCOUNT_ID] = dup_not_blank (ak_account_get_id (account));
      self->strings[FIELD_SERVER] = dup_server (ak_account_get_auth_url (account));
      self->strings[FIELD_USER] = dup_not_blank (user);
      self->strings[FIELD_ACCOUNT_PROJECT] = dup_not_blank (ak_account_get_project (account));
    }

  return self;
}

static gboolean
get_enum (GType        type,
          const char  *nick,
          int         *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (found == NULL)
    return FALSE;

  *value = found->value;
  return TRUE;
}

static const char *
get_nick (GType type,
          int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}

/* A text member, which must be a string if it is there. */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   char       **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

/**
 * _ak_history_entry_new_from_json:
 * @parser: (nullable): a parser to use again, for reading many lines
 * @line: one line of the history file, without its newline
 * @length: its length, or -1 when it ends in a nul
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when the line is
 *   not a JSON object with the members an entry has
 */
AkHistoryEntry *
_ak_history_entry_new_from_json (JsonParser  *parser,
                                 const char  *line,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonParser) own_parser = NULL;
  g_autoptr(AkHistoryEntry) self = NULL;
  g_autofree char *time = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *kind = NULL;
  JsonObject *object;
  JsonNode *root;
  int value;

  g_return_val_if_fail (!parser || JSON_IS_PARSER (parser), NULL);
  g_return_val_if_fail (line != NULL, NULL);

  if (parser == NULL)
    parser = own_parser = json_parser_new ();

  /* Whatever the file holds ends up in labels, which take only UTF-8. */
  if (!g_utf8_validate (line, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not UTF-8");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, line, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  self = g_object_new (AK_TYPE_HISTORY_ENTRY, NULL);

  if (!get_string_member (object, "time", TRUE, &time) ||
      !get_string_member (object, "operation", TRUE, &operation) ||
      !get_string_member (object, "outcome", TRUE, &outcome) ||
      !get_string_member (object, "kind", TRUE, &kind))
    goto invalid;

  {
    g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (time, NULL);

    if (parsed == NULL)
      goto invalid;
    self->time = to_utc_seconds (parsed);
  }

  if (!get_enum (AK_TYPE_KEY_OPERATION, operation, &value))
    goto invalid;
  self->operation = value;
  if (!get_enum (AK_TYPE_KEY_OUTCOME, outcome, &value))
    goto invalid;
  self->outcome = value;
  if (!get_enum (AK_TYPE_KEY_KIND, kind, &value))
    goto invalid;
  self->kind = value;

  for (guint i = 0; i < N_FIELDS; i++)
    if (!get_string_member (object, fields[i].member, fields[i].required, &self->strings[i]))
      goto invalid;

  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Not a history entry: a member is missing or of the wrong type");
  return NULL;
}

/**
 * _ak_history_entry_to_json:
 * @self: an #AkHistoryEntry
 *
 * Returns: (transfer full): the entry as one line of JSON, without a newline
 *   (JSON strings escape theirs)
 */
char *
_ak_history_entry_to_json (AkHistoryEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  time = g_date_time_format (self->time, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, get_nick (AK_TYPE_KEY_OPERATION, self->operation));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, get_nick (AK_TYPE_KEY_OUTCOME, self->outcome));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, get_nick (AK_TYPE_KEY_KIND, self->kind));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->strings[i] == NULL)
        continue;
      json_builder_set_member_name (builder, fields[i].member);
      json_builder_add_string_value (builder, self->strings[i]);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * ak_history_entry_get_time:
 * @self: an #AkHistoryEntry
 *
 * Returns: (transfer none): when it happened, in UTC
 */
GDateTime *
ak_history_entry_get_time (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  return self->time;
}

AkKeyOperation
ak_history_entry_get_operation (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), AK_KEY_OPERATION_DELETE);

  return self->operation;
}

AkKeyOutcome
ak_history_entry_get_outcome (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), AK_KEY_OUTCOME_UNKNOWN);

  return self->outcome;
}

AkKeyKind
ak_history_entry_get_kind (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), AK_KEY_KIND_EC2);

  return self->kind;
}

static const char *
get_field (AkHistoryEntry *self,
           Field           field)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  return self->strings[field];
}

/* The key's ID; empty for a create that made no key. */
const char *
ak_history_entry_get_key_id (AkHistoryEntry *self)
{
  return get_field (self, FIELD_KEY_ID);
}

const char *
ak_history_entry_get_key_name (AkHistoryEntry *self)
{
  return get_field (self, FIELD_KEY_NAME);
}

/* The key as a person knows it: its name where it has one, else its ID. */
const char *
ak_history_entry_get_key_label (AkHistoryEntry *self)
{
  const char *name = get_field (self, FIELD_KEY_NAME);

  return name != NULL ? name : get_field (self, FIELD_KEY_ID);
}

const char *
ak_history_entry_get_owner (AkHistoryEntry *self)
{
  return get_field (self, FIELD_OWNER);
}

const char *
ak_history_entry_get_project (AkHistoryEntry *self)
{
  return get_field (self, FIELD_PROJECT);
}

/* The account's name as the account menu shows it. */
const char *
ak_history_entry_get_account (AkHistoryEntry *self)
{
  return get_field (self, FIELD_ACCOUNT);
}

const char *
ak_history_entry_get_account_id (AkHistoryEntry *self)
{
  return get_field (self, FIELD_ACCOUNT_ID);
}

/* The identity service's address, without user information or query. */
const char *
ak_history_entry_get_server (AkHistoryEntry *self)
{
  return get_field (self, FIELD_SERVER);
}

/* Who the account signs in as: a user name, or an application credential's
 * ID. */
const char *
ak_history_entry_get_user (AkHistoryEntry *self)
{
  return get_field (self, FIELD_USER);
}

const char *
ak_history_entry_get_account_project (AkHistoryEntry *self)
{
  return get_field (self, FIELD_ACCOUNT_PROJECT);
}

/**
 * ak_history_entry_get_replaces:
 * @self: an #AkHistoryEntry
 *
 * Returns: (nullable): for a create that replaced a key, the old key's name
 *   or ID
 */
const char *
ak_history_entry_get_replaces (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  return self->strings[FIELD_REPLACES];
}

/**
 * ak_history_entry_dup_description:
 * @self: an #AkHistoryEntry
 *
 * What happened, as the History shows it: the summary, and for a key made
 * to replace another, which one ("Replaced ci-deploy: created").
 *
 * Returns: (transfer full): a few plain words
 */
char *
ak_history_entry_dup_description (AkHistoryEntry *self)
{
  const char *summary;

  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  summary = ak_history_entry_get_summary (self);
  if (self->operation != AK_KEY_OPERATION_CREATE || self->strings[FIELD_REPLACES] == NULL)
    return g_strdup (summary);

  switch (self->outcome)
    {
    case AK_KEY_OUTCOME_DONE:
      /* Translators: in the History, a key made to replace another; %s is
       * the old key's name or ID (the Key column names the new one). */
      return g_strdup_printf (_("Replaced %s: created"), self->strings[FIELD_REPLACES]);
    case AK_KEY_OUTCOME_SECRET_LOST:
      /* Translators: in the History: as "Replaced %s: created", but the
       * server's answer with the new key's secret was lost. */
      return g_strdup_printf (_("Replaced %s: created, secret not shown"),
                              self->strings[FIELD_REPLACES]);
    case AK_KEY_OUTCOME_ALREADY_GONE:
    case AK_KEY_OUTCOME_NOT_ALLOWED:
    case AK_KEY_OUTCOME_FAILED:
    case AK_KEY_OUTCOME_CHECKING:
    case AK_KEY_OUTCOME_UNKNOWN:
    default:
      /* Translators: in the History: what became of a key that was to
       * replace another ("Not created", "May have been created"…); the
       * second %s is the old key's name or ID. */
      return g_strdup_printf (_("%s (replacing %s)"), summary, self->strings[FIELD_REPLACES]);
    }
}

/**
 * ak_history_entry_get_summary:
 * @self: an #AkHistoryEntry
 *
 * Returns: (transfer none): what happened, in a few plain words
 */
const char *
ak_history_entry_get_summary (AkHistoryEntry *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  switch (self->operation)
    {
    case AK_KEY_OPERATION_RESTORE:
      switch (self->outcome)
        {
        case AK_KEY_OUTCOME_DONE:
          /* Translators: in the History, what happened to a key. */
          return _("Restored");
        case AK_KEY_OUTCOME_NOT_ALLOWED:
          /* Translators: in the History: the account may not restore keys. */
          return _("Not allowed to restore");
        case AK_KEY_OUTCOME_UNKNOWN:
        case AK_KEY_OUTCOME_CHECKING:
          /* Translators: in the History: the server's answer was lost. */
          return _("May have been restored");
        case AK_KEY_OUTCOME_ALREADY_GONE:
        case AK_KEY_OUTCOME_FAILED:
        case AK_KEY_OUTCOME_SECRET_LOST:
        default:
          /* Translators: in the History: a restore that failed. */
          return _("Not restored");
        }

    case AK_KEY_OPERATION_CREATE:
      switch (self->outcome)
        {
        case AK_KEY_OUTCOME_DONE:
          /* Translators: in the History, what happened to a key. */
          return _("Created");
        case AK_KEY_OUTCOME_SECRET_LOST:
          /* Translators: in the History: the key was created, but the
           * server's answer with its secret was lost. */
          return _("Created, secret not shown");
        case AK_KEY_OUTCOME_NOT_ALLOWED:
          /* Translators: in the History: the account may not create keys. */
          return _("Not allowed to create");
        case AK_KEY_OUTCOME_UNKNOWN:
        case AK_KEY_OUTCOME_CHECKING:
          /* Translators: in the History: the server's answer was lost. */
          return _("May have been created");
        case AK_KEY_OUTCOME_ALREADY_GONE:
        case AK_KEY_OUTCOME_FAILED:
        default:
          /* Translators: in the History: a create that failed. */
          return _("Not created");
        }

    case AK_KEY_OPERATION_DELETE:
    default:
      switch (self->outcome)
        {
        case AK_KEY_OUTCOME_DONE:
          /* Translators: in the History, what happened to a key. */
          return _("Deleted");
        case AK_KEY_OUTCOME_ALREADY_GONE:
          /* Translators: in the History: the server no longer had the key. */
          return _("Already deleted");
        case AK_KEY_OUTCOME_NOT_ALLOWED:
          /* Translators: in the History: the account may not delete it. */
          return _("Not allowed to delete");
        case AK_KEY_OUTCOME_UNKNOWN:
        case AK_KEY_OUTCOME_CHECKING:
          /* Translators: in the History: the server's answer was lost. */
          return _("May have been deleted");
        case AK_KEY_OUTCOME_FAILED:
        case AK_KEY_OUTCOME_SECRET_LOST:
        default:
          /* Translators: in the History: a delete that failed. */
          return _("Not deleted");
        }
    }
}

/* The columns of the CSV export, in order. */
typedef enum
{
  COLUMN_TIME,
  COLUMN_SUMMARY,
  COLUMN_KEY_ID,
  COLUMN_KEY_NAME,
  COLUMN_KIND,
  COLUMN_OWNER,
  COLUMN_PROJECT,
  COLUMN_ACCOUNT,
  COLUMN_SERVER,
  COLUMN_USER,
  COLUMN_ACCOUNT_PROJECT,
  N_COLUMNS
} Column;

guint
_ak_history_entry_get_n_columns (void)
{
  return N_COLUMNS;
}

/**
 * _ak_history_entry_get_column_title:
 * @column: a column, below _ak_history_entry_get_n_columns()
 *
 * Returns: (transfer none): the column's heading in the CSV export
 */
const char *
_ak_history_entry_get_column_title (guint column)
{
  switch ((Column) column)
    {
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_TIME: return _("Time (UTC)");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_SUMMARY: return _("What Happened");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_KEY_ID: return _("Key ID");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_KEY_NAME: return _("Key Name");
    /* Translators: a column heading in the exported history (CSV): access
     * key or application credential. */
    case COLUMN_KIND: return _("Type");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_OWNER: return _("Owner");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_PROJECT: return _("Project");
    /* Translators: a column heading in the exported history (CSV). */
    case COLUMN_ACCOUNT: return _("Account");
    /* Translators: a column heading in the exported history (CSV): the
     * address of the account's identity service. */
    case COLUMN_SERVER: return _("Server");
    /* Translators: a column heading in the exported history (CSV): who the
     * account signs in as. */
    case COLUMN_USER: return _("Signed In As");
    /* Translators: a column heading in the exported history (CSV): the
     * project the account signs in to. */
    case COLUMN_ACCOUNT_PROJECT: return _("Account Project");
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * _ak_history_entry_dup_column:
 * @self: an #AkHistoryEntry
 * @column: a column, below _ak_history_entry_get_n_columns()
 *
 * Returns: (transfer full): the entry's value in @column, "" for none
 */
char *
_ak_history_entry_dup_column (AkHistoryEntry *self,
                              guint           column)
{
  const char *value = NULL;

  g_return_val_if_fail (AK_IS_HISTORY_ENTRY (self), NULL);

  switch ((Column) column)
    {
    case COLUMN_TIME:
      return g_date_time_format (self->time, "%Y-%m-%dT%H:%M:%SZ");
    case COLUMN_SUMMARY:
      return ak_history_entry_dup_description (self);
    case COLUMN_KEY_ID:
      value = self->strings[FIELD_KEY_ID];
      break;
    case COLUMN_KEY_NAME:
      value = self->strings[FIELD_KEY_NAME];
      break;
    case COLUMN_KIND:
      /* The same words as the key list's Type column (ak-key.c). */
      if (self->kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
        value = _("Application credential");
      else
        value = _("Access key");
      break;
    case COLUMN_OWNER:
      value = self->strings[FIELD_OWNER];
      break;
    case COLUMN_PROJECT:
      value = self->strings[FIELD_PROJECT];
      break;
    case COLUMN_ACCOUNT:
      value = self->strings[FIELD_ACCOUNT];
      break;
    case COLUMN_SERVER:
      value = self->strings[FIELD_SERVER];
      break;
    case COLUMN_USER:
      value = self->strings[FIELD_USER];
      break;
    case COLUMN_ACCOUNT_PROJECT:
      value = self->strings[FIELD_ACCOUNT_PROJECT];
      break;
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }

  return g_strdup (value != NULL ? value : "");
}
