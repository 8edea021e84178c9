/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-keystone-json"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "ak-directory-entry.h"
#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-unreadable-entry.h"

/* libFuzzer harness for ak-keystone-json.c. Every input goes through every
 * parser, so each learns from what the others found; run by run-fuzz.sh.
 * Beyond the sanitizers it checks the parsers' contract: a value, or an
 * AK_ERROR_PROTOCOL error with a short detail, never both, never neither,
 * and no GLib warning or critical (made fatal below). It also builds request
 * bodies from the input and checks they read back the same. Nothing is
 * printed: inputs may hold secrets. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define check(condition) \
  G_STMT_START { if (!(condition)) abort (); } G_STMT_END

static void
check_refusal (GError *error)
{
  check (error != NULL);
  check (error->domain == AK_ERROR);
  check (error->code == AK_ERROR_PROTOCOL);
  check (ak_error_get_detail (error) != NULL);
  check (strlen (ak_error_get_detail (error)) < 200);
  g_error_free (error);
}

static void
check_key (AkKey *key)
{
  const char *id = ak_key_get_id (key);

  check (AK_IS_KEY (key));
  check (id != NULL && *id != '\0');
  check (strlen (id) <= AK_KEYSTONE_JSON_MAX_ID_LENGTH);
  check (g_utf8_validate (id, -1, NULL));
  check (ak_key_get_user_id (key) != NULL);
}

/* An entry left out says where and why in a short sentence, and the
 * entries left out and the keys are never more than the body has bytes. */
static void
check_keys (GPtrArray *keys,
            GPtrArray *unreadable,
            gsize      body_size,
            GError    *error)
{
  if (keys == NULL)
    {
      check (unreadable == NULL);
      check_refusal (error);
      return;
    }

  check (error == NULL);
  check (unreadable != NULL);
  check (keys->len + unreadable->len <= body_size);
  for (guint i = 0; i < keys->len; i++)
    check_key (keys->pdata[i]);
  for (guint i = 0; i < unreadable->len; i++)
    {
      const char *reason = ak_unreadable_entry_get_reason (unreadable->pdata[i]);

      check (AK_IS_UNREADABLE_ENTRY (unreadable->pdata[i]));
      check (reason != NULL && strlen (reason) < 200);
      check (ak_unreadable_entry_get_position (unreadable->pdata[i]) < body_size);
    }
  g_ptr_array_unref (keys);
  g_ptr_array_unref (unreadable);
}

static void
check_created (AkKey    *key,
               AkSecret *secret,
               GError   *error)
{
  if (key == NULL)
    {
      check (secret == NULL);
      check_refusal (error);
      return;
    }

  check (error == NULL);
  check_key (key);
  check (secret != NULL && ak_secret_get_len (secret) > 0);
  g_object_unref (key);
  ak_secret_unref (secret);
}

static void
check_one (AkKey  *key,
           GError *error)
{
  if (key == NULL)
    {
      check_refusal (error);
      return;
    }

  check (error == NULL);
  check_key (key);
  g_object_unref (key);
}

static const AkDirectoryKind directory_kinds[] = {
  AK_DIRECTORY_KIND_USER,
  AK_DIRECTORY_KIND_PROJECT,
};

static void
parse_all (GBytes *body)
{
  gsize size = g_bytes_get_size (body);
  AkKeystoneToken *token;
  gboolean is_token;
  GPtrArray *keys;
  GPtrArray *unreadable = NULL;
  GHashTable *names;
  AkKeystonePage page = { NULL, FALSE };
  GHashTable *disabled = NULL;
  AkSecret *secret = NULL;
  GError *error = NULL;
  GError *http_error;
  const char *detail;
  AkKey *key;

  token = ak_keystone_json_parse_token (body, &error);
  is_token = token != NULL;
  if (token != NULL)
    {
      check (error == NULL);
      check (token->user_id != NULL && token->expires_at != NULL && token->roles != NULL);
      ak_keystone_token_free (token);
    }
  else
    {
      check_refusal (g_steal_pointer (&error));
    }

  /* The error is taken only after the call: argument order is unspecified. */
  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  check_keys (keys, g_steal_pointer (&unreadable), size, g_steal_pointer (&error));
  keys = ak_keystone_json_parse_credential_list (body, &unreadable, &error);
  check_keys (keys, g_steal_pointer (&unreadable), size, g_steal_pointer (&error));
  keys = ak_keystone_json_parse_application_credential_list (body, &unreadable, &error);
  check_keys (keys, g_steal_pointer (&unreadable), size, g_steal_pointer (&error));

  key = ak_keystone_json_parse_ec2_created (body, &secret, &error);
  check_created (key, g_steal_pointer (&secret), g_steal_pointer (&error));
  key = ak_keystone_json_parse_application_credential_created (body, &secret, &error);
  check_created (key, g_steal_pointer (&secret), g_steal_pointer (&error));
  key = ak_keystone_json_parse_ec2 (body, &secret, &error);
  check_created (key, g_steal_pointer (&secret), g_steal_pointer (&error));

  /* One key without a secret handed out. */
  key = ak_keystone_json_parse_ec2 (body, NULL, &error);
  check_one (key, g_steal_pointer (&error));
  key = ak_keystone_json_parse_application_credential (body, &error);
  check_one (key, g_steal_pointer (&error));
  key = ak_keystone_json_parse_credential_created (body, &error);
  check_one (key, g_steal_pointer (&error));

  names = ak_keystone_json_parse_names (body, "users", &page, &error);
  if (names != NULL)
    {
      check (error == NULL);
      /* A marker to send back is a plain, bounded string. */
      check (page.next_marker == NULL ||
             (*page.next_marker != '\0' &&
              strlen (page.next_marker) <= AK_KEYSTONE_JSON_MAX_ID_LENGTH));
      g_hash_table_unref (names);
    }
  else
    {
      check_refusal (g_steal_pointer (&error));
    }

  ak_keystone_page_clear (&page);

  names = ak_keystone_json_parse_users (body, &disabled, NULL, &error);
  check ((names != NULL) == (disabled != NULL));
  if (names != NULL)
    {
      GHashTableIter iter;
      const char *user_id;

      check (error == NULL);
      /* Only a listed user can be disabled. */
      g_hash_table_iter_init (&iter, disabled);
      while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
        check (g_hash_table_contains (names, user_id));
      g_hash_table_unref (names);
      g_hash_table_unref (disabled);
    }
  else
    {
      check_refusal (g_steal_pointer (&error));
    }

  names = ak_keystone_json_parse_role_assignments (body, &error);
  if (names != NULL)
    {
      check (error == NULL);
      g_hash_table_unref (names);
    }
  else
    {
      check_refusal (g_steal_pointer (&error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (directory_kinds); i++)
    {
      AkDirectoryEntry *entry = ak_keystone_json_parse_directory_entry (body, directory_kinds[i],
                                                                        &error);

      if (entry != NULL)
        {
          check (error == NULL);
          check (ak_directory_entry_get_kind (entry) == directory_kinds[i]);
          check (ak_directory_entry_get_id (entry) != NULL);
          check (g_utf8_validate (ak_directory_entry_get_id (entry), -1, NULL));
          ak_directory_entry_unref (entry);
        }
      else
        {
          check_refusal (g_steal_pointer (&error));
        }
    }

  /* Any status, any body: an error for a person, never the raw body. The
   * status only picks the code, so one per input, varied by its size. */
  http_error = ak_keystone_json_parse_error (399 + g_bytes_get_size (body) % 203, body);
  check (http_error != NULL && http_error->domain == AK_ERROR);
  check (strcmp (http_error->message, ak_error_code_to_message (http_error->code)) == 0);
  detail = ak_error_get_detail (http_error);
  check (detail == NULL || g_utf8_validate (detail, -1, NULL));
  check (detail == NULL || g_utf8_strlen (detail, -1) <= AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH + 1);
  g_error_free (http_error);

  /* A token is a sign-in answer, whatever else the body holds. */
  check (!is_token || ak_keystone_json_is_sign_in_answer (body));
}

/* Returns: the string member at @path ("a/b/c") of the JSON in @text */
static char *
read_back (const char *text,
           gsize       len,
           const char *path)
{
  JsonParser *parser = json_parser_new ();
  char **parts = g_strsplit (path, "/", -1);
  JsonNode *node;
  char *value;

  check (json_parser_load_from_data (parser, text, (gssize)len, NULL));
  node = json_parser_get_root (parser);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      check (JSON_NODE_HOLDS_OBJECT (node));
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      check (node != NULL);
    }

  check (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  value = g_strdup (json_node_get_string (node));

  g_strfreev (parts);
  g_object_unref (parser);

  return value;
}

static void
build_all (const char *text)
{
  AkSecret *secret = ak_secret_new (text);
  AkSecret *body;
  GBytes *bytes;
  char *value;

  body = ak_keystone_json_build_password_auth (text, text, secret, text, NULL);
  value = read_back (ak_secret_get (body), ak_secret_get_len (body),
                     "auth/identity/password/user/password");
  check (strcmp (value, text) == 0);
  g_free (value);
  value = read_back (ak_secret_get (body), ak_secret_get_len (body),
                     "auth/scope/project/domain/name");
  check (strcmp (value, text) == 0);
  g_free (value);
  ak_secret_unref (body);

  body = ak_keystone_json_build_application_credential_auth (text, secret);
  value = read_back (ak_secret_get (body), ak_secret_get_len (body),
                     "auth/identity/application_credential/secret");
  check (strcmp (value, text) == 0);
  g_free (value);
  ak_secret_unref (body);

  bytes = ak_keystone_json_build_application_credential_create (text, text, NULL);
  value = read_back (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     "application_credential/description");
  check (strcmp (value, text) == 0);
  g_free (value);
  g_bytes_unref (bytes);

  /* The restore body holds the key's blob as a JSON string, which holds
   * the input as the secret. */
  body = ak_keystone_json_build_ec2_restore (text, text, text, secret);
  value = read_back (ak_secret_get (body), ak_secret_get_len (body), "credential/blob");
  {
    char *blob_secret = read_back (value, strlen (value), "secret");

    check (strcmp (blob_secret, text) == 0);
    g_free (blob_secret);
  }
  g_free (value);
  ak_secret_unref (body);

  bytes = ak_keystone_json_build_ec2_create (text);
  value = read_back (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "tenant_id");
  check (strcmp (value, text) == 0);
  g_free (value);
  g_bytes_unref (bytes);

  ak_secret_unref (secret);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char token[] =
    "{\"token\":{\"user\":{\"id\":\"u\",\"domain\":{\"id\":\"d\"}},"
    "\"project\":{\"id\":\"p\"},\"expires_at\":\"2030-01-01T00:00:00Z\","
    "\"roles\":[{\"name\":\"admin\"}]}}";
  GBytes *body;

  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* Type registrations, quarks, the UTC zone and gettext are set up once
   * for the process; doing it here keeps them out of the first input's
   * leak check. */
  body = g_bytes_new_static (token, sizeof token - 1);
  parse_all (body);
  g_bytes_unref (body);
  build_all ("warm-up");

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GBytes *body = g_bytes_new (data, size);

  parse_all (body);
  g_bytes_unref (body);

  /* The input as a name, a password and an ID in the request bodies. */
  if (size > 0 && size < 4096 && memchr (data, '\0', size) == NULL &&
      g_utf8_validate ((const char *)data, (gssize)size, NULL))
    {
      char *text = g_strndup ((const char *)data, size);

      build_all (text);
      g_free (text);
    }

  return 0;
}
