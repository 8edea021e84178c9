/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keystone-json"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "ak-test-util.h"
#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-unreadable-entry.h"

/* The IDs of the recorded fixtures (see tests/fixtures/README.md). */
#define ALICE_ID          "1adfb04a2fab44e1bd58524cbf953ac4"
#define ADMIN_ID          "d8f4a963ad4f4daa8a3572ea0ae661a2"
#define DEMO_PROJECT_ID   "f06b499baa7443ecb83c687ac3cba494"
#define ADMIN_PROJECT_ID  "7bb4768a4784417f878371597c5d3c39"
#define APP_CRED_ID       "bfddfb184ad4419f966e1127d3f4cd51"
#define APP_CRED_2_ID     "d833806a1abc4d89afde1ee65c89cd5a"
#define APP_CRED_SECRET   "FAKE_application_credential_secret_6_" \
                          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

#define HUGE_LENGTH       (1024 * 1024)
#define BAD_UTF8_MARK     "@@BAD-UTF8@@"

/* Test data */

static char *
make_huge_string (void)
{
  char *huge = g_malloc (HUGE_LENGTH + 1);

  memset (huge, 'x', HUGE_LENGTH);
  huge[HUGE_LENGTH] = '\0';

  return huge;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autoptr(GDateTime) want = g_date_time_new_from_iso8601 (expected, NULL);

  g_assert_nonnull (want);
  g_assert_nonnull (time);
  g_assert_true (g_date_time_equal (time, want));
}

static void
assert_protocol_error (const GError *error)
{
  g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, ak_error_code_to_message (AK_ERROR_PROTOCOL));
  g_assert_nonnull (ak_error_get_detail (error));
  /* The detail names a field; it never echoes the body. */
  g_assert_cmpuint (strlen (ak_error_get_detail (error)), <, 200);
}

/* Every parser behind one call, for the tables below */

typedef enum
{
  PARSER_TOKEN,
  PARSER_EC2_LIST,
  PARSER_CREDENTIAL_LIST,
  PARSER_APP_CRED_LIST,
  PARSER_EC2_CREATED,
  PARSER_APP_CRED_CREATED,
  PARSER_USERS,
  PARSER_PROJECTS,
  PARSER_EC2_GET,
  PARSER_APP_CRED_GET,
  PARSER_CREDENTIAL_CREATED,
  N_PARSERS
} Parser;

static const char * const parser_names[] = {
  "token", "ec2-list", "credential-list", "app-cred-list",
  "ec2-created", "app-cred-created", "users", "projects",
  "ec2-get", "app-cred-get", "credential-created",
};

typedef struct
{
  AkKeystoneToken *token;
  GPtrArray       *keys;     /* the created key for a create response */
  GPtrArray       *unreadable;
  AkSecret        *secret;
  GHashTable      *names;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->token, ak_keystone_token_free);
  g_clear_pointer (&result->keys, g_ptr_array_unref);
  g_clear_pointer (&result->unreadable, g_ptr_array_unref);
  g_clear_pointer (&result->secret, ak_secret_unref);
  g_clear_pointer (&result->names, g_hash_table_unref);
}

static gboolean
result_is_empty (const Result *result)
{
  return result->token == NULL && result->keys == NULL && result->unreadable == NULL &&
         result->secret == NULL && result->names == NULL;
}

static gboolean
run_parser (Parser   parser,
            GBytes  *body,
            Result  *result,
            GError **error)
{
  AkKey *key = NULL;

  switch (parser)
    {
    case PARSER_TOKEN:
      result->token = ak_keystone_json_parse_token (body, error);
      return result->token != NULL;

    case PARSER_EC2_LIST:
      result->keys = ak_keystone_json_parse_ec2_list (body, &result->unreadable, error);
      return result->keys != NULL;

    case PARSER_CREDENTIAL_LIST:
      result->keys = ak_keystone_json_parse_credential_list (body, &result->unreadable, error);
      return result->keys != NULL;

    case PARSER_APP_CRED_LIST:
      result->keys = ak_keystone_json_parse_application_credential_list (body,
                                                                         &result->unreadable,
                                                                         error);
      return result->keys != NULL;

    case PARSER_EC2_CREATED:
      key = ak_keystone_json_parse_ec2_created (body, &result->secret, error);
      break;

    case PARSER_APP_CRED_CREATED:
      key = ak_keystone_json_parse_application_credential_created (body, &result->secret, error);
      break;

    case PARSER_USERS:
      result->names = ak_keystone_json_parse_names (body, "users", NULL, error);
      return result->names != NULL;

    case PARSER_PROJECTS:
      result->names = ak_keystone_json_parse_names (body, "projects", NULL, error);
      return result->names != NULL;

    case PARSER_EC2_GET:
      key = ak_keystone_json_parse_ec2 (body, &result->secret, error);
      break;

    case PARSER_APP_CRED_GET:
      key = ak_keystone_json_parse_application_credential (body, error);
      break;

    case PARSER_CREDENTIAL_CREATED:
      key = ak_keystone_json_parse_credential_created (body, error);
      break;

    case N_PARSERS:
    default:
      g_assert_not_reached ();
    }

  if (key == NULL)
    {
      g_assert_null (result->secret);
      return FALSE;
    }

  /* Only these hand out a secret, and they must. */
  if (parser == PARSER_EC2_CREATED || parser == PARSER_APP_CRED_CREATED ||
      parser == PARSER_EC2_GET)
    g_assert_nonnull (result->secret);
  else
    g_assert_null (result->secret);

  result->keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (result->keys, key);

  return TRUE;
}

static gboolean
is_key_list (Parser parser)
{
  return parser == PARSER_EC2_LIST || parser == PARSER_CREDENTIAL_LIST ||
         parser == PARSER_APP_CRED_LIST;
}

/* Asserts that @unreadable holds one entry, at @position, for @reason. */
static void
assert_one_unreadable (GPtrArray  *unreadable,
                       guint       position,
                       const char *reason)
{
  AkUnreadableEntry *entry;

  g_assert_nonnull (unreadable);
  g_assert_cmpuint (unreadable->len, ==, 1);
  entry = unreadable->pdata[0];
  g_assert_true (AK_IS_UNREADABLE_ENTRY (entry));
  g_assert_cmpuint (ak_unreadable_entry_get_position (entry), ==, position);
  if (reason != NULL)
    g_assert_cmpstr (ak_unreadable_entry_get_reason (entry), ==, reason);
  else
    g_assert_nonnull (ak_unreadable_entry_get_reason (entry));
}

/* Parsers on the fixtures, exact values */

static void
test_token_password_admin (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("token-password-admin.json", NULL);
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char * const roles[] = { "admin", "reader", "member", NULL };

  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_cmpstr (token->user_id, ==, ADMIN_ID);
  g_assert_cmpstr (token->user_name, ==, "admin");
  g_assert_cmpstr (token->user_domain_id, ==, "default");
  g_assert_cmpstr (token->project_id, ==, ADMIN_PROJECT_ID);
  g_assert_cmpstr (token->project_name, ==, "admin");
  g_assert_cmpstr (token->project_domain_id, ==, "default");
  g_assert_null (token->application_credential_id);
  assert_time (token->expires_at, "2026-11-28T22:18:48Z");
  g_assert_cmpstrv (token->roles, roles);
  g_assert_true (token->is_admin);
}

static void
test_token_password_member (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("token-password-member.json", NULL);
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char * const roles[] = { "reader", "member", NULL };

  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_cmpstr (token->user_id, ==, ALICE_ID);
  g_assert_cmpstr (token->user_name, ==, "alice");
  g_assert_cmpstr (token->user_domain_id, ==, "default");
  g_assert_cmpstr (token->project_id, ==, DEMO_PROJECT_ID);
  g_assert_cmpstr (token->project_name, ==, "demo");
  g_assert_cmpstr (token->project_domain_id, ==, "default");
  g_assert_null (token->application_credential_id);
  assert_time (token->expires_at, "2026-11-28T22:18:48Z");
  g_assert_cmpstrv (token->roles, roles);
  g_assert_false (token->is_admin);
}

static void
test_token_unscoped (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("token-password-unscoped-admin.json", NULL);
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_cmpstr (token->user_id, ==, ADMIN_ID);
  g_assert_cmpstr (token->user_name, ==, "admin");
  g_assert_null (token->project_id);
  g_assert_null (token->project_name);
  g_assert_null (token->project_domain_id);
  assert_time (token->expires_at, "2026-11-28T22:18:48Z");
  /* Without a project there are no roles, so not admin, even for admin. */
  g_assert_nonnull (token->roles);
  g_assert_cmpuint (g_strv_length (token->roles), ==, 0);
  g_assert_false (token->is_admin);
}

static void
test_token_application_credential (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("token-application-credential.json", NULL);
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char * const roles[] = { "reader", "member", NULL };

  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_cmpstr (token->user_id, ==, ALICE_ID);
  g_assert_cmpstr (token->user_name, ==, "alice");
  g_assert_cmpstr (token->project_id, ==, DEMO_PROJECT_ID);
  g_assert_cmpstr (token->project_name, ==, "demo");
  g_assert_cmpstr (token->application_credential_id, ==, APP_CRED_ID);
  g_assert_false (token->application_credential_unrestricted);
  assert_time (token->expires_at, "2026-11-28T22:18:50Z");
  g_assert_cmpstrv (token->roles, roles);
  g_assert_false (token->is_admin);
}

static void
test_token_application_credential_unrestricted (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;

  /* Only such a credential's token may manage other application credentials. */
  body = ak_test_bytes_from_string ("{\"token\":{\"user\":{\"id\":\"u1\"},"
                            "\"expires_at\":\"2030-01-01T00:00:00Z\","
                            "\"application_credential\":{\"id\":\"a1\","
                            "\"restricted\":false}}}");
  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->application_credential_id, ==, "a1");
  g_assert_true (token->application_credential_unrestricted);
}

static void
test_token_admin_any_case (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(AkKeystoneToken) token = NULL;
  g_autoptr(GError) error = NULL;

  /* Keystone's policy engine compares role names without case. */
  body = ak_test_bytes_from_string ("{\"token\":{\"user\":{\"id\":\"u1\"},"
                            "\"expires_at\":\"2030-01-01T00:00:00+08:00\","
                            "\"roles\":[{\"name\":\"reader\"},{\"name\":\"Admin\"}]}}");
  token = ak_keystone_json_parse_token (body, &error);
  g_assert_no_error (error);
  g_assert_true (token->is_admin);
  g_assert_null (token->user_name);
  g_assert_null (token->user_domain_id);
  assert_time (token->expires_at, "2029-12-31T16:00:00Z");
}

static void
assert_key (AkKey      *key,
            AkKeyKind   kind,
            const char *id,
            const char *user_id,
            const char *project_id)
{
  g_assert_true (AK_IS_KEY (key));
  g_assert_cmpint (ak_key_get_kind (key), ==, kind);
  g_assert_cmpstr (ak_key_get_id (key), ==, id);
  g_assert_cmpstr (ak_key_get_user_id (key), ==, user_id);
  g_assert_cmpstr (ak_key_get_project_id (key), ==, project_id);
  /* A list says nothing of names; the provider fills them in. */
  g_assert_null (ak_key_get_user_name (key));
  g_assert_null (ak_key_get_project_name (key));
  g_assert_false (ak_key_get_deleting (key));
}

static void
test_ec2_list_member (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("ec2-list-member.json", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 3);

  assert_key (keys->pdata[0], AK_KEY_KIND_EC2, "53b8f0cfe45c465d9e5c2412b6d52e78",
              ALICE_ID, DEMO_PROJECT_ID);
  assert_key (keys->pdata[1], AK_KEY_KIND_EC2, "57c41d211bd248ec85bff3f301d819e5",
              ALICE_ID, DEMO_PROJECT_ID);
  /* Keystone lets a user make a key for a project she has no role on. */
  assert_key (keys->pdata[2], AK_KEY_KIND_EC2, "4dfe6b1afdf645bc8afcd909bc9fda99",
              ALICE_ID, ADMIN_PROJECT_ID);

  for (guint i = 0; i < keys->len; i++)
    {
      g_assert_null (ak_key_get_name (keys->pdata[i]));
      g_assert_null (ak_key_get_description (keys->pdata[i]));
      g_assert_null (ak_key_get_expires_at (keys->pdata[i]));
    }
}

static void
test_ec2_list_admin (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("ec2-list-admin.json", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 2);

  assert_key (keys->pdata[0], AK_KEY_KIND_EC2, "33d78d3ace5149b29dd2d4e3991a33d6",
              ADMIN_ID, ADMIN_PROJECT_ID);
  assert_key (keys->pdata[1], AK_KEY_KIND_EC2, "773e4b090a70468289d9afcf1da7d545",
              ADMIN_ID, ADMIN_PROJECT_ID);
}

static void
test_empty_lists (void)
{
  const struct { const char *fixture; Parser parser; } cases[] = {
    { "ec2-list-empty.json", PARSER_EC2_LIST },
    { "credential-list-empty.json", PARSER_CREDENTIAL_LIST },
    { "application-credential-list-empty.json", PARSER_APP_CRED_LIST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_read_fixture (cases[i].fixture, NULL);
      g_autoptr(GError) error = NULL;
      Result result = { 0 };

      g_assert_true (run_parser (cases[i].parser, body, &result, &error));
      g_assert_no_error (error);
      g_assert_nonnull (result.keys);
      g_assert_cmpuint (result.keys->len, ==, 0);
      result_clear (&result);
    }
}

static void
test_credential_list_member (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("credential-list-ec2-member.json", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_credential_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 3);

  /* The key ID is the access in the blob, not the credential's own ID. */
  assert_key (keys->pdata[0], AK_KEY_KIND_EC2, "53b8f0cfe45c465d9e5c2412b6d52e78",
              ALICE_ID, DEMO_PROJECT_ID);
  assert_key (keys->pdata[1], AK_KEY_KIND_EC2, "57c41d211bd248ec85bff3f301d819e5",
              ALICE_ID, DEMO_PROJECT_ID);
  assert_key (keys->pdata[2], AK_KEY_KIND_EC2, "4dfe6b1afdf645bc8afcd909bc9fda99",
              ALICE_ID, ADMIN_PROJECT_ID);
}

static void
test_credential_list_mixed (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("credential-list-mixed-admin.json", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_credential_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);

  /* Six credentials, the last a TOTP seed, which is no access key. */
  g_assert_cmpuint (keys->len, ==, 5);
  assert_key (keys->pdata[0], AK_KEY_KIND_EC2, "53b8f0cfe45c465d9e5c2412b6d52e78",
              ALICE_ID, DEMO_PROJECT_ID);
  assert_key (keys->pdata[1], AK_KEY_KIND_EC2, "57c41d211bd248ec85bff3f301d819e5",
              ALICE_ID, DEMO_PROJECT_ID);
  assert_key (keys->pdata[2], AK_KEY_KIND_EC2, "4dfe6b1afdf645bc8afcd909bc9fda99",
              ALICE_ID, ADMIN_PROJECT_ID);
  assert_key (keys->pdata[3], AK_KEY_KIND_EC2, "33d78d3ace5149b29dd2d4e3991a33d6",
              ADMIN_ID, ADMIN_PROJECT_ID);
  assert_key (keys->pdata[4], AK_KEY_KIND_EC2, "773e4b090a70468289d9afcf1da7d545",
              ADMIN_ID, ADMIN_PROJECT_ID);
}

static void
test_application_credential_list (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("application-credential-list-member.json", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *roles = NULL;
  AkKey *key;

  keys = ak_keystone_json_parse_application_credential_list (body, &unreadable,
                                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 2);

  key = keys->pdata[0];
  assert_key (key, AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED_ID, ALICE_ID, DEMO_PROJECT_ID);
  g_assert_cmpstr (ak_key_get_name (key), ==, "backup-job");
  g_assert_cmpstr (ak_key_get_description (key), ==, "Nightly backup to object storage");
  /* Keystone writes "2030-01-31T12:00:00.000000", with no zone: UTC. */
  assert_time (ak_key_get_expires_at (key), "2030-01-31T12:00:00Z");
  /* Recorded from Keystone: "unrestricted": null is restricted; the roles
   * by name; no access rules. */
  g_assert_false (ak_key_get_unrestricted (key));
  g_assert_nonnull (ak_key_get_roles (key));
  roles = g_strjoinv (",", (char **) ak_key_get_roles (key));
  g_assert_cmpstr (roles, ==, "reader,member");
  g_assert_null (ak_key_get_access_rules (key));

  key = keys->pdata[1];
  assert_key (key, AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED_2_ID, ALICE_ID, DEMO_PROJECT_ID);
  g_assert_cmpstr (ak_key_get_name (key), ==, "ci-deploy");
  g_assert_null (ak_key_get_description (key));
  g_assert_null (ak_key_get_expires_at (key));
}

/* What an application credential may do: unrestricted, and its access
 * rules; a wrongly typed one refuses the entry, never reads as restricted. */
static void
test_application_credential_powers (void)
{
  static const char json[] =
    "{\"application_credentials\": ["
    " {\"id\": \"a1\", \"user_id\": \"u1\", \"project_id\": \"p1\","
    "  \"unrestricted\": true, \"roles\": [{\"id\": \"r1\", \"name\": \"admin\"}],"
    "  \"access_rules\": [{\"id\": \"ar1\", \"service\": \"compute\","
    "                     \"method\": \"GET\", \"path\": \"/v2.1/servers\"}]},"
    " {\"id\": \"a2\", \"user_id\": \"u1\", \"unrestricted\": false,"
    "  \"roles\": [], \"access_rules\": []},"
    " {\"id\": \"a3\", \"user_id\": \"u1\", \"unrestricted\": \"yes\"},"
    " {\"id\": \"a4\", \"user_id\": \"u1\", \"roles\": [{\"id\": \"r1\"}]}"
    "]}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  AkAccessRule *rule;
  AkKey *key;

  keys = ak_keystone_json_parse_application_credential_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpuint (unreadable->len, ==, 2);

  key = keys->pdata[0];
  g_assert_true (ak_key_get_unrestricted (key));
  g_assert_cmpstr (ak_key_get_roles (key)[0], ==, "admin");
  g_assert_null (ak_key_get_roles (key)[1]);
  g_assert_cmpuint (ak_key_get_access_rules (key)->len, ==, 1);
  rule = g_ptr_array_index (ak_key_get_access_rules (key), 0);
  g_assert_cmpstr (rule->id, ==, "ar1");
  g_assert_cmpstr (rule->service, ==, "compute");
  g_assert_cmpstr (rule->method, ==, "GET");
  g_assert_cmpstr (rule->path, ==, "/v2.1/servers");

  key = keys->pdata[1];
  g_assert_false (ak_key_get_unrestricted (key));
  g_assert_nonnull (ak_key_get_roles (key));
  g_assert_null (ak_key_get_roles (key)[0]);
  g_assert_null (ak_key_get_access_rules (key));
}

static void
test_ec2_created (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("ec2-created-member.json", NULL);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_keystone_json_parse_ec2_created (body, &secret, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, "53b8f0cfe45c465d9e5c2412b6d52e78",
              ALICE_ID, DEMO_PROJECT_ID);
  g_assert_nonnull (secret);
  g_assert_cmpstr (ak_secret_get (secret), ==, "fa4e0000000000000000000000000001");
  g_assert_cmpuint (ak_secret_get_len (secret), ==, 32);
}

static void
test_application_credential_created (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("application-credential-created-member.json", NULL);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_keystone_json_parse_application_credential_created (body, &secret, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED_ID, ALICE_ID, DEMO_PROJECT_ID);
  g_assert_cmpstr (ak_key_get_name (key), ==, "backup-job");
  g_assert_cmpstr (ak_key_get_description (key), ==, "Nightly backup to object storage");
  assert_time (ak_key_get_expires_at (key), "2030-01-31T12:00:00Z");
  g_assert_nonnull (secret);
  g_assert_cmpstr (ak_secret_get (secret), ==, APP_CRED_SECRET);
  g_assert_cmpuint (ak_secret_get_len (secret), ==, 86);
}

/* One key read alone, and an EC2 key restored through /v3/credentials. These
 * fixtures come from a later recording than the others, hence other IDs. */
#define LATER_ALICE_ID    "309f38aa3e794d53ac9067d14e53e699"
#define LATER_DEMO_ID     "c4f3523194ec41d2a36e9296daeaa6b8"
#define LATER_EC2_ID      "e14c9ea9b0e0438e9093e8599b391f1e"
#define LATER_APP_CRED_ID "ecd265483eb843f393ee385aa3c11170"

static void
test_ec2_get (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("ec2-get-member.json", NULL);
  g_autoptr(GBytes) bare = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_keystone_json_parse_ec2 (body, &secret, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, LATER_EC2_ID, LATER_ALICE_ID, LATER_DEMO_ID);
  g_assert_cmpstr (ak_secret_get (secret), ==, "fa4e0000000000000000000000000001");
  g_clear_object (&key);

  /* Without asking for the secret, it need not be there. */
  key = ak_keystone_json_parse_ec2 (body, NULL, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, LATER_EC2_ID, LATER_ALICE_ID, LATER_DEMO_ID);
  g_clear_object (&key);

  bare = ak_test_bytes_from_string ("{\"credential\": {\"user_id\": \"u\", \"access\": \"a\"}}");
  key = ak_keystone_json_parse_ec2 (bare, NULL, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, "a", "u", NULL);
  g_clear_object (&key);

  /* Asking for it, it must. */
  g_clear_pointer (&secret, ak_secret_unref);
  key = ak_keystone_json_parse_ec2 (bare, &secret, &error);
  g_assert_null (secret);
  g_assert_null (key);
  assert_protocol_error (error);
}

static void
test_application_credential_get (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("application-credential-get-member.json", NULL);
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_keystone_json_parse_application_credential (body, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_APPLICATION_CREDENTIAL, LATER_APP_CRED_ID, LATER_ALICE_ID,
              LATER_DEMO_ID);
  g_assert_cmpstr (ak_key_get_name (key), ==, "backup-job");
  g_assert_cmpstr (ak_key_get_description (key), ==, "Nightly backup to object storage");
  assert_time (ak_key_get_expires_at (key), "2030-01-31T12:00:00Z");
}

static void
test_credential_restored (void)
{
  g_autoptr(GBytes) body = ak_test_read_fixture ("credential-restored-member.json", NULL);
  g_autoptr(GBytes) totp = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  /* The key's ID is the access key inside the blob, not the credential's
   * own ID (its sha256). */
  key = ak_keystone_json_parse_credential_created (body, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, LATER_EC2_ID, LATER_ALICE_ID, LATER_DEMO_ID);
  g_clear_object (&key);

  /* A credential that is not an EC2 key is not a restored key. */
  totp = ak_test_bytes_from_string ("{\"credential\": {\"id\": \"c\", \"type\": \"totp\", "
                            "\"user_id\": \"u\", \"blob\": \"GEZDGNBVGY3TQOJQ\"}}");
  key = ak_keystone_json_parse_credential_created (totp, &error);
  g_assert_null (key);
  assert_protocol_error (error);
}

static void
test_created_without_secret_out (void)
{
  g_autoptr(GBytes) ec2 = ak_test_read_fixture ("ec2-created-member.json", NULL);
  g_autoptr(GBytes) app_cred = ak_test_read_fixture ("application-credential-created-member.json", NULL);
  g_autoptr(AkKey) key1 = NULL;
  g_autoptr(AkKey) key2 = NULL;
  g_autoptr(GError) error = NULL;

  key1 = ak_keystone_json_parse_ec2_created (ec2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (key1), ==, "53b8f0cfe45c465d9e5c2412b6d52e78");

  key2 = ak_keystone_json_parse_application_credential_created (app_cred, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (key2), ==, APP_CRED_ID);
}

/* Who is disabled, from the list of users: only a plain false is. */
static void
test_users_disabled (void)
{
  static const char json[] =
    "{\"users\": ["
    "{\"id\": \"u-on\", \"name\": \"on\", \"enabled\": true},"
    "{\"id\": \"u-off\", \"name\": \"off\", \"enabled\": false},"
    "{\"id\": \"u-unsaid\", \"name\": \"unsaid\"},"
    "{\"id\": \"u-odd\", \"name\": \"odd\", \"enabled\": \"no\"}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) disabled = NULL;
  g_autoptr(GError) error = NULL;

  names = ak_keystone_json_parse_users (body, &disabled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (names), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (names, "u-off"), ==, "off");
  g_assert_cmpuint (g_hash_table_size (disabled), ==, 1);
  g_assert_true (g_hash_table_contains (disabled, "u-off"));
}

/* Where a list in pages goes on: the marker of links.next, whatever host
 * the link names, and whether the server says it left entries out. */
static void
test_pages (void)
{
  static const struct
  {
    const char *json;
    const char *marker;
    gboolean    truncated;
  } cases[] = {
    /* Keystone 27, a full page. */
    { "{\"users\": [], \"links\": {\"next\": \"http://elsewhere.invalid/v3/users?"
      "limit=1000&marker=u%2F1000\", \"self\": \"x\", \"previous\": null},"
      " \"truncated\": true}", "u/1000", TRUE },
    /* The last page. */
    { "{\"users\": [], \"links\": {\"next\": null}}", NULL, FALSE },
    /* Keystone 22 with a list_limit: cut, and no way on. */
    { "{\"users\": [], \"truncated\": true}", NULL, TRUE },
    /* A next link without a marker, or not a string, is no way on. */
    { "{\"users\": [], \"links\": {\"next\": \"http://h/v3/users?limit=5\"}}",
      NULL, FALSE },
    { "{\"users\": [], \"links\": {\"next\": \"http://h/v3/users?marker=\"}}",
      NULL, FALSE },
    { "{\"users\": [], \"links\": {\"next\": 7}, \"truncated\": \"yes\"}", NULL, FALSE },
    { "{\"users\": [], \"links\": []}", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GHashTable) names = NULL;
      g_autoptr(GHashTable) disabled = NULL;
      g_autoptr(GError) error = NULL;
      AkKeystonePage page = { NULL, FALSE };

      g_test_message ("%s", cases[i].json);
      names = ak_keystone_json_parse_users (body, &disabled, &page, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (page.next_marker, ==, cases[i].marker);
      g_assert_cmpint (page.truncated, ==, cases[i].truncated);
      ak_keystone_page_clear (&page);

      g_clear_pointer (&names, g_hash_table_unref);
      names = ak_keystone_json_parse_names (body, "users", &page, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (page.next_marker, ==, cases[i].marker);
      ak_keystone_page_clear (&page);
    }
}

/* Every EC2 key in one list: one the server cut short (a list_limit in its
 * configuration) is refused, for it would pass for everyone's keys. */
static void
test_credential_list_cut (void)
{
  static const char *cut[] = {
    "{\"credentials\": [], \"truncated\": true}",
    "{\"credentials\": [], \"links\": {\"next\": \"http://h/v3/credentials?marker=c\"}}",
  };
  static const char whole[] = "{\"credentials\": [], \"links\": {\"next\": null}}";
  g_autoptr(GBytes) body = g_bytes_new_static (whole, sizeof whole - 1);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_credential_list (body, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    {
      g_autoptr(GBytes) cut_body = g_bytes_new_static (cut[i], strlen (cut[i]));

      g_clear_pointer (&keys, g_ptr_array_unref);
      keys = ak_keystone_json_parse_credential_list (cut_body, NULL, &error);
      g_assert_null (keys);
      g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
      g_clear_error (&error);
    }
}

/* Who has a role on which project; domain and system roles do not count,
 * and a list cut short is no answer. */
static void
test_role_assignments (void)
{
  static const char json[] =
    "{\"role_assignments\": ["
    "{\"role\": {\"id\": \"r\"}, \"user\": {\"id\": \"alice\"},"
    " \"scope\": {\"project\": {\"id\": \"demo\"}}},"
    "{\"role\": {\"id\": \"r\"}, \"user\": {\"id\": \"bob\"},"
    " \"scope\": {\"domain\": {\"id\": \"default\"}}},"
    "{\"role\": {\"id\": \"r\"}, \"user\": {\"id\": \"carol\"},"
    " \"scope\": {\"system\": {\"all\": true}}},"
    "{\"role\": {\"id\": \"r\"}, \"group\": {\"id\": \"g\"},"
    " \"scope\": {\"project\": {\"id\": \"demo\"}}}],"
    " \"links\": {}}";
  static const char truncated[] =
    "{\"role_assignments\": [], \"truncated\": true}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GBytes) cut = g_bytes_new_static (truncated, sizeof truncated - 1);
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alice_demo = ak_keystone_role_key ("alice", "demo");
  g_autofree char *bob_demo = ak_keystone_role_key ("bob", "demo");

  roles = ak_keystone_json_parse_role_assignments (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (roles), ==, 1);
  g_assert_true (g_hash_table_contains (roles, alice_demo));
  g_assert_false (g_hash_table_contains (roles, bob_demo));
  g_clear_pointer (&roles, g_hash_table_unref);

  roles = ak_keystone_json_parse_role_assignments (cut, &error);
  g_assert_null (roles);
  assert_protocol_error (error);
}

static void
test_names (void)
{
  g_autoptr(GBytes) users = ak_test_read_fixture ("users-list-admin.json", NULL);
  g_autoptr(GBytes) projects = ak_test_read_fixture ("projects-list-admin.json", NULL);
  g_autoptr(GBytes) member_projects = ak_test_read_fixture ("projects-list-member.json", NULL);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;

  names = ak_keystone_json_parse_names (users, "users", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (names), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (names, ADMIN_ID), ==, "admin");
  g_assert_cmpstr (g_hash_table_lookup (names, ALICE_ID), ==, "alice");
  g_clear_pointer (&names, g_hash_table_unref);

  names = ak_keystone_json_parse_names (projects, "projects", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (names), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (names, ADMIN_PROJECT_ID), ==, "admin");
  g_assert_cmpstr (g_hash_table_lookup (names, DEMO_PROJECT_ID), ==, "demo");
  g_clear_pointer (&names, g_hash_table_unref);

  names = ak_keystone_json_parse_names (member_projects, "projects", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (names), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (names, DEMO_PROJECT_ID), ==, "demo");
  g_clear_pointer (&names, g_hash_table_unref);

  /* The wrong collection is a body this call does not understand. */
  names = ak_keystone_json_parse_names (users, "projects", NULL, &error);
  g_assert_null (names);
  assert_protocol_error (error);
}

static void
test_big_ec2_list (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "fixtures", "ec2-list-5000.json",
                                                 NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *last_id = g_compute_checksum_for_string (G_CHECKSUM_MD5, "access-4999", -1);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  body = g_bytes_new_take (contents, len);

  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 5000);

  /* MD5 of "access-0" and "access-4999", as make-big-ec2-list.py writes. */
  g_assert_cmpstr (ak_key_get_id (keys->pdata[0]), ==, "11d87ca82fbd4009f2aa5c423e88374b");
  g_assert_cmpstr (ak_key_get_project_id (keys->pdata[1]), ==, ADMIN_PROJECT_ID);
  g_assert_cmpstr (ak_key_get_id (keys->pdata[4999]), ==, last_id);

  for (guint i = 0; i < keys->len; i++)
    {
      g_assert_cmpstr (ak_key_get_user_id (keys->pdata[i]), ==, ALICE_ID);
      g_assert_true (g_hash_table_add (ids, (gpointer)ak_key_get_id (keys->pdata[i])));
    }
}

/* Secrets never kept */

static void
collect_secrets (JsonNode   *node,
                 GPtrArray  *secrets)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_secrets (json_array_get_element (array, i), secrets);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, "secret") && JSON_NODE_HOLDS_VALUE (member))
            {
              g_ptr_array_add (secrets, g_strdup (json_node_get_string (member)));
            }
          else if (g_str_equal (l->data, "blob") && JSON_NODE_HOLDS_VALUE (member))
            {
              g_autoptr(JsonParser) parser = json_parser_new ();

              if (json_parser_load_from_data (parser, json_node_get_string (member), -1, NULL))
                collect_secrets (json_parser_get_root (parser), secrets);
            }
          else
            {
              collect_secrets (member, secrets);
            }
        }
    }
}

static void
assert_key_holds_none (AkKey     *key,
                       GPtrArray *secrets)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (key), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (key), pspecs[i]->name, &value);

      if (G_VALUE_HOLDS_STRING (&value))
        text = g_value_dup_string (&value);
      else if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME) && g_value_get_boxed (&value) != NULL)
        text = g_date_time_format_iso8601 (g_value_get_boxed (&value));
      else
        text = g_strdup_value_contents (&value);

      for (guint j = 0; j < secrets->len; j++)
        g_assert_null (text != NULL ? strstr (text, secrets->pdata[j]) : NULL);
    }
}

static void
test_secret_never_kept (void)
{
  const struct { const char *fixture; Parser parser; guint n_secrets; } cases[] = {
    { "ec2-list-member.json", PARSER_EC2_LIST, 3 },
    { "ec2-list-admin.json", PARSER_EC2_LIST, 2 },
    { "credential-list-ec2-member.json", PARSER_CREDENTIAL_LIST, 3 },
    { "credential-list-mixed-admin.json", PARSER_CREDENTIAL_LIST, 5 },
    { "ec2-created-member.json", PARSER_EC2_CREATED, 1 },
    { "application-credential-created-member.json", PARSER_APP_CRED_CREATED, 1 },
    { "ec2-get-member.json", PARSER_EC2_GET, 1 },
    { "credential-restored-member.json", PARSER_CREDENTIAL_CREATED, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_read_fixture (cases[i].fixture, NULL);
      g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      Result result = { 0 };

      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      collect_secrets (json_parser_get_root (parser), secrets);
      g_assert_cmpuint (secrets->len, ==, cases[i].n_secrets);

      g_assert_true (run_parser (cases[i].parser, body, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.keys->len, >, 0);

      for (guint k = 0; k < result.keys->len; k++)
        assert_key_holds_none (result.keys->pdata[k], secrets);

      result_clear (&result);
    }
}

/* Broken bodies: every parser refuses them with AK_ERROR_PROTOCOL */

static char *
nested (const char *open,
        const char *inner,
        const char *close,
        guint       depth)
{
  GString *text = g_string_new ("{\"credentials\":");

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  g_string_append (text, "}");

  return g_string_free (text, FALSE);
}

static void
assert_refused_by_all (const char *data,
                       gsize       len)
{
  g_autoptr(GBytes) body = g_bytes_new (data, len);

  for (Parser p = 0; p < N_PARSERS; p++)
    {
      g_autoptr(GError) error = NULL;
      Result result = { 0 };

      g_test_message ("parser %s", parser_names[p]);
      g_assert_false (run_parser (p, body, &result, &error));
      assert_protocol_error (error);
      g_assert_true (result_is_empty (&result));
    }
}

static void
test_broken_bodies (void)
{
  const char * const bodies[] = {
    "", " ", "\n\t", "null", "true", "42", "-1e999", "\"text\"", "[]", "[{}]",
    "{", "}", "{}", "{\"credentials\"", "{\"credentials\":", "{\"credentials\":[",
    "{\"credentials\":[{}", "not json", "<html><body>502 Bad Gateway</body></html>",
    "{} {}", "{}{\"credentials\":[]}", "{\"credentials\":[]} x", "{\"credentials\":[]}]",
    "{/* c */\"credentials\":[]}", "{\"credentials\":[]}# c", "{'credentials':[]}",
    "{credentials:[]}", "{\"credentials\":[],}", "{\"credentials\":['a']}",
    "{\"credentials\":123456789012345678901234567890}", "{\"credentials\":1e99999}",
    "{\"credentials\":-0.0e-99999}", "{\"users\":[{\"id\":\"a\\u0000b\",\"name\":\"n\"}]}",
    "{\"token\":{\"user\":{\"id\":\"a\nb\"}}}", "{\"credentials\":[\"\\ud800\"]}",
    "{\"credentials\":[\"\\", "{\"credentials\":[\"\\u00",
    "\xef\xbb\xbf", "\xff\xfe{\"credentials\":[]}", "{\"credentials\":[\"\xc3\x28\"]}",
    "{\"credentials\":[\"\xed\xa0\x80\"]}", "{\"credentials\":[\"\xf4\x90\x80\x80\"]}",
    /* Unpaired UTF-16 surrogates, which json-glib turns into invalid UTF-8. */
    "{\"users\":[{\"id\":\"u\",\"name\":\"x\\ud800y\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"x\\udc00y\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"x\\ud800\\u0041\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"x\\udbff\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"x\\uD800\\\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"\\u12\"}]}",
    "{\"users\":[{\"id\":\"u\",\"name\":\"\\u12g4\"}]}",
  };
  /* Depth AK_KEYSTONE_JSON_MAX_DEPTH is allowed (see test_depth_limit());
   * one more, or far more, is refused before json-glib sees it. */
  g_autofree char *over_limit = nested ("[", "", "]", AK_KEYSTONE_JSON_MAX_DEPTH);
  g_autofree char *deep_arrays = nested ("[", "", "]", 100000);
  g_autofree char *deep_objects = nested ("{\"a\":", "1", "}", 100000);
  g_autofree char *deep_unclosed = nested ("[", "", "", 100000);
  g_autofree char *huge = make_huge_string ();
  g_autofree char *huge_key = g_strdup_printf ("{\"%s\":[]}", huge);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autofree guint8 *noise = g_malloc (HUGE_LENGTH);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("body %u", i);
      assert_refused_by_all (bodies[i], strlen (bodies[i]));
    }

  /* A NUL byte inside and after a valid body. */
  assert_refused_by_all ("{\"credentials\":[]}\0", 19);
  assert_refused_by_all ("{\"credentials\":[\"a\0b\"]}", 23);

  assert_refused_by_all (over_limit, strlen (over_limit));
  assert_refused_by_all (deep_arrays, strlen (deep_arrays));
  assert_refused_by_all (deep_objects, strlen (deep_objects));
  assert_refused_by_all (deep_unclosed, strlen (deep_unclosed));
  assert_refused_by_all (huge_key, strlen (huge_key));

  for (guint i = 0; i < HUGE_LENGTH; i++)
    noise[i] = (guint8)g_rand_int_range (rand, 0, 256);
  assert_refused_by_all ((const char *)noise, HUGE_LENGTH);
}

static void
test_depth_limit (void)
{
  g_autofree char *at_limit = nested ("[", "", "]", AK_KEYSTONE_JSON_MAX_DEPTH - 1);
  g_autofree char *over_limit = nested ("[", "", "]", AK_KEYSTONE_JSON_MAX_DEPTH);
  g_autoptr(GBytes) at = ak_test_bytes_from_string (at_limit);
  g_autoptr(GBytes) over = ak_test_bytes_from_string (over_limit);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;

  /* At the limit, the one entry is an array, not a key: left out. */
  keys = ak_keystone_json_parse_ec2_list (at, &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 0);
  assert_one_unreadable (unreadable, 0, "The answer’s “credentials[0]” has the wrong type.");
  g_clear_pointer (&keys, g_ptr_array_unref);
  g_clear_pointer (&unreadable, g_ptr_array_unref);

  keys = ak_keystone_json_parse_ec2_list (over, &unreadable, &error);
  g_assert_null (keys);
  g_assert_null (unreadable);
  assert_protocol_error (error);
  g_assert_cmpstr (ak_error_get_detail (error), ==, "The answer is nested too deeply.");
}

static void
test_entries_of_wrong_type (void)
{
  const char * const entries[] = { "42", "null", "\"x\"", "[]", "true", "[{}]" };
  const struct { Parser parser; const char *member; } lists[] = {
    { PARSER_EC2_LIST, "credentials" },
    { PARSER_CREDENTIAL_LIST, "credentials" },
    { PARSER_APP_CRED_LIST, "application_credentials" },
    { PARSER_USERS, "users" },
    { PARSER_PROJECTS, "projects" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; j < G_N_ELEMENTS (entries); j++)
      {
        g_autofree char *text = g_strdup_printf ("{\"%s\":[%s]}", lists[i].member, entries[j]);
        g_autoptr(GBytes) body = ak_test_bytes_from_string (text);
        g_autoptr(GError) error = NULL;
        Result result = { 0 };

        if (!is_key_list (lists[i].parser))
          {
            /* The names are read whole. */
            g_assert_false (run_parser (lists[i].parser, body, &result, &error));
            assert_protocol_error (error);
            g_assert_true (result_is_empty (&result));
            continue;
          }

        g_assert_true (run_parser (lists[i].parser, body, &result, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (result.keys->len, ==, 0);
        assert_one_unreadable (result.unreadable, 0, NULL);
        result_clear (&result);
      }
}

static void
test_duplicate_ids (void)
{
  const struct { Parser parser; const char *text; const char *detail; } cases[] = {
    { PARSER_EC2_LIST,
      "{\"credentials\":[{\"access\":\"a1\",\"user_id\":\"u\"},"
      "{\"access\":\"a1\",\"user_id\":\"u\"}]}",
      "The answer lists “credentials[1].access” twice." },
    { PARSER_CREDENTIAL_LIST,
      "{\"credentials\":["
      "{\"type\":\"ec2\",\"user_id\":\"u\",\"blob\":\"{\\\"access\\\":\\\"a\\\"}\"},"
      "{\"type\":\"ec2\",\"user_id\":\"u\",\"blob\":\"{\\\"access\\\":\\\"a\\\"}\"}]}",
      "The answer lists “credentials[1].blob” twice." },
    { PARSER_APP_CRED_LIST,
      "{\"application_credentials\":[{\"id\":\"x\",\"user_id\":\"u\"},"
      "{\"id\":\"y\",\"user_id\":\"u\"},{\"id\":\"x\",\"user_id\":\"u\"}]}",
      "The answer lists “application_credentials[2].id” twice." },
  };
  g_autoptr(GBytes) names_body = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) names_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_bytes_from_string (cases[i].text);
      g_autoptr(GError) error = NULL;
      Result result = { 0 };

      g_assert_false (run_parser (cases[i].parser, body, &result, &error));
      assert_protocol_error (error);
      g_assert_cmpstr (ak_error_get_detail (error), ==, cases[i].detail);
    }

  /* Names are only for showing: a repeated ID keeps the last name. */
  names_body = ak_test_bytes_from_string ("{\"users\":[{\"id\":\"u\",\"name\":\"first\"},"
                                  "{\"id\":\"u\",\"name\":\"second\"}]}");
  names = ak_keystone_json_parse_names (names_body, "users", NULL, &names_error);
  g_assert_no_error (names_error);
  g_assert_cmpstr (g_hash_table_lookup (names, "u"), ==, "second");
}

static void
test_identifiers (void)
{
  const struct { const char *access; gboolean valid; } cases[] = {
    { "plain", TRUE },
    { "with/slash and space", TRUE },
    { "\\u8bbf\\u95ee", TRUE },                  /* 访问 */
    { "", FALSE },
    { "a\\nb", FALSE },
    { "a\\tb", FALSE },
    { "\\u202eevil", FALSE },                    /* right-to-left override */
    { "a\\u200bb", FALSE },                      /* zero-width space */
    { "a\\u0085b", FALSE },                      /* C1 control */
    { "a\\u2028b", FALSE },                      /* line separator */
    { "a\\u007fb", FALSE },
    { "\\ud83d\\udd11", TRUE },                /* a key emoji, as a surrogate pair */
    { "\\uD83D\\uDD11", TRUE },
  };
  g_autofree char *longest = g_strnfill (AK_KEYSTONE_JSON_MAX_ID_LENGTH, 'k');
  g_autofree char *too_long = g_strnfill (AK_KEYSTONE_JSON_MAX_ID_LENGTH + 1, 'k');

  for (guint i = 0; i < G_N_ELEMENTS (cases) + 2; i++)
    {
      const char *access = i < G_N_ELEMENTS (cases) ? cases[i].access :
                           i == G_N_ELEMENTS (cases) ? longest : too_long;
      gboolean valid = i < G_N_ELEMENTS (cases) ? cases[i].valid : i == G_N_ELEMENTS (cases);
      g_autofree char *text = g_strdup_printf ("{\"credentials\":[{\"access\":\"%s\","
                                               "\"user_id\":\"u\"}]}", access);
      g_autoptr(GBytes) body = ak_test_bytes_from_string (text);
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GPtrArray) unreadable = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("identifier %u", i);
      keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);

      /* A refused ID leaves the entry out, and the list is read. */
      g_assert_no_error (error);
      g_assert_nonnull (keys);

      if (valid)
        {
          g_assert_cmpuint (keys->len, ==, 1);
          g_assert_cmpuint (unreadable->len, ==, 0);
        }
      else
        {
          g_assert_cmpuint (keys->len, ==, 0);
          assert_one_unreadable (unreadable, 0,
                                 "The answer’s “credentials[0].access” is not valid.");
        }
    }
}

static void
test_blobs (void)
{
  const struct { const char *blob; gboolean valid; } cases[] = {
    { "{\\\"access\\\":\\\"a1\\\"}", TRUE },
    { "{\\\"access\\\":\\\"a1\\\",\\\"secret\\\":null}", TRUE },
    { "{\\\"access\\\":\\\"a1\\\",\\\"secret\\\":42}", TRUE },
    { "", FALSE },
    { "not json", FALSE },
    { "[]", FALSE },
    { "\\\"a1\\\"", FALSE },
    { "{}", FALSE },
    { "{\\\"access\\\":null}", FALSE },
    { "{\\\"access\\\":42}", FALSE },
    { "{\\\"access\\\":\\\"\\\"}", FALSE },
    { "{\\\"access\\\":{}}", FALSE },
    { "{\\\"access\\\":\\\"a1\\\"", FALSE },
    { "{\\\"access\\\":\\\"a1\\\"} x", FALSE },
    { "{\\\"access\\\":\\\"a\\\\u0000b\\\"}", FALSE },
    { NULL, FALSE },   /* nested one level too deep, made below */
  };
  g_autofree char *opening = g_strnfill (AK_KEYSTONE_JSON_MAX_DEPTH, '[');
  g_autofree char *closing = g_strnfill (AK_KEYSTONE_JSON_MAX_DEPTH, ']');
  g_autofree char *too_deep = g_strdup_printf ("{\\\"a\\\":%s%s,\\\"access\\\":\\\"a1\\\"}",
                                               opening, closing);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"credentials\":[{\"type\":\"ec2\","
                                               "\"user_id\":\"u\",\"blob\":\"%s\"}]}",
                                               cases[i].blob != NULL ? cases[i].blob : too_deep);
      g_autoptr(GBytes) body = ak_test_bytes_from_string (text);
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GPtrArray) unreadable = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("blob %u", i);
      keys = ak_keystone_json_parse_credential_list (body, &unreadable, &error);

      g_assert_no_error (error);
      g_assert_nonnull (keys);

      if (cases[i].valid)
        {
          g_assert_cmpuint (keys->len, ==, 1);
          g_assert_cmpuint (unreadable->len, ==, 0);
          g_assert_cmpstr (ak_key_get_id (keys->pdata[0]), ==, "a1");
        }
      else
        {
          g_assert_cmpuint (keys->len, ==, 0);
          assert_one_unreadable (unreadable, 0,
                                 "The answer’s “credentials[0].blob” is not valid.");
        }
    }
}

/* Each field of each fixture removed, null, of the wrong type, empty, huge
 * or with invalid UTF-8; see "What the parsers require" in
 * ak-keystone-json.c for the rules the expectations follow. */

typedef enum
{
  MUTATE_REMOVE,
  MUTATE_NULL,
  MUTATE_WRONG_TYPE,
  MUTATE_EMPTY,
  MUTATE_HUGE,
  MUTATE_BAD_UTF8,
  N_MUTATIONS
} Mutation;

static const char * const mutation_names[] = {
  "remove", "null", "wrong-type", "empty", "huge", "bad-utf8",
};

typedef const char *(*ResultGetter) (Result *result);

/* @expect has one letter per Mutation: P refused with AK_ERROR_PROTOCOL, O
 * accepted, N accepted and @get gives NULL, V accepted and @get gives the
 * huge value written. In an entry of a list of keys, P means the entry is
 * left out as unreadable and the list read, unless the body itself is
 * refused (bad UTF-8). */
typedef struct
{
  const char   *fixture;
  Parser        parser;
  const char   *object;    /* slash-separated path to the object */
  const char   *field;
  const char   *expect;
  ResultGetter  get;
} MutationCase;

static AkKey *
first_key (Result *result)
{
  g_assert_nonnull (result->keys);
  g_assert_cmpuint (result->keys->len, >, 0);

  return result->keys->pdata[0];
}

static const char *
get_key_project_id (Result *result)
{
  return ak_key_get_project_id (first_key (result));
}

static const char *
get_key_name (Result *result)
{
  return ak_key_get_name (first_key (result));
}

static const char *
get_key_description (Result *result)
{
  return ak_key_get_description (first_key (result));
}

static const char *
get_key_expires_at (Result *result)
{
  return ak_key_get_expires_at (first_key (result)) != NULL ? "set" : NULL;
}

static const char *
get_secret (Result *result)
{
  return ak_secret_get (result->secret);
}

static const char *
get_token_user_name (Result *result)
{
  return result->token->user_name;
}

static const char *
get_token_user_domain_id (Result *result)
{
  return result->token->user_domain_id;
}

static const char *
get_token_project_id (Result *result)
{
  return result->token->project_id;
}

static const char *
get_token_project_name (Result *result)
{
  return result->token->project_name;
}

static const char *
get_token_project_domain_id (Result *result)
{
  return result->token->project_domain_id;
}

static const char *
get_token_admin (Result *result)
{
  return result->token->is_admin ? "admin" : NULL;
}

static const char *
get_token_first_role (Result *result)
{
  return result->token->roles[0];
}

static const char *
get_token_app_cred_id (Result *result)
{
  return result->token->application_credential_id;
}

static const char *
get_token_app_cred_unrestricted (Result *result)
{
  return result->token->application_credential_unrestricted ? "unrestricted" : NULL;
}

static const char *
get_admin_user_name (Result *result)
{
  return g_hash_table_lookup (result->names, ADMIN_ID);
}

static const char *
get_admin_project_name (Result *result)
{
  return g_hash_table_lookup (result->names, ADMIN_PROJECT_ID);
}

#define EC2_LIST      "ec2-list-member.json"
#define CRED_LIST     "credential-list-ec2-member.json"
#define MIXED_LIST    "credential-list-mixed-admin.json"
#define APP_LIST      "application-credential-list-member.json"
#define TOKEN         "token-password-admin.json"
#define APP_TOKEN     "token-application-credential.json"
#define EC2_CREATED   "ec2-created-member.json"
#define APP_CREATED   "application-credential-created-member.json"
#define USERS         "users-list-admin.json"
#define PROJECTS      "projects-list-admin.json"

/* The letters for the field kinds of the file comment. */
#define REQUIRED_ID    "PPPPPP"
#define OPTIONAL_ID    "NNPPPP"
#define TEXT           "NNPNVP"
#define REQUIRED_TEXT  "PPPPVP"
#define OPTIONAL_TIME  "NNPPPP"
#define SECRET         "PPPPVP"
#define IGNORED        "OOOOOP"
#define REQUIRED_LIST  "PPPOPP"
#define OPTIONAL_LIST  "OOPOPP"
#define OPTIONAL_BOOL  "OOPPPP"

static const MutationCase mutation_cases[] = {
  { EC2_LIST, PARSER_EC2_LIST, "", "credentials", REQUIRED_LIST, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "access", REQUIRED_ID, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "user_id", REQUIRED_ID, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "tenant_id", OPTIONAL_ID, get_key_project_id },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "secret", IGNORED, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "trust_id", IGNORED, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "credentials/0", "links", IGNORED, NULL },
  { EC2_LIST, PARSER_EC2_LIST, "", "links", IGNORED, NULL },

  { CRED_LIST, PARSER_CREDENTIAL_LIST, "", "credentials", REQUIRED_LIST, NULL },
  /* A type other than "ec2", however long, is another kind of credential: skipped. */
  { CRED_LIST, PARSER_CREDENTIAL_LIST, "credentials/0", "type", "PPPPOP", NULL },
  { CRED_LIST, PARSER_CREDENTIAL_LIST, "credentials/0", "blob", REQUIRED_ID, NULL },
  { CRED_LIST, PARSER_CREDENTIAL_LIST, "credentials/0", "user_id", REQUIRED_ID, NULL },
  { CRED_LIST, PARSER_CREDENTIAL_LIST, "credentials/0", "project_id", OPTIONAL_ID,
    get_key_project_id },
  { CRED_LIST, PARSER_CREDENTIAL_LIST, "credentials/0", "id", IGNORED, NULL },
  { MIXED_LIST, PARSER_CREDENTIAL_LIST, "credentials/5", "type", "PPPPOP", NULL },
  { MIXED_LIST, PARSER_CREDENTIAL_LIST, "credentials/5", "blob", IGNORED, NULL },
  { MIXED_LIST, PARSER_CREDENTIAL_LIST, "credentials/5", "user_id", IGNORED, NULL },

  { APP_LIST, PARSER_APP_CRED_LIST, "", "application_credentials", REQUIRED_LIST, NULL },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "id", REQUIRED_ID, NULL },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "user_id", REQUIRED_ID, NULL },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "project_id", OPTIONAL_ID,
    get_key_project_id },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "name", TEXT, get_key_name },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "description", TEXT,
    get_key_description },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "expires_at", OPTIONAL_TIME,
    get_key_expires_at },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "roles", OPTIONAL_LIST, NULL },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0/roles/0", "name", "PPPPOP",
    NULL },
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0/roles/0", "id", IGNORED, NULL },
  /* Absent or null is restricted, as Keystone stores it when not asked. */
  { APP_LIST, PARSER_APP_CRED_LIST, "application_credentials/0", "unrestricted", OPTIONAL_BOOL,
    NULL },

  { TOKEN, PARSER_TOKEN, "", "token", REQUIRED_ID, NULL },
  { TOKEN, PARSER_TOKEN, "token", "user", REQUIRED_ID, NULL },
  { TOKEN, PARSER_TOKEN, "token", "project", "NNPPPP", get_token_project_id },
  { TOKEN, PARSER_TOKEN, "token", "expires_at", REQUIRED_ID, NULL },
  { TOKEN, PARSER_TOKEN, "token", "roles", "NNPNPP", get_token_admin },
  { TOKEN, PARSER_TOKEN, "token", "catalog", IGNORED, NULL },
  { TOKEN, PARSER_TOKEN, "token", "methods", IGNORED, NULL },
  { TOKEN, PARSER_TOKEN, "token", "issued_at", IGNORED, NULL },
  { TOKEN, PARSER_TOKEN, "token/user", "id", REQUIRED_ID, NULL },
  { TOKEN, PARSER_TOKEN, "token/user", "name", TEXT, get_token_user_name },
  { TOKEN, PARSER_TOKEN, "token/user", "domain", "NNPNPP", get_token_user_domain_id },
  { TOKEN, PARSER_TOKEN, "token/user/domain", "id", OPTIONAL_ID, get_token_user_domain_id },
  { TOKEN, PARSER_TOKEN, "token/user/domain", "name", IGNORED, NULL },
  { TOKEN, PARSER_TOKEN, "token/project", "id", REQUIRED_ID, NULL },
  { TOKEN, PARSER_TOKEN, "token/project", "name", TEXT, get_token_project_name },
  { TOKEN, PARSER_TOKEN, "token/project/domain", "id", OPTIONAL_ID,
    get_token_project_domain_id },
  { TOKEN, PARSER_TOKEN, "token/roles/0", "name", REQUIRED_TEXT, get_token_first_role },
  { TOKEN, PARSER_TOKEN, "token/roles/0", "id", IGNORED, NULL },
  { APP_TOKEN, PARSER_TOKEN, "token", "application_credential", "NNPPPP",
    get_token_app_cred_id },
  { APP_TOKEN, PARSER_TOKEN, "token/application_credential", "id", REQUIRED_ID, NULL },
  { APP_TOKEN, PARSER_TOKEN, "token/application_credential", "name", IGNORED, NULL },
  /* Absent or null is restricted, Keystone's default. */
  { APP_TOKEN, PARSER_TOKEN, "token/application_credential", "restricted", "NNPPPP",
    get_token_app_cred_unrestricted },

  { EC2_CREATED, PARSER_EC2_CREATED, "", "credential", REQUIRED_ID, NULL },
  { EC2_CREATED, PARSER_EC2_CREATED, "credential", "access", REQUIRED_ID, NULL },
  { EC2_CREATED, PARSER_EC2_CREATED, "credential", "user_id", REQUIRED_ID, NULL },
  { EC2_CREATED, PARSER_EC2_CREATED, "credential", "tenant_id", OPTIONAL_ID, get_key_project_id },
  { EC2_CREATED, PARSER_EC2_CREATED, "credential", "secret", SECRET, get_secret },
  { EC2_CREATED, PARSER_EC2_CREATED, "credential", "links", IGNORED, NULL },

  { APP_CREATED, PARSER_APP_CRED_CREATED, "", "application_credential", REQUIRED_ID, NULL },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "id", REQUIRED_ID, NULL },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "user_id", REQUIRED_ID,
    NULL },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "project_id", OPTIONAL_ID,
    get_key_project_id },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "name", TEXT,
    get_key_name },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "description", TEXT,
    get_key_description },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "expires_at",
    OPTIONAL_TIME, get_key_expires_at },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "secret", SECRET,
    get_secret },
  { APP_CREATED, PARSER_APP_CRED_CREATED, "application_credential", "roles", OPTIONAL_LIST,
    NULL },

  { USERS, PARSER_USERS, "", "users", REQUIRED_LIST, NULL },
  { USERS, PARSER_USERS, "users/0", "id", REQUIRED_ID, NULL },
  { USERS, PARSER_USERS, "users/0", "name", REQUIRED_TEXT, get_admin_user_name },
  { USERS, PARSER_USERS, "users/0", "enabled", IGNORED, NULL },
  { PROJECTS, PARSER_PROJECTS, "", "projects", REQUIRED_LIST, NULL },
  { PROJECTS, PARSER_PROJECTS, "projects/1", "id", REQUIRED_ID, NULL },
  { PROJECTS, PARSER_PROJECTS, "projects/0", "name", REQUIRED_TEXT, get_admin_project_name },
  { PROJECTS, PARSER_PROJECTS, "projects/0", "description", IGNORED, NULL },
};

static JsonObject *
resolve_object (JsonNode   *root,
                const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL && parts[i][0] != '\0'; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node),
                                       (guint)g_ascii_strtoull (parts[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);

      g_assert_nonnull (node);
    }

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_node_get_object (node);
}

static GBytes *
mutate (const char *fixture,
        const char *path,
        const char *field,
        Mutation    mutation,
        const char *huge)
{
  g_autoptr(GBytes) original = ak_test_read_fixture (fixture, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *generated = NULL;
  JsonObject *object;
  JsonNode *member;

  json_parser_load_from_data (parser, g_bytes_get_data (original, NULL),
                              g_bytes_get_size (original), &error);
  g_assert_no_error (error);

  object = resolve_object (json_parser_get_root (parser), path);
  member = json_object_get_member (object, field);
  g_assert_nonnull (member);

  switch (mutation)
    {
    case MUTATE_REMOVE:
      json_object_remove_member (object, field);
      break;

    case MUTATE_NULL:
      json_object_set_null_member (object, field);
      break;

    case MUTATE_WRONG_TYPE:
      json_object_set_int_member (object, field, 42);
      break;

    case MUTATE_EMPTY:
      if (JSON_NODE_HOLDS_OBJECT (member))
        json_object_set_object_member (object, field, json_object_new ());
      else if (JSON_NODE_HOLDS_ARRAY (member))
        json_object_set_array_member (object, field, json_array_new ());
      else
        json_object_set_string_member (object, field, "");
      break;

    case MUTATE_HUGE:
      json_object_set_string_member (object, field, huge);
      break;

    case MUTATE_BAD_UTF8:
      json_object_set_string_member (object, field, BAD_UTF8_MARK);
      break;

    case N_MUTATIONS:
    default:
      g_assert_not_reached ();
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  generated = json_generator_to_data (generator, NULL);
  text = g_string_new (generated);
  if (mutation == MUTATE_BAD_UTF8)
    g_assert_cmpuint (g_string_replace (text, BAD_UTF8_MARK, "bad\xff\xfe", 1), ==, 1);

  return g_bytes_new (text->str, text->len);
}

static void
test_mutation (gconstpointer data)
{
  const MutationCase *mc = data;
  g_autofree char *huge = make_huge_string ();

  g_assert_cmpuint (strlen (mc->expect), ==, N_MUTATIONS);

  for (Mutation m = 0; m < N_MUTATIONS; m++)
    {
      g_autoptr(GBytes) body = mutate (mc->fixture, mc->object, mc->field, m, huge);
      g_autoptr(GError) error = NULL;
      char expect = mc->expect[m];
      Result result = { 0 };
      gboolean ok;

      if (expect == 'P' && is_key_list (mc->parser) && mc->object[0] != '\0' &&
          m != MUTATE_BAD_UTF8)
        expect = 'U';

      g_test_message ("%s: expecting %c", mutation_names[m], expect);
      ok = run_parser (mc->parser, body, &result, &error);

      if (expect == 'U')
        {
          g_autoptr(GBytes) original = ak_test_read_fixture (mc->fixture, NULL);
          Result whole = { 0 };
          guint position = (guint)g_ascii_strtoull (strchr (mc->object, '/') + 1, NULL, 10);

          g_assert_no_error (error);
          g_assert_true (ok);
          assert_one_unreadable (result.unreadable, position, NULL);
          /* The field is named, its value never quoted. */
          g_assert_nonnull (strstr (ak_unreadable_entry_get_reason (result.unreadable->pdata[0]),
                                    mc->field));
          g_assert_null (strstr (ak_unreadable_entry_get_reason (result.unreadable->pdata[0]),
                                 "xxxxxxxx"));

          /* Every other entry is still a key: at most the one left out is
           * missing (none when it was a credential of another type). */
          g_assert_true (run_parser (mc->parser, original, &whole, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (result.keys->len + 1, >=, whole.keys->len);
          g_assert_cmpuint (result.keys->len, >, 0);
          for (guint k = 0, w = 0; k < result.keys->len; k++, w++)
            {
              if (w < whole.keys->len &&
                  g_strcmp0 (ak_key_get_id (result.keys->pdata[k]),
                             ak_key_get_id (whole.keys->pdata[w])) != 0)
                w++;
              g_assert_cmpuint (w, <, whole.keys->len);
              g_assert_cmpstr (ak_key_get_id (result.keys->pdata[k]), ==,
                               ak_key_get_id (whole.keys->pdata[w]));
            }
          result_clear (&whole);
          result_clear (&result);
          continue;
        }

      if (expect == 'P')
        {
          g_assert_false (ok);
          assert_protocol_error (error);
          g_assert_true (result_is_empty (&result));
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (ok);

      if (expect == 'N')
        {
          g_assert_nonnull (mc->get);
          g_assert_null (mc->get (&result));
        }
      else if (expect == 'V')
        {
          g_assert_nonnull (mc->get);
          g_assert_true (g_strcmp0 (mc->get (&result), huge) == 0);
        }
      else
        {
          g_assert_cmpint (expect, ==, 'O');
        }

      result_clear (&result);
    }
}

static void
test_every_field_missing (void)
{
  const struct { const char *text; Parser parser; } cases[] = {
    { "{\"token\":{}}", PARSER_TOKEN },
    { "{\"token\":{\"user\":{}}}", PARSER_TOKEN },
    { "{\"credentials\":[{}]}", PARSER_EC2_LIST },
    { "{\"credentials\":[{}]}", PARSER_CREDENTIAL_LIST },
    { "{\"credentials\":[{\"type\":\"ec2\"}]}", PARSER_CREDENTIAL_LIST },
    { "{\"application_credentials\":[{}]}", PARSER_APP_CRED_LIST },
    { "{\"credential\":{}}", PARSER_EC2_CREATED },
    { "{\"application_credential\":{}}", PARSER_APP_CRED_CREATED },
    { "{\"users\":[{}]}", PARSER_USERS },
    { "{\"projects\":[{}]}", PARSER_PROJECTS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_bytes_from_string (cases[i].text);
      g_autoptr(GError) error = NULL;
      Result result = { 0 };

      if (is_key_list (cases[i].parser))
        {
          /* The one entry is left out; the list is read. */
          g_assert_true (run_parser (cases[i].parser, body, &result, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (result.keys->len, ==, 0);
          assert_one_unreadable (result.unreadable, 0, NULL);
          result_clear (&result);
          continue;
        }

      g_assert_false (run_parser (cases[i].parser, body, &result, &error));
      assert_protocol_error (error);
      g_assert_true (result_is_empty (&result));
    }
}

/* One bad entry does not hide the good ones (issue 12, item 6). */
static void
test_bad_entries_kept_apart (void)
{
  g_autofree char *long_id = g_strnfill (10000, 'L');
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  const struct { guint position; const char *reason; } expected[] = {
    { 1, "The answer’s “credentials[1].access” is not valid." },
    { 3, "The answer’s “credentials[3].access” is not valid." },
    { 4, "The answer’s “credentials[4].user_id” has the wrong type." },
    { 5, "The answer has no “credentials[5].user_id”." },
  };

  text = g_strdup_printf ("{\"credentials\":["
                          "{\"access\":\"good-1\",\"user_id\":\"u\",\"secret\":\"SECRET-1\"},"
                          "{\"access\":\"AKIA\\u202eEVIL\",\"user_id\":\"u\","
                          "\"secret\":\"SECRET-2\"},"
                          "{\"access\":\"good-2\",\"user_id\":\"u\",\"tenant_id\":\"p\"},"
                          "{\"access\":\"%s\",\"user_id\":\"u\",\"secret\":\"SECRET-3\"},"
                          "{\"access\":\"typed\",\"user_id\":7,\"secret\":\"SECRET-4\"},"
                          "{\"access\":\"ownerless\",\"secret\":\"SECRET-5\"},"
                          "{\"access\":\"good-3\",\"user_id\":\"u\"}]}",
                          long_id);
  body = ak_test_bytes_from_string (text);

  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  g_assert_no_error (error);

  /* Exactly the valid ones are keys, in order. */
  g_assert_cmpuint (keys->len, ==, 3);
  assert_key (keys->pdata[0], AK_KEY_KIND_EC2, "good-1", "u", NULL);
  assert_key (keys->pdata[1], AK_KEY_KIND_EC2, "good-2", "u", "p");
  assert_key (keys->pdata[2], AK_KEY_KIND_EC2, "good-3", "u", NULL);

  /* Exactly the others are unreadable, with where and why. */
  g_assert_cmpuint (unreadable->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < unreadable->len; i++)
    {
      AkUnreadableEntry *entry = unreadable->pdata[i];
      const char *reason = ak_unreadable_entry_get_reason (entry);

      g_assert_cmpint (ak_unreadable_entry_get_kind (entry), ==, AK_KEY_KIND_EC2);
      g_assert_cmpuint (ak_unreadable_entry_get_position (entry), ==, expected[i].position);
      g_assert_cmpstr (reason, ==, expected[i].reason);
      /* Neither the secret nor the refused ID is quoted. */
      g_assert_null (strstr (reason, "SECRET"));
      g_assert_null (strstr (reason, "EVIL"));
      g_assert_null (strstr (reason, "LLLL"));
      g_assert_null (ak_unreadable_entry_get_user_id (entry));
    }

  /* The same for the other two lists. */
  {
    g_autoptr(GBytes) cred_body = NULL;
    g_autoptr(GBytes) app_body = NULL;
    g_autoptr(GPtrArray) cred_keys = NULL;
    g_autoptr(GPtrArray) cred_unreadable = NULL;
    g_autoptr(GPtrArray) app_keys = NULL;
    g_autoptr(GPtrArray) app_unreadable = NULL;

    cred_body = ak_test_bytes_from_string ("{\"credentials\":["
                                   "{\"type\":\"ec2\",\"user_id\":\"u\","
                                   "\"blob\":\"{\\\"access\\\":\\\"AKIA\\\\u202eEVIL\\\","
                                   "\\\"secret\\\":\\\"SECRET\\\"}\"},"
                                   "{\"type\":\"ec2\",\"user_id\":\"u\","
                                   "\"blob\":\"{\\\"access\\\":\\\"good\\\"}\"}]}");
    cred_keys = ak_keystone_json_parse_credential_list (cred_body, &cred_unreadable, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cred_keys->len, ==, 1);
    assert_key (cred_keys->pdata[0], AK_KEY_KIND_EC2, "good", "u", NULL);
    assert_one_unreadable (cred_unreadable, 0,
                           "The answer’s “credentials[0].blob” is not valid.");

    app_body = ak_test_bytes_from_string ("{\"application_credentials\":["
                                  "{\"id\":\"good\",\"user_id\":\"u\"},"
                                  "{\"id\":\"no-owner\"}]}");
    app_keys = ak_keystone_json_parse_application_credential_list (app_body, &app_unreadable,
                                                                   &error);
    g_assert_no_error (error);
    g_assert_cmpuint (app_keys->len, ==, 1);
    g_assert_cmpstr (ak_key_get_id (app_keys->pdata[0]), ==, "good");
    assert_one_unreadable (app_unreadable, 1,
                           "The answer has no “application_credentials[1].user_id”.");
    g_assert_cmpint (ak_unreadable_entry_get_kind (app_unreadable->pdata[0]), ==,
                     AK_KEY_KIND_APPLICATION_CREDENTIAL);
  }
}

/* What is wrong with the body as a whole still refuses it whole. */
static void
test_bad_bodies_still_refused (void)
{
  const char * const bodies[] = {
    /* A key ID twice: the server is confused; either may be the one a
     * delete would hit. */
    "{\"credentials\":[{\"access\":\"a\",\"user_id\":\"u\"},"
    "{\"access\":\"AKIA\\u202eEVIL\",\"user_id\":\"u\"},"
    "{\"access\":\"a\",\"user_id\":\"u\"}]}",
    /* Bad UTF-8 in one entry. */
    "{\"credentials\":[{\"access\":\"a\",\"user_id\":\"u\"},"
    "{\"access\":\"b\xff\",\"user_id\":\"u\"}]}",
    /* Not one JSON object, or the list missing. */
    "{\"credentials\":[{\"access\":\"a\",\"user_id\":\"u\"}]} {}",
    "{\"credentials\":{}}",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = ak_test_bytes_from_string (bodies[i]);
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GPtrArray) unreadable = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("body %u", i);
      keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
      g_assert_null (keys);
      g_assert_null (unreadable);
      assert_protocol_error (error);
    }
}

/* A body over AK_KEYSTONE_JSON_MAX_BODY_SIZE says so in its sentence. */
static void
test_too_large_body (void)
{
  gsize size = AK_KEYSTONE_JSON_MAX_BODY_SIZE + 1;
  g_autoptr(GBytes) body = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_keystone_json_parse_ec2_list (body, &unreadable, &error);
  g_assert_null (keys);
  g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "The server’s answer was too large to read safely.");
  g_assert_cmpstr (ak_error_get_detail (error), ==, "The answer is too large.");
}

/* Error bodies */

static void
test_error_fixtures (void)
{
  const struct { const char *fixture; guint status; AkErrorCode code; const char *detail; }
  cases[] = {
    { "error-400-bad-timestamp.json", 400, AK_ERROR_INVALID,
      "Bad Request: Timestamp not in expected format. The server could not comply with the "
      "request since it is either malformed or otherwise incorrect. The client is assumed to "
      "be in error." },
    { "error-400-invalid-blob.json", 400, AK_ERROR_INVALID,
      "Bad Request: Invalid blob in credential" },
    /* Only the first paragraph: the rest is the whole JSON schema. */
    { "error-400-schema.json", 400, AK_ERROR_INVALID,
      "Bad Request: Invalid input for field 'name': 42 is not of type 'string'" },
    { "error-401-bad-password.json", 401, AK_ERROR_AUTH,
      "Unauthorized: The request you have made requires authentication." },
    { "error-403-delegated-token.json", 403, AK_ERROR_PERMISSION,
      "Forbidden: You are not authorized to perform the requested action: Delegated tokens "
      "cannot access credentials directly." },
    { "error-403-ec2-list-other-user.json", 403, AK_ERROR_PERMISSION,
      "Forbidden: You are not authorized to perform the requested action: "
      "identity:ec2_list_credentials." },
    { "error-404-credential-missing.json", 404, AK_ERROR_NOT_FOUND,
      "Not Found: Could not find credential: "
      "0000000000000000000000000000000000000000000000000000000000000000." },
    { "error-404-ec2-delete-missing.json", 404, AK_ERROR_NOT_FOUND,
      "Not Found: Could not find credential: "
      "84e0c0eafaa95a34c293f278ac52e45ce537bab5e752a00e6959a13ae103b65a." },
    { "error-409-application-credential-duplicate.json", 409, AK_ERROR_CONFLICT,
      "Conflict: Conflict occurred attempting to store application_credential - Duplicate "
      "entry found with name backup-job." },
    { "error-409-credential-duplicate.json", 409, AK_ERROR_CONFLICT,
      "Conflict: Conflict occurred attempting to store credential - Duplicate entry found "
      "with ID ab6339d089f6b031f55b707de7a096d0f61e1f401dc1e508f9cfb9367b928db2." },
    { "error-403-credential-other-user.json", 403, AK_ERROR_PERMISSION,
      "Forbidden: You are not authorized to perform the requested action: "
      "identity:create_credential." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_read_fixture (cases[i].fixture, NULL);
      g_autoptr(GError) error = ak_keystone_json_parse_error (cases[i].status, body);

      g_assert_error (error, AK_ERROR, (int)cases[i].code);
      g_assert_cmpstr (error->message, ==, ak_error_code_to_message (cases[i].code));
      g_assert_cmpuint (ak_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpstr (ak_error_get_detail (error), ==, cases[i].detail);
      g_assert_null (strstr (error->message, "{"));
    }
}

static void
test_error_status_mapping (void)
{
  const struct { guint status; AkErrorCode code; } cases[] = {
    { 400, AK_ERROR_INVALID }, { 401, AK_ERROR_AUTH }, { 403, AK_ERROR_PERMISSION },
    { 404, AK_ERROR_NOT_FOUND }, { 408, AK_ERROR_TIMEOUT }, { 409, AK_ERROR_CONFLICT },
    { 429, AK_ERROR_SERVER }, { 500, AK_ERROR_SERVER }, { 502, AK_ERROR_SERVER },
    { 503, AK_ERROR_SERVER }, { 504, AK_ERROR_SERVER }, { 599, AK_ERROR_SERVER },
    { 402, AK_ERROR_FAILED }, { 405, AK_ERROR_FAILED }, { 410, AK_ERROR_FAILED },
    { 413, AK_ERROR_FAILED }, { 499, AK_ERROR_FAILED }, { 0, AK_ERROR_PROTOCOL },
    { 100, AK_ERROR_PROTOCOL }, { 200, AK_ERROR_PROTOCOL }, { 204, AK_ERROR_PROTOCOL },
    { 302, AK_ERROR_PROTOCOL }, { 399, AK_ERROR_PROTOCOL }, { 600, AK_ERROR_PROTOCOL },
    { G_MAXUINT, AK_ERROR_PROTOCOL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = ak_keystone_json_parse_error (cases[i].status, NULL);

      g_assert_error (error, AK_ERROR, (int)cases[i].code);
      g_assert_cmpstr (error->message, ==, ak_error_code_to_message (cases[i].code));
      g_assert_cmpuint (ak_error_get_http_status (error), ==, cases[i].status);
      g_assert_null (ak_error_get_detail (error));
    }
}

static void
test_error_bodies (void)
{
  const struct { const char *body; const char *detail; } cases[] = {
    { "", NULL },
    { "<html><body><h1>502 Bad Gateway</h1></body></html>", NULL },
    { "{\"error\":{\"title\":\"Teapot\"}}", "Teapot" },
    { "{\"error\":{\"message\":\"Only a message.\"}}", "Only a message." },
    { "{\"error\":{\"title\":42,\"message\":\"Typed wrong.\"}}", "Typed wrong." },
    { "{\"error\":{\"title\":\"\",\"message\":\"\"}}", NULL },
    { "{\"error\":{\"title\":null,\"message\":[]}}", NULL },
    { "{\"error\":\"a string\"}", NULL },
    { "{\"message\":\"not under error\"}", NULL },
    { "{\"error\":{\"title\":\"T\",\"message\":\"  tab\\there\\u0007bell\\u202e  \"}}",
      "T:   tab here bell" },
    { "{\"error\":{\"title\":\"T\",\"message\":\"line one\\nline two\\n\\nschema\"}}",
      "T: line one\nline two" },
    { "{\"error\":{\"title\":\"\\u8bbf\\u95ee\",\"message\":\"\\u88ab\\u62d2\\u7edd\"}}",
      "访问: 被拒绝" },
    { "{\"error\":{\"title\":\"T\",\"message\":\"x\"}} trailing", NULL },
    { "{\"error\":{\"title\":\"\xff\",\"message\":\"bad\"}}", NULL },
    { "{\"error\":{\"title\":\"T\",\"message\":\"lone \\ud800 surrogate\"}}", NULL },
    { "{\"error\":{\"title\":\"\\ud83d\\udd11\",\"message\":\"pair\"}}", "🔑: pair" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = ak_test_bytes_from_string (cases[i].body);
      g_autoptr(GError) error = ak_keystone_json_parse_error (500, body);

      g_test_message ("error body %u", i);
      g_assert_error (error, AK_ERROR, AK_ERROR_SERVER);
      g_assert_cmpstr (ak_error_get_detail (error), ==, cases[i].detail);
    }
}

static void
test_error_detail_length (void)
{
  g_autoptr(GString) ascii = g_string_new ("{\"error\":{\"title\":\"Long\",\"message\":\"");
  g_autoptr(GString) wide = g_string_new ("{\"error\":{\"title\":\"长\",\"message\":\"");
  g_autoptr(GBytes) ascii_body = NULL;
  g_autoptr(GBytes) wide_body = NULL;
  g_autoptr(GError) ascii_error = NULL;
  g_autoptr(GError) wide_error = NULL;
  const char *detail;

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append_c (ascii, 'a' + i % 26);
      g_string_append (wide, "密钥");
    }
  g_string_append (ascii, "\"}}");
  g_string_append (wide, "\"}}");
  ascii_body = g_bytes_new (ascii->str, ascii->len);
  wide_body = g_bytes_new (wide->str, wide->len);

  ascii_error = ak_keystone_json_parse_error (403, ascii_body);
  detail = ak_error_get_detail (ascii_error);
  g_assert_true (g_utf8_validate (detail, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (detail, -1), ==, AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH + 1);
  g_assert_true (g_str_has_prefix (detail, "Long: abcdef"));
  g_assert_true (g_str_has_suffix (detail, "…"));

  /* Cut between characters, never inside one. */
  wide_error = ak_keystone_json_parse_error (403, wide_body);
  detail = ak_error_get_detail (wide_error);
  g_assert_true (g_utf8_validate (detail, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (detail, -1), ==, AK_KEYSTONE_JSON_MAX_DETAIL_LENGTH + 1);
  g_assert_true (g_str_has_prefix (detail, "长: 密钥密钥"));
  g_assert_true (g_str_has_suffix (detail, "…"));
}

/* Builders */

static JsonObject *
parse_built (const char  *data,
             gsize        len,
             JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (data), ==, len);
  json_parser_load_from_data (parser, data, (gssize)len, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static const char *
string_at (JsonObject *object,
           const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_true (json_object_has_member (object, parts[i]));
      object = json_object_get_object_member (object, parts[i]);
    }

  g_assert_true (json_object_has_member (object, parts[n - 1]));

  return json_object_get_string_member (object, parts[n - 1]);
}

static void
assert_methods (JsonObject *root,
                const char *method)
{
  JsonObject *identity = json_object_get_object_member (json_object_get_object_member (root,
                                                                                       "auth"),
                                                        "identity");
  JsonArray *methods = json_object_get_array_member (identity, "methods");

  g_assert_cmpuint (json_array_get_length (methods), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (methods, 0), ==, method);
}

static void
test_build_password_auth (void)
{
  /* Every character JSON must escape, and some it need not. */
  const char password_text[] = "p\"a\\s/s\n\r\t\b\f\x01\x1f w\xc3\xb6rd 密码";
  g_autoptr(AkSecret) password = ak_secret_new (password_text);
  g_autoptr(AkSecret) scoped = NULL;
  g_autoptr(AkSecret) unscoped = NULL;
  g_autoptr(AkSecret) same_domain = NULL;
  g_autoptr(JsonParser) parser1 = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(JsonParser) parser3 = json_parser_new ();
  JsonObject *root;

  scoped = ak_keystone_json_build_password_auth ("al\"ice", "Default", password, "demo",
                                                 "Other \\ domain");
  root = parse_built (ak_secret_get (scoped), ak_secret_get_len (scoped), parser1);
  assert_methods (root, "password");
  g_assert_cmpstr (string_at (root, "auth/identity/password/user/name"), ==, "al\"ice");
  g_assert_cmpstr (string_at (root, "auth/identity/password/user/domain/name"), ==, "Default");
  g_assert_cmpstr (string_at (root, "auth/identity/password/user/password"), ==, password_text);
  g_assert_cmpstr (string_at (root, "auth/scope/project/name"), ==, "demo");
  g_assert_cmpstr (string_at (root, "auth/scope/project/domain/name"), ==, "Other \\ domain");

  unscoped = ak_keystone_json_build_password_auth ("alice", "Default", password, NULL, NULL);
  root = parse_built (ak_secret_get (unscoped), ak_secret_get_len (unscoped), parser2);
  assert_methods (root, "password");
  g_assert_cmpstr (string_at (root, "auth/identity/password/user/password"), ==, password_text);
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "auth"),
                                          "scope"));

  same_domain = ak_keystone_json_build_password_auth ("alice", "Default", password, "demo",
                                                      NULL);
  root = parse_built (ak_secret_get (same_domain), ak_secret_get_len (same_domain), parser3);
  g_assert_cmpstr (string_at (root, "auth/scope/project/domain/name"), ==, "Default");

  /* An empty project field means no project; an empty password is the
   * server's to refuse. */
  {
    g_autoptr(AkSecret) empty = ak_secret_new ("");
    g_autoptr(AkSecret) built = ak_keystone_json_build_password_auth ("alice", "Default", empty,
                                                                      "", "");
    g_autoptr(JsonParser) parser4 = json_parser_new ();

    root = parse_built (ak_secret_get (built), ak_secret_get_len (built), parser4);
    g_assert_cmpstr (string_at (root, "auth/identity/password/user/password"), ==, "");
    g_assert_false (json_object_has_member (json_object_get_object_member (root, "auth"),
                                            "scope"));
  }

  /* The exact text, so a change in the format is seen. */
  g_assert_cmpstr (ak_secret_get (same_domain), ==,
                   "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":"
                   "{\"name\":\"alice\",\"domain\":{\"name\":\"Default\"},\"password\":"
                   "\"p\\\"a\\\\s/s\\n\\r\\t\\b\\f\\u0001\\u001f w\xc3\xb6rd 密码\"}}},"
                   "\"scope\":{\"project\":{\"name\":\"demo\",\"domain\":{\"name\":"
                   "\"Default\"}}}}}");
}

static void
test_build_application_credential_auth (void)
{
  g_autoptr(AkSecret) secret = ak_secret_new (APP_CRED_SECRET);
  g_autoptr(AkSecret) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  body = ak_keystone_json_build_application_credential_auth (APP_CRED_ID, secret);
  root = parse_built (ak_secret_get (body), ak_secret_get_len (body), parser);
  assert_methods (root, "application_credential");
  g_assert_cmpstr (string_at (root, "auth/identity/application_credential/id"), ==, APP_CRED_ID);
  g_assert_cmpstr (string_at (root, "auth/identity/application_credential/secret"), ==,
                   APP_CRED_SECRET);
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "auth"),
                                          "scope"));
}

static void
test_build_ec2_create (void)
{
  g_autoptr(GBytes) body = ak_keystone_json_build_ec2_create (DEMO_PROJECT_ID);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  root = parse_built (data, len, parser);
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  g_assert_cmpstr (string_at (root, "tenant_id"), ==, DEMO_PROJECT_ID);
}

static void
test_build_application_credential_create (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) local = g_date_time_new (shanghai, 2030, 1, 31, 20, 0, 0.25);
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) bare = NULL;
  g_autoptr(JsonParser) parser1 = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(GDateTime) round_trip = NULL;
  JsonObject *root;
  JsonObject *app_cred;
  const char *data;
  gsize len = 0;

  g_assert_nonnull (local);
  full = ak_keystone_json_build_application_credential_create ("backup \"job\"",
                                                               "Nightly 备份", local);
  data = g_bytes_get_data (full, &len);
  root = parse_built (data, len, parser1);
  app_cred = json_object_get_object_member (root, "application_credential");
  g_assert_cmpuint (json_object_get_size (app_cred), ==, 3);
  g_assert_cmpstr (string_at (root, "application_credential/name"), ==, "backup \"job\"");
  g_assert_cmpstr (string_at (root, "application_credential/description"), ==, "Nightly 备份");
  /* Keystone refuses an offset; it takes UTC with a Z, as its tokens say. */
  g_assert_cmpstr (string_at (root, "application_credential/expires_at"), ==,
                   "2030-01-31T12:00:00.250000Z");
  round_trip = g_date_time_new_from_iso8601 (string_at (root, "application_credential/expires_at"),
                                             NULL);
  g_assert_true (g_date_time_equal (round_trip, local));

  bare = ak_keystone_json_build_application_credential_create ("ci-deploy", NULL, NULL);
  data = g_bytes_get_data (bare, &len);
  root = parse_built (data, len, parser2);
  app_cred = json_object_get_object_member (root, "application_credential");
  g_assert_cmpuint (json_object_get_size (app_cred), ==, 1);
  g_assert_cmpstr (string_at (root, "application_credential/name"), ==, "ci-deploy");
}

/* A replacement copies the old credential's roles by name, its access rules
 * by ID and its unrestricted flag; one with none of them sends none. */
static void
test_build_application_credential_create_like (void)
{
  const char * const roles[] = { "member", "reader", NULL };
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(AkKey) old = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "old-id");
  g_autoptr(AkKey) plain = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "plain-id");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) bare = NULL;
  g_autoptr(JsonParser) parser1 = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *root;
  JsonObject *app_cred;
  JsonArray *array;
  const char *data;
  gsize len = 0;

  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) ak_access_rule_free);
  g_ptr_array_add (rules, ak_access_rule_new ("rule-1", "compute", "GET", "/v2.1/servers"));
  ak_key_set_roles (old, roles);
  ak_key_set_access_rules (old, rules);
  ak_key_set_unrestricted (old, TRUE);

  body = ak_keystone_json_build_application_credential_create_like ("ci-deploy-2", NULL, NULL,
                                                                    old);
  data = g_bytes_get_data (body, &len);
  root = parse_built (data, len, parser1);
  app_cred = json_object_get_object_member (root, "application_credential");
  g_assert_cmpstr (string_at (root, "application_credential/name"), ==, "ci-deploy-2");
  array = json_object_get_array_member (app_cred, "roles");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "name"), ==, "member");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "name"), ==, "reader");
  array = json_object_get_array_member (app_cred, "access_rules");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  /* By ID alone: the server reuses the rule it has. */
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (array, 0)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"), ==, "rule-1");
  g_assert_true (json_object_get_boolean_member (app_cred, "unrestricted"));

  bare = ak_keystone_json_build_application_credential_create_like ("plain-2", NULL, NULL,
                                                                    plain);
  data = g_bytes_get_data (bare, &len);
  root = parse_built (data, len, parser2);
  app_cred = json_object_get_object_member (root, "application_credential");
  g_assert_cmpuint (json_object_get_size (app_cred), ==, 1);
}

static void
test_build_created_round_trip (void)
{
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2031, 6, 1, 8, 30, 0);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) response = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *app_cred;
  gsize len = 0;
  char *text;

  /* What we send, answered as Keystone does, reads back the same. */
  request = ak_keystone_json_build_application_credential_create ("nightly", "For backups",
                                                                  expires);
  json_parser_load_from_data (parser, g_bytes_get_data (request, NULL),
                              g_bytes_get_size (request), &error);
  g_assert_no_error (error);
  app_cred = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "application_credential");
  json_object_set_string_member (app_cred, "id", "new-id");
  json_object_set_string_member (app_cred, "user_id", ALICE_ID);
  json_object_set_string_member (app_cred, "project_id", DEMO_PROJECT_ID);
  json_object_set_string_member (app_cred, "secret", "fake-secret");
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  response = g_bytes_new_take (text, len);

  key = ak_keystone_json_parse_application_credential_created (response, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (key), ==, "new-id");
  g_assert_cmpstr (ak_key_get_name (key), ==, "nightly");
  g_assert_cmpstr (ak_key_get_description (key), ==, "For backups");
  g_assert_true (g_date_time_equal (ak_key_get_expires_at (key), expires));
  g_assert_cmpstr (ak_secret_get (secret), ==, "fake-secret");
}

static void
test_build_ec2_restore (void)
{
  const char *odd = "se\"cr\\et/\u00e9\n\x01";
  g_autoptr(AkSecret) secret = ak_secret_new (odd);
  g_autoptr(AkSecret) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) blob_parser = json_parser_new ();
  g_autoptr(GBytes) echoed = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  JsonObject *root;
  JsonObject *blob;
  const char *blob_text;

  body = ak_keystone_json_build_ec2_restore (ALICE_ID, DEMO_PROJECT_ID, "acc\"ess", secret);
  root = parse_built (ak_secret_get (body), ak_secret_get_len (body), parser);
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  g_assert_cmpstr (string_at (root, "credential/type"), ==, "ec2");
  g_assert_cmpstr (string_at (root, "credential/user_id"), ==, ALICE_ID);
  g_assert_cmpstr (string_at (root, "credential/project_id"), ==, DEMO_PROJECT_ID);

  /* The blob is a string holding a JSON object: Keystone refuses an object. */
  blob_text = string_at (root, "credential/blob");
  g_assert_nonnull (blob_text);
  blob = parse_built (blob_text, strlen (blob_text), blob_parser);
  g_assert_cmpuint (json_object_get_size (blob), ==, 2);
  g_assert_cmpstr (string_at (blob, "access"), ==, "acc\"ess");
  g_assert_cmpstr (string_at (blob, "secret"), ==, odd);

  /* What the server answers with that blob reads back as the same key. */
  answer = g_strdup_printf ("{\"credential\": {\"id\": \"x\", \"type\": \"ec2\", "
                            "\"user_id\": \"%s\", \"project_id\": \"%s\", \"blob\": %s}}",
                            ALICE_ID, DEMO_PROJECT_ID,
                            strstr (ak_secret_get (body), "\"blob\":") + strlen ("\"blob\":"));
  answer[strlen (answer) - 2] = '\0';
  echoed = ak_test_bytes_from_string (answer);
  key = ak_keystone_json_parse_credential_created (echoed, &error);
  g_assert_no_error (error);
  assert_key (key, AK_KEY_KIND_EC2, "acc\"ess", ALICE_ID, DEMO_PROJECT_ID);
}

static void
test_build_refuses_bad_arguments (void)
{
  g_autoptr(AkSecret) password = ak_secret_new ("pw");
  g_autoptr(AkSecret) with_nul = ak_secret_new_len ("a\0b", 3);

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_text (user_name)*");
  g_assert_null (ak_keystone_json_build_password_auth (NULL, "Default", password, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_text (user_domain)*");
  g_assert_null (ak_keystone_json_build_password_auth ("a", "", password, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_secret_text*");
  g_assert_null (ak_keystone_json_build_password_auth ("a", "Default", with_nul, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_secret_text*");
  g_assert_null (ak_keystone_json_build_application_credential_auth ("id", with_nul));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_text (name)*");
  g_assert_null (ak_keystone_json_build_application_credential_create ("", NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_text (project_id)*");
  g_assert_null (ak_keystone_json_build_ec2_create ("bad\xff"));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_text (project_id)*");
  g_assert_null (ak_keystone_json_build_ec2_restore (ALICE_ID, NULL, "access", password));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-keystone-json", G_LOG_LEVEL_CRITICAL, "*is_secret_text*");
  g_assert_null (ak_keystone_json_build_ec2_restore (ALICE_ID, DEMO_PROJECT_ID, "access",
                                                     with_nul));
  g_test_assert_expected_messages ();
}

/* What Keystone answers to a sign-in, and what a web server or another
 * service would answer instead. */
static void
test_is_sign_in_answer (void)
{
  static const char *others[] = {
    "",
    "<!DOCTYPE html><html><body>Not Found</body></html>",
    "{\"status\": \"ok\"}",
    "{\"token\": \"abc\"}",
    "{\"error\": \"not found\"}",
    "[{\"token\": {}}]",
    "{\"token\": ",
  };
  g_autoptr(GBytes) token = ak_test_read_fixture ("token-password-member.json", NULL);
  g_autoptr(GBytes) refusal = ak_test_read_fixture ("error-401-bad-password.json", NULL);

  g_assert_true (ak_keystone_json_is_sign_in_answer (token));
  g_assert_true (ak_keystone_json_is_sign_in_answer (refusal));
  g_assert_false (ak_keystone_json_is_sign_in_answer (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (others[i], strlen (others[i]));

      g_test_message ("%s", others[i]);
      g_assert_false (ak_keystone_json_is_sign_in_answer (body));
    }
}

/* GET /v3/users/{id} and GET /v3/projects/{id}, as Keystone answers them. */
static void
test_parse_directory_entry (void)
{
  g_autoptr(GBytes) user_body = NULL;
  g_autoptr(GBytes) project_body = NULL;
  g_autoptr(GBytes) no_enabled = NULL;
  g_autoptr(GBytes) bidi_id = NULL;
  g_autoptr(AkDirectoryEntry) user = NULL;
  g_autoptr(AkDirectoryEntry) project = NULL;
  g_autoptr(AkDirectoryEntry) refused = NULL;
  g_autoptr(GError) error = NULL;

  user_body = ak_test_bytes_from_string ("{\"user\":{\"id\":\"u1\",\"name\":\"alice\","
                                         "\"domain_id\":\"default\",\"enabled\":false,"
                                         "\"password_expires_at\":null}}");
  user = ak_keystone_json_parse_directory_entry (user_body, AK_DIRECTORY_KIND_USER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_directory_entry_get_id (user), ==, "u1");
  g_assert_cmpstr (ak_directory_entry_get_name (user), ==, "alice");
  g_assert_cmpstr (ak_directory_entry_get_domain_id (user), ==, "default");
  g_assert_false (ak_directory_entry_get_enabled (user));

  project_body = ak_test_bytes_from_string ("{\"project\":{\"id\":\"p1\","
                                            "\"name\":\"web\"}}");
  project = ak_keystone_json_parse_directory_entry (project_body, AK_DIRECTORY_KIND_PROJECT,
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_directory_entry_get_name (project), ==, "web");
  g_assert_null (ak_directory_entry_get_domain_id (project));
  g_assert_true (ak_directory_entry_get_enabled (project));

  /* A user whose state is not said is not guessed enabled. */
  no_enabled = ak_test_bytes_from_string ("{\"user\":{\"id\":\"u1\",\"name\":\"a\"}}");
  refused = ak_keystone_json_parse_directory_entry (no_enabled, AK_DIRECTORY_KIND_USER, &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
  g_assert_null (refused);
  g_clear_error (&error);

  /* An ID with a bidi override is refused, as in a list. */
  bidi_id = ak_test_bytes_from_string ("{\"project\":{\"id\":\"p\u202e1\"}}");
  refused = ak_keystone_json_parse_directory_entry (bidi_id, AK_DIRECTORY_KIND_PROJECT, &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
  g_assert_null (refused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keystone-json/token/password-admin", test_token_password_admin);
  g_test_add_func ("/keystone-json/token/is-sign-in-answer", test_is_sign_in_answer);
  g_test_add_func ("/keystone-json/token/password-member", test_token_password_member);
  g_test_add_func ("/keystone-json/token/unscoped", test_token_unscoped);
  g_test_add_func ("/keystone-json/token/application-credential",
                   test_token_application_credential);
  g_test_add_func ("/keystone-json/token/application-credential-unrestricted",
                   test_token_application_credential_unrestricted);
  g_test_add_func ("/keystone-json/token/admin-any-case", test_token_admin_any_case);
  g_test_add_func ("/keystone-json/ec2-list/member", test_ec2_list_member);
  g_test_add_func ("/keystone-json/ec2-list/admin", test_ec2_list_admin);
  g_test_add_func ("/keystone-json/ec2-list/5000-keys", test_big_ec2_list);
  g_test_add_func ("/keystone-json/lists/empty", test_empty_lists);
  g_test_add_func ("/keystone-json/credential-list/member", test_credential_list_member);
  g_test_add_func ("/keystone-json/credential-list/mixed-types", test_credential_list_mixed);
  g_test_add_func ("/keystone-json/app-cred-list/member", test_application_credential_list);
  g_test_add_func ("/keystone-json/app-cred-list/powers", test_application_credential_powers);
  g_test_add_func ("/keystone-json/created/ec2", test_ec2_created);
  g_test_add_func ("/keystone-json/created/application-credential",
                   test_application_credential_created);
  g_test_add_func ("/keystone-json/created/no-secret-out", test_created_without_secret_out);
  g_test_add_func ("/keystone-json/get/ec2", test_ec2_get);
  g_test_add_func ("/keystone-json/get/application-credential", test_application_credential_get);
  g_test_add_func ("/keystone-json/created/credential-restored", test_credential_restored);
  g_test_add_func ("/keystone-json/names", test_names);
  g_test_add_func ("/keystone-json/users-disabled", test_users_disabled);
  g_test_add_func ("/keystone-json/pages", test_pages);
  g_test_add_func ("/keystone-json/credential-list-cut", test_credential_list_cut);
  g_test_add_func ("/keystone-json/role-assignments", test_role_assignments);
  g_test_add_func ("/keystone-json/secret-never-kept", test_secret_never_kept);
  g_test_add_func ("/keystone-json/broken/bodies", test_broken_bodies);
  g_test_add_func ("/keystone-json/broken/depth-limit", test_depth_limit);
  g_test_add_func ("/keystone-json/broken/entries-of-wrong-type", test_entries_of_wrong_type);
  g_test_add_func ("/keystone-json/broken/every-field-missing", test_every_field_missing);
  g_test_add_func ("/keystone-json/broken/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/keystone-json/broken/identifiers", test_identifiers);
  g_test_add_func ("/keystone-json/broken/blobs", test_blobs);
  g_test_add_func ("/keystone-json/broken/bad-entries-kept-apart", test_bad_entries_kept_apart);
  g_test_add_func ("/keystone-json/broken/bad-bodies-still-refused",
                   test_bad_bodies_still_refused);
  g_test_add_func ("/keystone-json/broken/too-large", test_too_large_body);

  for (guint i = 0; i < G_N_ELEMENTS (mutation_cases); i++)
    {
      const MutationCase *mc = &mutation_cases[i];
      g_autofree char *fixture = g_strndup (mc->fixture, strlen (mc->fixture) - strlen (".json"));
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/keystone-json/mutations/%s/%s%s%s", fixture, mc->object,
                              mc->object[0] != '\0' ? "/" : "", mc->field);
      g_test_add_data_func (path, mc, test_mutation);
    }

  g_test_add_func ("/keystone-json/error/fixtures", test_error_fixtures);
  g_test_add_func ("/keystone-json/error/status-mapping", test_error_status_mapping);
  g_test_add_func ("/keystone-json/error/bodies", test_error_bodies);
  g_test_add_func ("/keystone-json/error/detail-length", test_error_detail_length);
  g_test_add_func ("/keystone-json/build/password-auth", test_build_password_auth);
  g_test_add_func ("/keystone-json/build/application-credential-auth",
                   test_build_application_credential_auth);
  g_test_add_func ("/keystone-json/build/ec2-create", test_build_ec2_create);
  g_test_add_func ("/keystone-json/build/application-credential-create",
                   test_build_application_credential_create);
  g_test_add_func ("/keystone-json/build/application-credential-create-like",
                   test_build_application_credential_create_like);
  g_test_add_func ("/keystone-json/build/created-round-trip", test_build_created_round_trip);
  g_test_add_func ("/keystone-json/build/ec2-restore", test_build_ec2_restore);
  g_test_add_func ("/keystone-json/build/bad-arguments", test_build_refuses_bad_arguments);
  g_test_add_func ("/keystone-json/parse/directory-entry", test_parse_directory_entry);

  return g_test_run ();
}
