/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-unreadable-entry.h"
#include "ak-util-private.h"

/* What the parsers require
 * ========================
 *
 * A body the app only half understands is refused whole with
 * AK_ERROR_PROTOCOL. The entries of a list of keys are judged one by one:
 * one the app cannot read safely (an ID with a bidi override or too long, a
 * field missing or of the wrong type, an entry that is no object) becomes
 * an AkUnreadableEntry, its position and the reason, rather than a key, and
 * the valid entries are kept. Keystone's /v3/credentials takes any access
 * string, so one bad entry must not hide every good one; and the person
 * deciding what to delete is told that the list is missing some, never
 * shown a list silently short of keys. An unreadable entry is never an
 * AkKey, so it cannot be offered for deletion. Its reason names the field,
 * never its value: the entry may hold a secret, and its ID is what was
 * refused.
 *
 * Every body must be one JSON object, valid UTF-8, at most
 * AK_KEYSTONE_JSON_MAX_BODY_SIZE bytes and AK_KEYSTONE_JSON_MAX_DEPTH levels
 * deep, without NUL characters (raw or as "\u0000", which json-glib would cut
 * a string at), without unpaired UTF-16 surrogates ("\ud800", which json-glib
 * turns into bytes that are not UTF-8), without raw control characters in
 * strings, and without the extensions json-glib accepts beyond JSON
 * (comments, single-quoted strings, several top-level values). This is checked
 * by a scan before json-glib sees the bytes, because json-glib recurses once
 * per level and overflows the stack on deep nesting.
 *
 * Field kinds:
 *  - identifier: a non-empty string of at most AK_KEYSTONE_JSON_MAX_ID_LENGTH
 *    bytes without control or format characters (no newlines, no bidi
 *    overrides, no zero-width characters), so a key ID shown in the delete
 *    dialog is exactly the key deleted. Required ones must be present and not
 *    null; optional ones may be absent or null, but if present must be valid.
 *  - text (names, descriptions): a string of any length, or absent/null; an
 *    empty string is read as absent, so the owner falls back to the user ID.
 *  - every string read must be valid UTF-8 (json-glib can make one that is
 *    not; the scan above prevents it and each read checks again).
 *  - time: an ISO 8601 string, as short as an identifier; without a zone it
 *    is UTC (Keystone writes application credentials' expiry without one).
 *    An empty or unreadable time is an error, never "does not expire".
 *  - a field of the wrong JSON type is always an error, even an optional one.
 *  - fields the app does not use are not looked at, except the secrets, which
 *    are overwritten in the parsed tree (see below).
 *
 * Per body:
 *  - token: token (object); token.user (object) with id (identifier), name
 *    (text), domain (optional object) with id (optional identifier);
 *    token.project (optional object) with id (identifier), name (text),
 *    domain.id (optional identifier); expires_at (time, required); roles
 *    (optional array of objects each with a required non-empty name);
 *    application_credential (optional object) with id (identifier) and
 *    restricted (optional boolean; absent or null counts as true).
 *  - OS-EC2 list: credentials (array of objects) with access (identifier),
 *    user_id (identifier), tenant_id (optional identifier). "secret" is never
 *    read into anything.
 *  - /v3/credentials list: credentials (array of objects) with type (a
 *    non-empty string); entries whose type is not "ec2" are skipped; ec2 ones
 *    need user_id (identifier), project_id (optional identifier) and blob, a
 *    string holding a JSON object (checked like a body) with access
 *    (identifier), the key's ID.
 *  - application credential list: application_credentials (array of objects)
 *    with id, user_id (identifiers), name, description (text), project_id
 *    (optional identifier), expires_at (optional time), unrestricted
 *    (optional boolean; absent or null is false), roles (optional array of
 *    objects each with a required non-empty name), access_rules (optional
 *    array of objects with id (optional identifier), service, method and
 *    path (text)).
 *  - create responses: as one list entry, under "credential" or
 *    "application_credential", plus secret (non-empty string, required: a new
 *    key whose secret is not shown is of no use).
 *  - one key (GET of one OS-EC2 credential or application credential): as
 *    one list entry, under "credential" or "application_credential"; the
 *    EC2 secret is required only when the caller asks for it.
 *  - a restored key (201 to POST /v3/credentials): as one /v3/credentials
 *    list entry, under "credential", whose type must be "ec2".
 *  - a user or project (GET /v3/users/{id}, GET /v3/projects/{id}): under
 *    "user" or "project", id (identifier), name (text), domain_id (optional
 *    identifier), enabled (boolean, required for a user: the details say
 *    whether the owner may sign in, and must not guess it).
 *  - names: the collection (array of objects) with id (identifier) and name
 *    (non-empty string); a repeated ID keeps the last name.
 *  - a key ID that appears twice in one list refuses the list: the server
 *    is confused, and either entry may be the one a delete would hit.
 *  - the names lists are read whole: a bad entry there refuses the list.
 *
 * Secrets
 * =======
 *
 * json-glib holds every string of the parsed tree in memory it frees without
 * clearing. The tree is ours alone and freed right after reading it, so the
 * "secret" and "blob" strings in it are overwritten with zeros first. What
 * remains out of reach: the body itself (owned by the caller) and the copy
 * json-glib's scanner makes of each string while reading it.
 *
 * The builders that carry a secret do not use JsonGenerator, which grows its
 * output with realloc and so leaves partial copies behind: they measure the
 * exact size first, write the JSON into one buffer of that size, copy it into
 * the returned AkSecret and overwrite the buffer before freeing it. */

/* Where in a body a field is, for the error detail. */
typedef struct
{
  const char *path;
  int         index;
} Where;

typedef enum
{
  FIELD_OPTIONAL   = 0,
  FIELD_REQUIRED   = 1 << 0,
  FIELD_IDENTIFIER = 1 << 1,
} FieldFlags;

static const Where top_level = { NULL, -1 };

static char *
where_path (const Where *where,
            const char  *name)
{
  if (where->path == NULL)
    return g_strdup (name);

  if (where->index >= 0)
    return g_strdup_printf ("%s[%d].%s", where->path, where->index, name);

  return g_strdup_printf ("%s.%s", where->path, name);
}

static gboolean G_GNUC_PRINTF (2, 3)
set_protocol_error (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  ak_set_error (error, AK_ERROR_PROTOCOL, 0, detail);

  return FALSE;
}

static gboolean
set_protocol_error_literal (GError     **error,
                            const char  *detail)
{
  ak_set_error (error, AK_ERROR_PROTOCOL, 0, detail);

  return FALSE;
}

static gboolean
field_missing (GError      **error,
               const Where  *where,
               const char   *name)
{
  g_autofree char *path = where_path (where, name);

  /* TRANSLATORS: %s names a field of the server's answer, such as
   * “credentials[2].access”. */
  return set_protocol_error (error, _("The answer has no “%s”."), path);
}

static gboolean
field_wrong_type (GError      **error,
                  const Where  *where,
                  const char   *name)
{
  g_autofree char *path = where_path (where, name);

  /* TRANSLATORS: %s names a field of the server's answer. */
  return set_protocol_error (error, _("The answer’s “%s” has the wrong type."), path);
}

static gboolean
field_invalid (GError      **error,
               const Where  *where,
               const char   *name)
{
  g_autofree char *path = where_path (where, name);

  /* TRANSLATORS: %s names a field of the server's answer. */
  return set_protocol_error (error, _("The answer’s “%s” is not valid."), path);
}

static gboolean
is_whitespace (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
read_hex4 (const char *data,
           gsize       len,
           gsize       at,
           gunichar   *out)
{
  *out = 0;

  if (at + 4 > len)
    return FALSE;

  for (gsize i = at; i < at + 4; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);

      if (digit < 0)
        return FALSE;

      *out = (*out << 4) | (gunichar)digit;
    }

  return TRUE;
}

/* Returns the length of the escape sequence at @data[@at], a backslash, or 0
 * for one we refuse: "\u0000", which json-glib cuts the string at, and a
 * UTF-16 surrogate not in a pair, which json-glib turns into bytes that are
 * not UTF-8 (and eats the character after it). Other escapes are left for
 * json-glib to judge: they are one character after the backslash. */
static gsize
escape_length (const char *data,
               gsize       len,
               gsize       at)
{
  gunichar unit;
  gunichar low;

  if (at + 1 >= len)
    return 0;

  if (data[at + 1] != 'u')
    return 2;

  if (!read_hex4 (data, len, at + 2, &unit) || unit == 0)
    return 0;

  if (unit >= 0xdc00 && unit <= 0xdfff)
    return 0;

  if (unit < 0xd800 || unit > 0xdbff)
    return 6;

  if (at + 7 < len && data[at + 6] == '\\' && data[at + 7] == 'u' &&
      read_hex4 (data, len, at + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
    return 12;

  return 0;
}

/* Checks that @data is one JSON object json-glib can parse without harm; see
 * the top of this file. Strings are skipped but for their escapes, checked by
 * escape_length(); no escape holds a quote that would end the string. */
static gboolean
check_shape (const char  *data,
             gsize        len,
             GError     **error)
{
  gboolean seen_root = FALSE;
  guint depth = 0;
  gsize i = 0;

  if (len == 0)
    return set_protocol_error_literal (error, _("The answer is empty."));

  if (len > AK_KEYSTONE_JSON_MAX_BODY_SIZE)
    {
      if (error != NULL)
        *error = ak_error_new_too_large (0, _("The answer is too large."));
      return FALSE;
    }

  /* Also refuses NUL bytes. */
  if (!g_utf8_validate_len (data, len, NULL))
    return set_protocol_error_literal (error, _("The answer is not valid text."));

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          if (depth == 0)
            break;

          for (i++; i < len && data[i] != '"'; i++)
            {
              if ((guchar)data[i] < 0x20)
                return set_protocol_error_literal (error, _("The answer is not valid JSON."));

              if (data[i] == '\\')
                {
                  gsize escape_len = escape_length (data, len, i);

                  if (escape_len == 0)
                    return set_protocol_error_literal (error, _("The answer is not valid JSON."));

                  i += escape_len - 1;
                }
            }

          if (i >= len)
            return set_protocol_error_literal (error, _("The answer is cut short."));
        }
      else if (c == '{' || c == '[')
        {
          if (depth == 0 && (seen_root || c != '{'))
            break;

          if (++depth > AK_KEYSTONE_JSON_MAX_DEPTH)
            return set_protocol_error_literal (error, _("The answer is nested too deeply."));

          seen_root = TRUE;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            break;

          depth--;
        }
      else if (is_whitespace (c))
        {
        }
      else if (depth == 0 ||
               !(g_ascii_isalnum (c) || c == ',' || c == ':' || c == '-' || c == '+' || c == '.'))
        {
          break;
        }
    }

  if (i < len)
    return set_protocol_error_literal (error, _("The answer is not a JSON object."));

  if (!seen_root || depth != 0)
    return set_protocol_error_literal (error, _("The answer is cut short."));

  return TRUE;
}

/* Returns: (transfer full): the root object node of @data, or %NULL */
static JsonNode *
parse_object (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_shape (data, len, error))
    return NULL;

  parser = json_parser_new ();

  /* json-glib's own message may quote the body, so it goes nowhere. */
  if (!json_parser_load_from_data (parser, data, (gssize)len, &local_error))
    {
      set_protocol_error_literal (error, _("The answer is not valid JSON."));
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_protocol_error_literal (error, _("The answer is not a JSON object."));
      return NULL;
    }

  return g_steal_pointer (&root);
}

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  const char *data;
  gsize len = 0;

  data = g_bytes_get_data (body, &len);

  return parse_object (data, len, error);
}

static gboolean
is_identifier (const char *value)
{
  gsize len = strlen (value);
  const char *p;

  if (len == 0 || len > AK_KEYSTONE_JSON_MAX_ID_LENGTH)
    return FALSE;

  for (p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return FALSE;
    }

  return TRUE;
}

static gboolean
node_holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Looks up the member @name of @object into @out: %NULL when it is absent
 * or null (an error if it is required), else a node of @type (an error if it
 * is of another type). */
static gboolean
read_node (JsonObject    *object,
           const Where   *where,
           const char    *name,
           FieldFlags     flags,
           JsonNodeType   type,
           JsonNode     **out,
           GError       **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if ((flags & FIELD_REQUIRED) != 0)
        return field_missing (error, where, name);

      return TRUE;
    }

  if (JSON_NODE_TYPE (node) != type)
    return field_wrong_type (error, where, name);

  *out = node;

  return TRUE;
}

/* Reads the string member @name of @object into @out, which stays owned by
 * the tree. Absent, null and (for text) empty give %NULL. */
static gboolean
read_string (JsonObject   *object,
             const Where  *where,
             const char   *name,
             FieldFlags    flags,
             const char  **out,
             GError      **error)
{
  JsonNode *node;
  const char *value;

  *out = NULL;

  if (!read_node (object, where, name, flags, JSON_NODE_VALUE, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds_string (node))
    return field_wrong_type (error, where, name);

  value = json_node_get_string (node);

  /* check_shape() keeps json-glib from making such strings; this is the
   * second lock on the door, since everything read here reaches the UI. */
  if (!g_utf8_validate (value, -1, NULL))
    return field_invalid (error, where, name);

  if ((flags & FIELD_IDENTIFIER) != 0)
    {
      if (!is_identifier (value))
        return field_invalid (error, where, name);
    }
  else if (*value == '\0')
    {
      if ((flags & FIELD_REQUIRED) != 0)
        return field_invalid (error, where, name);

      value = NULL;
    }

  *out = value;

  return TRUE;
}

static gboolean
read_time (JsonObject   *object,
           const Where  *where,
           const char   *name,
           FieldFlags    flags,
           GDateTime   **out,
           GError      **error)
{
  g_autoptr(GTimeZone) utc = NULL;
  const char *value;

  *out = NULL;

  /* Read as an identifier: an empty or huge time is not "never". */
  if (!read_string (object, where, name, flags | FIELD_IDENTIFIER, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  utc = g_time_zone_new_utc ();
  *out = g_date_time_new_from_iso8601 (value, utc);
  if (*out == NULL)
    return field_invalid (error, where, name);

  return TRUE;
}

static gboolean
read_object (JsonObject   *object,
             const Where  *where,
             const char   *name,
             FieldFlags    flags,
             JsonObject  **out,
             GError      **error)
{
  JsonNode *node;

  *out = NULL;

  if (!read_node (object, where, name, flags, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_object (node);

  return TRUE;
}

static gboolean
read_array (JsonObject   *object,
            const Where  *where,
            const char   *name,
            FieldFlags    flags,
            JsonArray   **out,
            GError      **error)
{
  JsonNode *node;

  *out = NULL;

  if (!read_node (object, where, name, flags, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_array (node);

  return TRUE;
}

/* Returns: (transfer none) (nullable): element @index of @array if it is an
 * object, else %NULL with @error set */
static JsonObject *
array_get_object (JsonArray   *array,
                  const char  *path,
                  guint        index,
                  GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: “%s[%u]” names an entry of a list in the server's
       * answer, such as “credentials[2]”; %u is an index, not a count. */
      set_protocol_error (error, _("The answer’s “%s[%u]” has the wrong type."),
                          path, index);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Overwrites the string member @name of @object, if any, with zeros. The
 * tree is ours alone and is freed right after; see the top of this file. */
static void
wipe_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  char *value;

  if (node == NULL || !node_holds_string (node))
    return;

  value = (char *)json_node_get_string (node);
  _ak_wipe_bytes (value, strlen (value));
}

static void
wipe_list_secrets (JsonArray *array)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          wipe_string_member (json_node_get_object (node), "secret");
          wipe_string_member (json_node_get_object (node), "blob");
        }
    }
}

/* Refuses a list where @key's ID was seen before. */
static gboolean
check_unique (GHashTable   *seen,
              AkKey        *key,
              const Where  *where,
              const char   *name,
              GError      **error)
{
  g_autofree char *path = NULL;

  if (g_hash_table_add (seen, (gpointer)ak_key_get_id (key)))
    return TRUE;

  path = where_path (where, name);

  /* TRANSLATORS: %s names a field of the server's answer. */
  return set_protocol_error (error, _("The answer lists “%s” twice."), path);
}

/* Token */

void
ak_keystone_token_free (AkKeystoneToken *token)
{
  if (token == NULL)
    return;

  g_free (token->user_id);
  g_free (token->user_name);
  g_free (token->user_domain_id);
  g_free (token->project_id);
  g_free (token->project_name);
  g_free (token->project_domain_id);
  g_free (token->application_credential_id);
  g_clear_pointer (&token->expires_at, g_date_time_unref);
  g_strfreev (token->roles);
  g_free (token);
}

static gboolean
read_domain_id (JsonObject   *object,
                const char   *path,
                char        **out,
                GError      **error)
{
  g_autofree char *domain_path = g_strdup_printf ("%s.domain", path);
  const Where where = { domain_path, -1 };
  const Where outer = { path, -1 };
  JsonObject *domain;
  const char *id;

  if (!read_object (object, &outer, "domain", FIELD_OPTIONAL, &domain, error))
    return FALSE;

  if (domain == NULL)
    return TRUE;

  if (!read_string (domain, &where, "id", FIELD_IDENTIFIER, &id, error))
    return FALSE;

  *out = g_strdup (id);

  return TRUE;
}

static gboolean
read_roles (JsonObject       *token_object,
            AkKeystoneToken  *token,
            GError          **error)
{
  const Where where = { "token", -1 };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *roles;
  guint n;

  if (!read_array (token_object, &where, "roles", FIELD_OPTIONAL, &roles, error))
    return FALSE;

  n = roles != NULL ? json_array_get_length (roles) : 0;
  for (guint i = 0; i < n; i++)
    {
      const Where role_where = { "token.roles", (int)i };
      JsonObject *role;
      const char *name;

      role = array_get_object (roles, "token.roles", i, error);
      if (role == NULL)
        return FALSE;

      if (!read_string (role, &role_where, "name", FIELD_REQUIRED, &name, error))
        return FALSE;

      g_strv_builder_add (builder, name);

      /* Keystone's policy engine compares role names without case. */
      if (g_ascii_strcasecmp (name, "admin") == 0)
        token->is_admin = TRUE;
    }

  token->roles = g_strv_builder_end (builder);

  return TRUE;
}

/**
 * ak_keystone_json_parse_token:
 * @body: the body of a 201 to `POST /v3/auth/tokens`
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): who signed in, or %NULL with @error set
 */
AkKeystoneToken *
ak_keystone_json_parse_token (GBytes  *body,
                              GError **error)
{
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(JsonNode) root = NULL;
  const Where token_where = { "token", -1 };
  const Where user_where = { "token.user", -1 };
  const Where project_where = { "token.project", -1 };
  const Where app_cred_where = { "token.application_credential", -1 };
  JsonObject *object;
  JsonObject *user;
  JsonObject *project;
  JsonObject *app_cred;
  JsonNode *restricted;
  const char *value;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  token = g_new0 (AkKeystoneToken, 1);

  if (!read_object (json_node_get_object (root), &top_level, "token", FIELD_REQUIRED,
                    &object, error) ||
      !read_object (object, &token_where, "user", FIELD_REQUIRED, &user, error) ||
      !read_object (object, &token_where, "project", FIELD_OPTIONAL, &project, error) ||
      !read_object (object, &token_where, "application_credential", FIELD_OPTIONAL,
                    &app_cred, error))
    return NULL;

  if (!read_string (user, &user_where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER, &value, error))
    return NULL;
  token->user_id = g_strdup (value);

  if (!read_string (user, &user_where, "name", FIELD_OPTIONAL, &value, error))
    return NULL;
  token->user_name = g_strdup (value);

  if (!read_domain_id (user, "token.user", &token->user_domain_id, error))
    return NULL;

  if (project != NULL)
    {
      if (!read_string (project, &project_where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER,
                        &value, error))
        return NULL;
      token->project_id = g_strdup (value);

      if (!read_string (project, &project_where, "name", FIELD_OPTIONAL, &value, error))
        return NULL;
      token->project_name = g_strdup (value);

      if (!read_domain_id (project, "token.project", &token->project_domain_id, error))
        return NULL;
    }

  if (app_cred != NULL)
    {
      if (!read_string (app_cred, &app_cred_where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER,
                        &value, error))
        return NULL;
      token->application_credential_id = g_strdup (value);

      /* Keystone makes application credentials restricted unless asked
       * otherwise: only a plain "false" lets the token manage others. */
      if (!read_node (app_cred, &app_cred_where, "restricted", FIELD_OPTIONAL, JSON_NODE_VALUE,
                      &restricted, error))
        return NULL;
      if (restricted != NULL && json_node_get_value_type (restricted) != G_TYPE_BOOLEAN)
        {
          field_wrong_type (error, &app_cred_where, "restricted");
          return NULL;
        }
      token->application_credential_unrestricted =
        restricted != NULL && !json_node_get_boolean (restricted);
    }

  if (!read_time (object, &token_where, "expires_at", FIELD_REQUIRED, &token->expires_at, error))
    return NULL;

  if (!read_roles (object, token, error))
    return NULL;

  return g_steal_pointer (&token);
}

/* Lists of keys and create responses */

/* Reads one list entry, or the object of a create response, into a key. In
 * a list it may skip an entry that is not a key: NULL without an error. */
typedef AkKey *(*KeyReader) (JsonObject   *object,
                             const Where  *where,
                             GError      **error);

/* Adds to @unreadable the entry at @index, which @entry_error says could not
 * be read. The reason is the error's detail, which names the field and never
 * quotes it. */
static void
add_unreadable (GPtrArray    *unreadable,
                AkKeyKind     kind,
                guint         index,
                const GError *entry_error)
{
  const char *reason = ak_error_get_detail (entry_error);

  if (unreadable == NULL)
    return;

  g_ptr_array_add (unreadable,
                   ak_unreadable_entry_new (kind, index,
                                            reason != NULL ? reason : entry_error->message));
}

/* Reads every entry of @array, the member @member of a list of keys of
 * @kind, with @read_key; @id_field names the entries' ID in the error for an
 * ID seen twice. An entry that cannot be read goes into @unreadable (when
 * not %NULL) instead of the keys. */
static GPtrArray *
read_key_list (JsonArray   *array,
               const char  *member,
               KeyReader    read_key,
               const char  *id_field,
               AkKeyKind    kind,
               GPtrArray   *unreadable,
               GError     **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n = json_array_get_length (array);

  keys = g_ptr_array_new_full (n, g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const Where where = { member, (int)i };
      g_autoptr(GError) entry_error = NULL;
      JsonObject *object;
      AkKey *key;

      object = array_get_object (array, member, i, &entry_error);
      if (object == NULL)
        {
          add_unreadable (unreadable, kind, i, entry_error);
          continue;
        }

      key = read_key (object, &where, &entry_error);
      if (entry_error != NULL)
        {
          g_assert (key == NULL);
          add_unreadable (unreadable, kind, i, entry_error);
          continue;
        }

      if (key == NULL)
        continue;

      g_ptr_array_add (keys, key);

      if (!check_unique (seen, key, &where, id_field, error))
        return NULL;
    }

  return g_steal_pointer (&keys);
}

/**
 * ak_keystone_page_clear:
 * @page: a page filled by a parser
 *
 * Frees what @page holds and empties it.
 */
void
ak_keystone_page_clear (AkKeystonePage *page)
{
  g_return_if_fail (page != NULL);

  g_clear_pointer (&page->next_marker, g_free);
  page->truncated = FALSE;
}

/* The marker in the query of @next, a links.next such as
 * "http://host/v3/users?limit=1000&marker=abc". Only the marker is taken:
 * the next page is asked of the server the account signed in to, whatever
 * host the link names, so that the token goes nowhere else. */
static char *
next_marker (const char *next)
{
  g_autoptr(GHashTable) params = NULL;
  const char *query = strchr (next, '?');
  const char *marker;

  if (query == NULL)
    return NULL;

  params = g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_NONE, NULL);
  marker = params != NULL ? g_hash_table_lookup (params, "marker") : NULL;
  if (marker == NULL || *marker == '\0' || strlen (marker) > AK_KEYSTONE_JSON_MAX_ID_LENGTH)
    return NULL;

  return g_strdup (marker);
}

/* Where the list in @root goes on, into @page: a links.next that is not a
 * string, or whose marker cannot be read, leaves only "truncated" to tell. */
static void
read_page (JsonObject     *root,
           AkKeystonePage *page)
{
  JsonObject *links = NULL;
  JsonNode *node;

  node = json_object_get_member (root, "truncated");
  page->truncated = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                    json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                    json_node_get_boolean (node);

  node = json_object_get_member (root, "links");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    links = json_node_get_object (node);
  node = links != NULL ? json_object_get_member (links, "next") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    page->next_marker = next_marker (json_node_get_string (node));
}

/* Returns: (transfer full): the keys of the list @member of @body, with
 * the entries that could not be read in @unreadable (when not %NULL), or
 * %NULL with @error set when the body as a whole is refused */
static GPtrArray *
parse_key_list (GBytes      *body,
                const char  *member,
                KeyReader    read_key,
                const char  *id_field,
                AkKeyKind    kind,
                gboolean     whole,
                GPtrArray  **unreadable,
                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AkKeystonePage page = { NULL, FALSE };
  JsonArray *array;
  GPtrArray *keys;

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!read_array (json_node_get_object (root), &top_level, member, FIELD_REQUIRED,
                   &array, error))
    return NULL;

  /* With @whole, a list the server cut short is no answer. */
  if (whole)
    {
      read_page (json_node_get_object (root), &page);
      if (page.truncated || page.next_marker != NULL)
        {
          ak_keystone_page_clear (&page);
          wipe_list_secrets (array);
          set_protocol_error (error, "%s: truncated", member);
          return NULL;
        }
    }

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  keys = read_key_list (array, member, read_key, id_field, kind, entries, error);

  /* A list of application credentials never carries the secret, but a
   * server that sent one anyway gets the same care as the OS-EC2 list. */
  wipe_list_secrets (array);

  if (keys != NULL && unreadable != NULL)
    *unreadable = g_steal_pointer (&entries);

  return keys;
}

static gboolean
take_secret (JsonObject   *object,
             const Where  *where,
             AkSecret    **secret,
             GError      **error)
{
  const char *value;

  if (!read_string (object, where, "secret", FIELD_REQUIRED, &value, error))
    return FALSE;

  if (secret != NULL)
    *secret = ak_secret_new (value);

  return TRUE;
}

/* Reads the one key under @member of @body. With @secret_required, its
 * "secret" must be there and goes into @secret (when not %NULL). The secrets
 * in the tree are wiped either way. */
static AkKey *
parse_one (GBytes      *body,
           const char  *member,
           KeyReader    read_key,
           gboolean     secret_required,
           AkSecret   **secret,
           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AkSecret) new_secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  const Where where = { member, -1 };
  JsonObject *object;

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!read_object (json_node_get_object (root), &top_level, member, FIELD_REQUIRED,
                    &object, error))
    return NULL;

  key = read_key (object, &where, &local_error);

  /* A reader may skip what is not a key, as in a list; here it must be one. */
  if (key == NULL && local_error == NULL)
    field_invalid (&local_error, &top_level, member);

  if (key != NULL && secret_required &&
      !take_secret (object, &where, &new_secret, &local_error))
    g_clear_object (&key);

  wipe_string_member (object, "secret");
  wipe_string_member (object, "blob");

  if (key == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (secret != NULL)
    *secret = g_steal_pointer (&new_secret);

  return g_steal_pointer (&key);
}

static AkKey *
parse_created (GBytes      *body,
               const char  *member,
               KeyReader    read_key,
               AkSecret   **secret,
               GError     **error)
{
  return parse_one (body, member, read_key, TRUE, secret, error);
}

/* The two EC2 APIs describe the same key in different shapes. */
static AkKey *
new_ec2_key (const char *access,
             const char *user_id,
             const char *project_id)
{
  AkKey *key = ak_key_new (AK_KEY_KIND_EC2, access);

  ak_key_set_user_id (key, user_id);
  ak_key_set_project_id (key, project_id);

  return key;
}

/* EC2 credentials through OS-EC2 */

static AkKey *
key_from_ec2 (JsonObject   *object,
              const Where  *where,
              GError      **error)
{
  const char *access;
  const char *user_id;
  const char *project_id;

  if (!read_string (object, where, "access", FIELD_REQUIRED | FIELD_IDENTIFIER, &access, error) ||
      !read_string (object, where, "user_id", FIELD_REQUIRED | FIELD_IDENTIFIER, &user_id,
                    error) ||
      !read_string (object, where, "tenant_id", FIELD_IDENTIFIER, &project_id, error))
    return NULL;

  return new_ec2_key (access, user_id, project_id);
}

/**
 * ak_keystone_json_parse_ec2_list:
 * @body: the body of `GET /v3/users/{id}/credentials/OS-EC2`
 * @unreadable: (out) (optional) (transfer full) (element-type AkUnreadableEntry):
 *   return location for the entries that could not be read, possibly none
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * The secrets in the body are not copied anywhere. An entry that cannot be
 * read safely is left out of the keys and reported in @unreadable; only a
 * body refused as a whole is an error.
 *
 * Returns: (transfer full) (element-type AkKey): the keys, possibly none, or
 *   %NULL with @error set
 */
GPtrArray *
ak_keystone_json_parse_ec2_list (GBytes     *body,
                                 GPtrArray **unreadable,
                                 GError    **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (unreadable == NULL || *unreadable == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_key_list (body, "credentials", key_from_ec2, "access", AK_KEY_KIND_EC2, FALSE,
                         unreadable, error);
}

/**
 * ak_keystone_json_parse_ec2_created:
 * @body: the body of a 201 to `POST /v3/users/{id}/credentials/OS-EC2`
 * @secret: (out) (optional): return location for the new key's secret
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the new key, or %NULL with @error set
 */
AkKey *
ak_keystone_json_parse_ec2_created (GBytes    *body,
                                    AkSecret **secret,
                                    GError   **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (secret == NULL || *secret == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_created (body, "credential", key_from_ec2, secret, error);
}

/**
 * ak_keystone_json_parse_ec2:
 * @body: the body of `GET /v3/users/{id}/credentials/OS-EC2/{access}`
 * @secret: (out) (optional): return location for the key's secret, which
 *   the body must then hold
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
AkKey *
ak_keystone_json_parse_ec2 (GBytes    *body,
                            AkSecret **secret,
                            GError   **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (secret == NULL || *secret == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_one (body, "credential", key_from_ec2, secret != NULL, secret, error);
}

/* EC2 credentials through /v3/credentials */

static gboolean
read_blob_access (JsonObject   *object,
                  const Where  *where,
                  char        **access,
                  GError      **error)
{
  g_autoptr(JsonNode) blob_root = NULL;
  JsonObject *blob_object;
  const char *blob;
  const char *value;

  if (!read_string (object, where, "blob", FIELD_REQUIRED, &blob, error))
    return FALSE;

  blob_root = parse_object (blob, strlen (blob), NULL);
  if (blob_root == NULL)
    return field_invalid (error, where, "blob");

  blob_object = json_node_get_object (blob_root);

  if (!read_string (blob_object, &top_level, "access", FIELD_REQUIRED | FIELD_IDENTIFIER, &value,
                    NULL))
    {
      wipe_string_member (blob_object, "secret");
      return field_invalid (error, where, "blob");
    }

  *access = g_strdup (value);
  wipe_string_member (blob_object, "secret");

  return TRUE;
}

/* Skips (NULL without an error) a credential that is not an EC2 key. */
static AkKey *
key_from_credential (JsonObject   *object,
                     const Where  *where,
                     GError      **error)
{
  g_autofree char *access = NULL;
  const char *type;
  const char *user_id;
  const char *project_id;

  if (!read_string (object, where, "type", FIELD_REQUIRED, &type, error))
    return NULL;

  /* TOTP seeds, certificates and the like are not access keys. */
  if (g_strcmp0 (type, "ec2") != 0)
    return NULL;

  if (!read_string (object, where, "user_id", FIELD_REQUIRED | FIELD_IDENTIFIER, &user_id,
                    error) ||
      !read_string (object, where, "project_id", FIELD_IDENTIFIER, &project_id, error) ||
      !read_blob_access (object, where, &access, error))
    return NULL;

  return new_ec2_key (access, user_id, project_id);
}

/**
 * ak_keystone_json_parse_credential_list:
 * @body: the body of `GET /v3/credentials?type=ec2`
 * @unreadable: (out) (optional) (transfer full) (element-type AkUnreadableEntry):
 *   return location for the entries that could not be read, possibly none
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Each ec2 entry's key ID is the "access" inside its blob; the secret beside
 * it is not copied anywhere. Entries of other types are skipped. A list the
 * server cut short (a "list_limit" in its configuration) is refused: it
 * would pass for every user's keys.
 *
 * Returns: (transfer full) (element-type AkKey): the keys, possibly none, or
 *   %NULL with @error set
 */
GPtrArray *
ak_keystone_json_parse_credential_list (GBytes     *body,
                                        GPtrArray **unreadable,
                                        GError    **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (unreadable == NULL || *unreadable == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_key_list (body, "credentials", key_from_credential, "blob", AK_KEY_KIND_EC2,
                         TRUE, unreadable, error);
}

/**
 * ak_keystone_json_parse_credential_created:
 * @body: the body of a 201 to `POST /v3/credentials` for an ec2 credential
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * The key ID is the "access" inside the blob; the secret beside it is not
 * copied anywhere. A credential of another type is refused.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
AkKey *
ak_keystone_json_parse_credential_created (GBytes  *body,
                                           GError **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_one (body, "credential", key_from_credential, FALSE, NULL, error);
}

/* Application credentials */

/* The names of an application credential's roles, into @out: %NULL when the
 * answer has none. */
static gboolean
read_role_names (JsonObject   *object,
                 const Where  *where,
                 GStrv        *out,
                 GError      **error)
{
  g_autofree char *path = where_path (where, "roles");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *roles;
  guint n;

  *out = NULL;

  if (!read_array (object, where, "roles", FIELD_OPTIONAL, &roles, error))
    return FALSE;

  if (roles == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  n = json_array_get_length (roles);
  for (guint i = 0; i < n; i++)
    {
      const Where role_where = { path, (int)i };
      JsonObject *role;
      const char *name;

      role = array_get_object (roles, path, i, error);
      if (role == NULL)
        return FALSE;

      if (!read_string (role, &role_where, "name", FIELD_REQUIRED, &name, error))
        return FALSE;

      g_strv_builder_add (builder, name);
    }

  *out = g_strv_builder_end (builder);

  return TRUE;
}

/* An application credential's access rules, into @out: %NULL when it has
 * none. */
static gboolean
read_access_rules (JsonObject   *object,
                   const Where  *where,
                   GPtrArray   **out,
                   GError      **error)
{
  g_autofree char *path = where_path (where, "access_rules");
  g_autoptr(GPtrArray) rules = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;

  if (!read_array (object, where, "access_rules", FIELD_OPTIONAL, &array, error))
    return FALSE;

  n = array != NULL ? json_array_get_length (array) : 0;
  if (n == 0)
    return TRUE;

  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) ak_access_rule_free);
  for (guint i = 0; i < n; i++)
    {
      const Where rule_where = { path, (int)i };
      JsonObject *rule;
      const char *id;
      const char *service;
      const char *method;
      const char *rule_path;

      rule = array_get_object (array, path, i, error);
      if (rule == NULL)
        return FALSE;

      if (!read_string (rule, &rule_where, "id", FIELD_IDENTIFIER, &id, error) ||
          !read_string (rule, &rule_where, "service", FIELD_OPTIONAL, &service, error) ||
          !read_string (rule, &rule_where, "method", FIELD_OPTIONAL, &method, error) ||
          !read_string (rule, &rule_where, "path", FIELD_OPTIONAL, &rule_path, error))
        return FALSE;

      g_ptr_array_add (rules, ak_access_rule_new (id, service, method, rule_path));
    }

  *out = g_steal_pointer (&rules);

  return TRUE;
}

static AkKey *
key_from_application_credential (JsonObject   *object,
                                 const Where  *where,
                                 GError      **error)
{
  g_autoptr(GDateTime) expires_at = NULL;
  g_auto(GStrv) roles = NULL;
  g_autoptr(GPtrArray) access_rules = NULL;
  JsonNode *unrestricted;
  const char *id;
  const char *user_id;
  const char *project_id;
  const char *name;
  const char *description;
  AkKey *key;

  if (!read_string (object, where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER, &id, error) ||
      !read_string (object, where, "user_id", FIELD_REQUIRED | FIELD_IDENTIFIER, &user_id,
                    error) ||
      !read_string (object, where, "project_id", FIELD_IDENTIFIER, &project_id, error) ||
      !read_string (object, where, "name", FIELD_OPTIONAL, &name, error) ||
      !read_string (object, where, "description", FIELD_OPTIONAL, &description, error) ||
      !read_time (object, where, "expires_at", FIELD_OPTIONAL, &expires_at, error) ||
      !read_role_names (object, where, &roles, error) ||
      !read_access_rules (object, where, &access_rules, error) ||
      !read_node (object, where, "unrestricted", FIELD_OPTIONAL, JSON_NODE_VALUE, &unrestricted,
                  error))
    return NULL;

  /* Keystone stores "unrestricted" as given at creation: null when it was
   * not asked for, which is restricted. */
  if (unrestricted != NULL && json_node_get_value_type (unrestricted) != G_TYPE_BOOLEAN)
    {
      field_wrong_type (error, where, "unrestricted");
      return NULL;
    }

  key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, id);
  ak_key_set_roles (key, (const char * const *) roles);
  ak_key_set_access_rules (key, access_rules);
  ak_key_set_unrestricted (key, unrestricted != NULL && json_node_get_boolean (unrestricted));
  ak_key_set_user_id (key, user_id);
  ak_key_set_project_id (key, project_id);
  ak_key_set_name (key, name);
  ak_key_set_description (key, description);
  ak_key_set_expires_at (key, expires_at);

  return key;
}

/**
 * ak_keystone_json_parse_application_credential_list:
 * @body: the body of `GET /v3/users/{id}/application_credentials`
 * @unreadable: (out) (optional) (transfer full) (element-type AkUnreadableEntry):
 *   return location for the entries that could not be read, possibly none
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (element-type AkKey): the application
 *   credentials, possibly none, or %NULL with @error set
 */
GPtrArray *
ak_keystone_json_parse_application_credential_list (GBytes     *body,
                                                    GPtrArray **unreadable,
                                                    GError    **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (unreadable == NULL || *unreadable == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_key_list (body, "application_credentials", key_from_application_credential,
                         "id", AK_KEY_KIND_APPLICATION_CREDENTIAL, FALSE, unreadable, error);
}

/**
 * ak_keystone_json_parse_application_credential_created:
 * @body: the body of a 201 to `POST /v3/users/{id}/application_credentials`
 * @secret: (out) (optional): return location for the new credential's secret
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the new application credential, or %NULL with
 *   @error set
 */
AkKey *
ak_keystone_json_parse_application_credential_created (GBytes    *body,
                                                       AkSecret **secret,
                                                       GError   **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (secret == NULL || *secret == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_created (body, "application_credential", key_from_application_credential,
                        secret, error);
}

/**
 * ak_keystone_json_parse_application_credential:
 * @body: the body of `GET /v3/users/{id}/application_credentials/{id}`
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the application credential, or %NULL with
 *   @error set
 */
AkKey *
ak_keystone_json_parse_application_credential (GBytes  *body,
                                               GError **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_one (body, "application_credential", key_from_application_credential, FALSE,
                    NULL, error);
}

/* Names */

/* Reads a list of objects with "id" and "name" into ID → name; with
 * @disabled, the IDs whose "enabled" is false go into it too; with @page,
 * where the list goes on. */
static GHashTable *
parse_names (GBytes          *body,
             const char      *collection,
             GHashTable      *disabled,
             AkKeystonePage  *page,
             GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) names = NULL;
  JsonArray *list;
  guint n;

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!read_array (json_node_get_object (root), &top_level, collection, FIELD_REQUIRED, &list,
                   error))
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n = json_array_get_length (list);

  for (guint i = 0; i < n; i++)
    {
      const Where where = { collection, (int)i };
      JsonObject *object;
      JsonNode *enabled = NULL;
      const char *id;
      const char *name;

      object = array_get_object (list, collection, i, error);
      if (object == NULL)
        return NULL;

      if (!read_string (object, &where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER, &id, error) ||
          !read_string (object, &where, "name", FIELD_REQUIRED, &name, error))
        return NULL;

      g_hash_table_replace (names, g_strdup (id), g_strdup (name));

      if (disabled == NULL)
        continue;

      /* Only a plain false is "disabled": anything else is not known. */
      if (!read_node (object, &where, "enabled", FIELD_OPTIONAL, JSON_NODE_VALUE, &enabled,
                      error))
        return NULL;
      if (enabled != NULL && json_node_get_value_type (enabled) == G_TYPE_BOOLEAN &&
          !json_node_get_boolean (enabled))
        g_hash_table_add (disabled, g_strdup (id));
    }

  if (page != NULL)
    read_page (json_node_get_object (root), page);

  return g_steal_pointer (&names);
}

/**
 * ak_keystone_json_parse_names:
 * @body: the body of a list such as `GET /v3/users` or `GET /v3/projects`
 * @collection: the member holding the list: "users", "projects", …
 * @page: (out caller-allocates) (optional): where the list goes on, emptied
 *   with ak_keystone_page_clear()
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (element-type utf8 utf8): ID → name, or %NULL
 *   with @error set
 */
GHashTable *
ak_keystone_json_parse_names (GBytes          *body,
                              const char      *collection,
                              AkKeystonePage  *page,
                              GError         **error)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (collection != NULL && *collection != '\0', NULL);
  g_return_val_if_fail (page == NULL || page->next_marker == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_names (body, collection, NULL, page, error);
}

/**
 * ak_keystone_json_parse_users:
 * @body: the body of `GET /v3/users`
 * @disabled: (out) (transfer full) (element-type utf8): the IDs of the
 *   users whose account is disabled (`"enabled": false`)
 * @page: (out caller-allocates) (optional): where the list goes on, emptied
 *   with ak_keystone_page_clear()
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (element-type utf8 utf8): ID → name, or %NULL
 *   with @error set
 */
GHashTable *
ak_keystone_json_parse_users (GBytes          *body,
                              GHashTable     **disabled,
                              AkKeystonePage  *page,
                              GError         **error)
{
  g_autoptr(GHashTable) set = NULL;
  GHashTable *names;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (disabled != NULL && *disabled == NULL, NULL);
  g_return_val_if_fail (page == NULL || page->next_marker == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names = parse_names (body, "users", set, page, error);
  if (names != NULL)
    *disabled = g_steal_pointer (&set);

  return names;
}

/**
 * ak_keystone_role_key:
 * @user_id: a user's ID
 * @project_id: a project's ID
 *
 * Returns: (transfer full): the member of a set of
 *   ak_keystone_json_parse_role_assignments() saying that @user_id has a
 *   role on @project_id
 */
char *
ak_keystone_role_key (const char *user_id,
                      const char *project_id)
{
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  /* IDs are identifiers: no control characters, so no newline. */
  return g_strconcat (user_id, "\n", project_id, NULL);
}

/**
 * ak_keystone_json_parse_role_assignments:
 * @body: the body of `GET /v3/role_assignments?effective`
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Reads who has a role on which project: the assignments on a domain or the
 * system are left out (they do not let a key be used on a project). A list
 * the server cut short (`"truncated": true`) is no answer: some users'
 * roles would be missing from it.
 *
 * Returns: (transfer full) (element-type utf8): a set of
 *   ak_keystone_role_key(), or %NULL with @error set
 */
GHashTable *
ak_keystone_json_parse_role_assignments (GBytes  *body,
                                         GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) roles = NULL;
  JsonNode *truncated = NULL;
  JsonArray *list;
  guint n;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!read_array (json_node_get_object (root), &top_level, "role_assignments", FIELD_REQUIRED,
                   &list, error) ||
      !read_node (json_node_get_object (root), &top_level, "truncated", FIELD_OPTIONAL,
                  JSON_NODE_VALUE, &truncated, error))
    return NULL;

  if (truncated != NULL && json_node_get_value_type (truncated) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (truncated))
    {
      set_protocol_error_literal (error, "role_assignments: truncated");
      return NULL;
    }

  roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = json_array_get_length (list);

  for (guint i = 0; i < n; i++)
    {
      const Where where = { "role_assignments", (int)i };
      const Where user_where = { "user", -1 };
      const Where scope_where = { "scope", -1 };
      const Where project_where = { "project", -1 };
      JsonObject *object;
      JsonObject *user = NULL;
      JsonObject *scope = NULL;
      JsonObject *project = NULL;
      const char *user_id;
      const char *project_id;

      object = array_get_object (list, "role_assignments", i, error);
      if (object == NULL)
        return NULL;

      /* A group's assignment is expanded to its members by "effective". */
      if (!read_object (object, &where, "user", FIELD_OPTIONAL, &user, error) ||
          !read_object (object, &where, "scope", FIELD_OPTIONAL, &scope, error))
        return NULL;
      if (user == NULL || scope == NULL)
        continue;

      if (!read_object (scope, &scope_where, "project", FIELD_OPTIONAL, &project, error))
        return NULL;
      if (project == NULL)
        continue;

      if (!read_string (user, &user_where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER, &user_id,
                        error) ||
          !read_string (project, &project_where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER,
                        &project_id, error))
        return NULL;

      g_hash_table_add (roles, ak_keystone_role_key (user_id, project_id));
    }

  return g_steal_pointer (&roles);
}

/* A user or a project */

/**
 * ak_keystone_json_parse_directory_entry:
 * @body: the body of `GET /v3/users/{id}` or `GET /v3/projects/{id}`
 * @kind: which of the two
 * @error: return location for an %AK_ERROR_PROTOCOL error
 *
 * Returns: (transfer full): the user or project, or %NULL with @error set
 */
AkDirectoryEntry *
ak_keystone_json_parse_directory_entry (GBytes           *body,
                                        AkDirectoryKind   kind,
                                        GError          **error)
{
  const char *member = kind == AK_DIRECTORY_KIND_USER ? "user" : "project";
  const Where where = { member, -1 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *enabled;
  const char *id;
  const char *name;
  const char *domain_id;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!read_object (json_node_get_object (root), &top_level, member, FIELD_REQUIRED, &object,
                    error) ||
      !read_string (object, &where, "id", FIELD_REQUIRED | FIELD_IDENTIFIER, &id, error) ||
      !read_string (object, &where, "name", FIELD_OPTIONAL, &name, error) ||
      !read_string (object, &where, "domain_id", FIELD_OPTIONAL | FIELD_IDENTIFIER, &domain_id,
                    error) ||
      !read_node (object, &where, "enabled",
                  kind == AK_DIRECTORY_KIND_USER ? FIELD_REQUIRED : FIELD_OPTIONAL,
                  JSON_NODE_VALUE, &enabled, error))
    return NULL;

  if (enabled != NULL && json_node_get_value_type (enabled) != G_TYPE_BOOLEAN)
    {
      field_wrong_type (error, &where, "enabled");
      return NULL;
    }

  /* Keystone counts a project without the field as enabled. */
  return ak_directory_entry_new (kind, id, name, domain_id,
                                 enabled == NULL || json_node_get_boolean (enabled));
}

/* Errors */

static AkErrorCode
code_for_status (guint status)
{
  switch (status)
    {
    case 400:
      return AK_ERROR_INVALID;
    case 401:
      return AK_ERROR_AUTH;
    case 403:
      return AK_ERROR_PERMISSION;
    case 404:
      return AK_ERROR_NOT_FOUND;
    case 408:
      return AK_ERROR_TIMEOUT;
    case 409:
      return AK_ERROR_CONFLICT;
    case 429:
      /* Too many requests: as for a server in trouble, try again later. */
      return AK_ERROR_SERVER;
    default:
      break;
    }

  if (status >= 500 && status <= 599)
    return AK_ERROR_SERVER;

  if (status >= 400 && status <= 499)
    return AK_ERROR_FAILED;

  /* A success, a redirect or no status at all is not an error the server
   * meant to send: the app and the server do not understand each other. */
  return AK_ERROR_PROTOCOL;
}

/* Returns: (transfer full) (nullable): @text made fit for an expander: the
 * first paragraph only (a schema error goes on with the whole JSON schema and
 * the value that failed it), no control characters but newlines, no
 * surrounding space, at most AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH characters */
static char *
tidy_detail (const char *text)
{
  g_autoptr(GString) tidy = g_string_new (NULL);
  const char *end = strstr (text, "\n\n");
  const char *p;
  glong n_chars = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  if (end == NULL)
    end = text + strlen (text);

  for (p = text; p < end && n_chars < AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH;
       p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT))
        c = ' ';

      g_string_append_unichar (tidy, c);
    }

  if (p < end)
    g_string_append (tidy, "…");

  g_strstrip (tidy->str);
  tidy->len = strlen (tidy->str);

  if (tidy->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&tidy), FALSE);
}

static char *
detail_from_body (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *joined = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *title = NULL;
  const char *message = NULL;

  root = parse_body (body, NULL);
  if (root == NULL)
    return NULL;

  node = json_object_get_member (json_node_get_object (root), "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);

  node = json_object_get_member (object, "title");
  if (node != NULL && node_holds_string (node) && *json_node_get_string (node) != '\0')
    title = json_node_get_string (node);

  node = json_object_get_member (object, "message");
  if (node != NULL && node_holds_string (node) && *json_node_get_string (node) != '\0')
    message = json_node_get_string (node);

  if (title != NULL && message != NULL)
    joined = g_strdup_printf ("%s: %s", title, message);
  else if (title != NULL || message != NULL)
    joined = g_strdup (title != NULL ? title : message);
  else
    return NULL;

  return tidy_detail (joined);
}

/**
 * ak_keystone_json_parse_error:
 * @status: the HTTP status of the answer
 * @body: (nullable): the body of the answer
 *
 * Maps an answer that is not a success to what a person reads: 400 is
 * %AK_ERROR_INVALID, 401 %AK_ERROR_AUTH, 403 %AK_ERROR_PERMISSION, 404
 * %AK_ERROR_NOT_FOUND, 408 %AK_ERROR_TIMEOUT, 409 %AK_ERROR_CONFLICT, 429 and
 * 5xx %AK_ERROR_SERVER, other 4xx %AK_ERROR_FAILED, anything else
 * %AK_ERROR_PROTOCOL. The message is the code's sentence; the detail is
 * Keystone's "title: message", first paragraph, at most
 * %AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH characters, or %NULL when the body
 * says nothing usable. The raw body never goes into the error.
 *
 * Returns: (transfer full): a new error in the %AK_ERROR domain
 */
GError *
ak_keystone_json_parse_error (guint   status,
                              GBytes *body)
{
  g_autofree char *detail = NULL;

  if (body != NULL)
    detail = detail_from_body (body);

  return ak_error_new (code_for_status (status), status, detail);
}

/**
 * ak_keystone_json_is_sign_in_answer:
 * @body: (nullable): the body of an answer to `POST /v3/auth/tokens`
 *
 * Whether @body has the shape of what Keystone answers there: a JSON object
 * with a "token" object (a sign-in) or an "error" object (a refusal). A web
 * page, an empty body or any other JSON is not: the address leads somewhere
 * else than a sign-in service. Reads nothing else from @body.
 *
 * Returns: %TRUE for a token or an error document
 */
gboolean
ak_keystone_json_is_sign_in_answer (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;

  if (body == NULL)
    return FALSE;

  root = parse_body (body, NULL);
  if (root == NULL)
    return FALSE;

  object = json_node_get_object (root);

  node = json_object_get_member (object, "token");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  node = json_object_get_member (object, "error");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

/* Builders */

/* One part of a JSON text built for a secret: either JSON written as is, or
 * a string written as a JSON string literal. */
typedef struct
{
  gboolean    quote;
  const char *text;
  gsize       len;
} Piece;

#define RAW(s)        { FALSE, (s), sizeof (s) - 1 }
#define QUOTED(s, n)  { TRUE, (s), (n) }

static gsize
escaped_length (const char *text,
                gsize       len)
{
  gsize out = 2;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)text[i];

      if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
        out += 2;
      else if (c < 0x20)
        out += 6;
      else
        out += 1;
    }

  return out;
}

static char *
write_escaped (char       *out,
               const char *text,
               gsize       len)
{
  static const char hex[] = "0123456789abcdef";

  *out++ = '"';

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)text[i];

      switch (c)
        {
        case '"':  *out++ = '\\'; *out++ = '"'; break;
        case '\\': *out++ = '\\'; *out++ = '\\'; break;
        case '\b': *out++ = '\\'; *out++ = 'b'; break;
        case '\f': *out++ = '\\'; *out++ = 'f'; break;
        case '\n': *out++ = '\\'; *out++ = 'n'; break;
        case '\r': *out++ = '\\'; *out++ = 'r'; break;
        case '\t': *out++ = '\\'; *out++ = 't'; break;
        default:
          if (c < 0x20)
            {
              memcpy (out, "\\u00", 4);
              out += 4;
              *out++ = hex[c >> 4];
              *out++ = hex[c & 0xf];
            }
          else
            {
              *out++ = (char)c;
            }
        }
    }

  *out++ = '"';

  return out;
}

/* Writes @pieces into one buffer of exactly the right size, so no partial
 * copy is left behind by a growing buffer, copies it into the returned
 * secret and overwrites the buffer. */
static AkSecret *
secret_from_pieces (const Piece *pieces,
                    gsize        n_pieces)
{
  g_autoptr(AkSecret) secret = NULL;
  gsize total = 0;
  char *buffer;
  char *p;

  for (gsize i = 0; i < n_pieces; i++)
    total += pieces[i].quote ? escaped_length (pieces[i].text, pieces[i].len) : pieces[i].len;

  buffer = g_malloc (total + 1);
  p = buffer;

  for (gsize i = 0; i < n_pieces; i++)
    {
      if (pieces[i].quote)
        {
          p = write_escaped (p, pieces[i].text, pieces[i].len);
        }
      else
        {
          memcpy (p, pieces[i].text, pieces[i].len);
          p += pieces[i].len;
        }
    }

  g_assert ((gsize)(p - buffer) == total);
  *p = '\0';

  secret = ak_secret_new_len (buffer, total);
  _ak_wipe_bytes (buffer, total);
  g_free (buffer);

  return g_steal_pointer (&secret);
}

static gboolean
is_text (const char *value)
{
  return value != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL);
}

/* A password may be empty: that is for the server to refuse, not a bug. */
static gboolean
is_secret_text (AkSecret *secret)
{
  return secret != NULL &&
         (ak_secret_get_len (secret) == 0 ||
          g_utf8_validate_len (ak_secret_get (secret), ak_secret_get_len (secret), NULL));
}

/**
 * ak_keystone_json_build_password_auth:
 * @user_name: the user's name
 * @user_domain: the name of the user's domain, such as "Default"
 * @password: the password
 * @project_name: (nullable): the project to scope the token to, or %NULL or
 *   "" for an unscoped token
 * @project_domain: (nullable): the name of the project's domain, or %NULL or
 *   "" for @user_domain
 *
 * The names must be non-empty UTF-8 and the password UTF-8 without NUL
 * (empty is allowed: the server refuses it); anything else is a programming
 * error and returns %NULL.
 *
 * Returns: (transfer full): the body of `POST /v3/auth/tokens`, as a secret
 */
AkSecret *
ak_keystone_json_build_password_auth (const char *user_name,
                                      const char *user_domain,
                                      AkSecret   *password,
                                      const char *project_name,
                                      const char *project_domain)
{
  g_return_val_if_fail (is_text (user_name), NULL);
  g_return_val_if_fail (is_text (user_domain), NULL);
  g_return_val_if_fail (is_secret_text (password), NULL);
  g_return_val_if_fail (project_name == NULL || *project_name == '\0' || is_text (project_name),
                        NULL);
  g_return_val_if_fail (project_domain == NULL || *project_domain == '\0' ||
                        is_text (project_domain), NULL);

  if (project_name != NULL && *project_name == '\0')
    project_name = NULL;

  if (project_domain == NULL || *project_domain == '\0')
    project_domain = user_domain;

  {
    const Piece pieces[] = {
      RAW ("{\"auth\":{\"identity\":{\"methods\":[\"password\"],"
           "\"password\":{\"user\":{\"name\":"),
      QUOTED (user_name, strlen (user_name)),
      RAW (",\"domain\":{\"name\":"),
      QUOTED (user_domain, strlen (user_domain)),
      RAW ("},\"password\":"),
      QUOTED (ak_secret_get (password), ak_secret_get_len (password)),
      RAW ("}}}"),
      RAW (",\"scope\":{\"project\":{\"name\":"),
      QUOTED (project_name, project_name != NULL ? strlen (project_name) : 0),
      RAW (",\"domain\":{\"name\":"),
      QUOTED (project_domain, strlen (project_domain)),
      RAW ("}}}"),
      RAW ("}}"),
    };
    /* The same without the scope. */
    const Piece unscoped[] = { pieces[0], pieces[1], pieces[2], pieces[3], pieces[4],
                               pieces[5], pieces[6], pieces[12] };

    if (project_name == NULL)
      return secret_from_pieces (unscoped, G_N_ELEMENTS (unscoped));

    return secret_from_pieces (pieces, G_N_ELEMENTS (pieces));
  }
}

/**
 * ak_keystone_json_build_application_credential_auth:
 * @id: the application credential's ID
 * @secret: its secret
 *
 * Returns: (transfer full): the body of `POST /v3/auth/tokens`, as a secret
 */
AkSecret *
ak_keystone_json_build_application_credential_auth (const char *id,
                                                    AkSecret   *secret)
{
  g_return_val_if_fail (is_text (id), NULL);
  g_return_val_if_fail (is_secret_text (secret), NULL);

  {
    const Piece pieces[] = {
      RAW ("{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],"
           "\"application_credential\":{\"id\":"),
      QUOTED (id, strlen (id)),
      RAW (",\"secret\":"),
      QUOTED (ak_secret_get (secret), ak_secret_get_len (secret)),
      RAW ("}}}}"),
    };

    return secret_from_pieces (pieces, G_N_ELEMENTS (pieces));
  }
}

/**
 * ak_keystone_json_build_ec2_restore:
 * @user_id: the owner of the deleted key
 * @project_id: the project it worked on
 * @access: its ID, the access key
 * @secret: its secret
 *
 * The blob is a JSON object written into a JSON string, as Keystone wants
 * it. Both layers are written by secret_from_pieces(), and the inner one is
 * wiped once the outer one holds it.
 *
 * Returns: (transfer full): the body of `POST /v3/credentials` that makes
 *   the key again with the same ID and secret, as a secret
 */
AkSecret *
ak_keystone_json_build_ec2_restore (const char *user_id,
                                    const char *project_id,
                                    const char *access,
                                    AkSecret   *secret)
{
  g_autoptr(AkSecret) blob = NULL;

  g_return_val_if_fail (is_text (user_id), NULL);
  g_return_val_if_fail (is_text (project_id), NULL);
  g_return_val_if_fail (is_text (access), NULL);
  g_return_val_if_fail (is_secret_text (secret), NULL);

  {
    const Piece inner[] = {
      RAW ("{\"access\":"),
      QUOTED (access, strlen (access)),
      RAW (",\"secret\":"),
      QUOTED (ak_secret_get (secret), ak_secret_get_len (secret)),
      RAW ("}"),
    };

    blob = secret_from_pieces (inner, G_N_ELEMENTS (inner));
  }

  {
    const Piece outer[] = {
      RAW ("{\"credential\":{\"type\":\"ec2\",\"user_id\":"),
      QUOTED (user_id, strlen (user_id)),
      RAW (",\"project_id\":"),
      QUOTED (project_id, strlen (project_id)),
      RAW (",\"blob\":"),
      QUOTED (ak_secret_get (blob), ak_secret_get_len (blob)),
      RAW ("}}"),
    };

    return secret_from_pieces (outer, G_N_ELEMENTS (outer));
  }
}

static GBytes *
bytes_from_builder (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len = 0;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);

  return g_bytes_new_take (data, len);
}

/**
 * ak_keystone_json_build_ec2_create:
 * @project_id: the project the new key works on
 *
 * Returns: (transfer full): the body of
 *   `POST /v3/users/{id}/credentials/OS-EC2`
 */
GBytes *
ak_keystone_json_build_ec2_create (const char *project_id)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (is_text (project_id), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tenant_id");
  json_builder_add_string_value (builder, project_id);
  json_builder_end_object (builder);

  return bytes_from_builder (builder);
}

/* The body of an application credential's create; @like (nullable) gives
 * the roles, access rules and unrestricted flag to copy. */
static GBytes *
build_application_credential_create (const char *name,
                                     const char *description,
                                     GDateTime  *expires_at,
                                     AkKey      *like)
{
  g_autoptr(JsonBuilder) builder = NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "application_credential");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);

  if (description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }

  if (expires_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (expires_at);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");

      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_string_value (builder, text);
    }

  if (like != NULL)
    {
      const char * const *roles = ak_key_get_roles (like);
      GPtrArray *rules = ak_key_get_access_rules (like);

      /* Without roles Keystone gives all of the token's: the same only when
       * the old credential had them all. */
      if (roles != NULL && roles[0] != NULL)
        {
          json_builder_set_member_name (builder, "roles");
          json_builder_begin_array (builder);
          for (guint i = 0; roles[i] != NULL; i++)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, roles[i]);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }

      /* The same rules, reused by their IDs. */
      if (rules != NULL && rules->len > 0)
        {
          json_builder_set_member_name (builder, "access_rules");
          json_builder_begin_array (builder);
          for (guint i = 0; i < rules->len; i++)
            {
              const AkAccessRule *rule = g_ptr_array_index (rules, i);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, rule->id);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }

      if (ak_key_get_unrestricted (like))
        {
          json_builder_set_member_name (builder, "unrestricted");
          json_builder_add_boolean_value (builder, TRUE);
        }
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return bytes_from_builder (builder);
}

/**
 * ak_keystone_json_build_application_credential_create:
 * @name: the new credential's name, unique for its user
 * @description: (nullable): what it is for
 * @expires_at: (nullable): when it stops working, or %NULL for never
 *
 * The expiry is written in UTC as "2030-01-31T12:00:00.000000Z": Keystone
 * refuses a time with another offset.
 *
 * Returns: (transfer full): the body of
 *   `POST /v3/users/{id}/application_credentials`
 */
GBytes *
ak_keystone_json_build_application_credential_create (const char *name,
                                                      const char *description,
                                                      GDateTime  *expires_at)
{
  g_return_val_if_fail (is_text (name), NULL);
  g_return_val_if_fail (description == NULL || g_utf8_validate (description, -1, NULL), NULL);

  return build_application_credential_create (name, description, expires_at, NULL);
}

/**
 * ak_keystone_json_build_application_credential_create_like:
 * @name: the new credential's name, unique for its user
 * @description: (nullable): what it is for
 * @expires_at: (nullable): when it stops working, or %NULL for never
 * @like: the application credential the new one replaces
 *
 * Like ak_keystone_json_build_application_credential_create(), with
 * @like's roles (by name), access rules (by ID, so that the server reuses
 * them) and unrestricted flag.
 *
 * Returns: (transfer full): the body of
 *   `POST /v3/users/{id}/application_credentials`
 */
GBytes *
ak_keystone_json_build_application_credential_create_like (const char *name,
                                                           const char *description,
                                                           GDateTime  *expires_at,
                                                           AkKey      *like)
{
  g_return_val_if_fail (is_text (name), NULL);
  g_return_val_if_fail (description == NULL || g_utf8_validate (description, -1, NULL), NULL);
  g_return_val_if_fail (AK_IS_KEY (like), NULL);

  return build_application_credential_create (name, description, expires_at, like);
}
