/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keystone-provider"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ak-account.h"
#include "ak-error.h"
#include "ak-keystone-provider.h"
#include "ak-test-util.h"

/* AkKeystoneProvider against the real Keystone that
 * tests/harness/with-keystone.sh starts: what a member and an admin can do
 * with their keys, checked on the server. With
 * AK_TEST_KEYSTONE_TOKEN_EXPIRATION set (the second registration), only the
 * token-expiry case runs, against a server whose tokens live that long. */

static AkKey *
find_key (GPtrArray *keys,
          AkKey     *wanted)
{
  for (guint i = 0; i < keys->len; i++)
    if (ak_key_equal (g_ptr_array_index (keys, i), wanted))
      return g_ptr_array_index (keys, i);

  return NULL;
}

static gboolean
server_has_key (AkProvider *provider,
                AkKeyScope  scope,
                AkKey      *key)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (provider, scope, NULL, &error);
  g_assert_no_error (error);

  return find_key (keys, key) != NULL;
}

static void
assert_ak_error (const GError *error,
                 AkErrorCode   code)
{
  g_autoptr(GRegex) status = g_regex_new ("\\b[1-5][0-9][0-9]\\b", 0, 0, NULL);

  g_assert_error (error, AK_ERROR, (int) code);
  g_assert_false (g_regex_match (status, error->message, 0, NULL));
}

static guint
sign_in_count (AkProvider *provider)
{
  return ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (provider));
}

static AkProvider *
new_member (void)
{
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = ak_test_keystone_provider (ak_test_env ("AK_TEST_MEMBER_USER"),
                                        ak_test_env ("AK_TEST_MEMBER_PASSWORD"),
                                        ak_test_env ("AK_TEST_MEMBER_PROJECT"));
  ak_test_sign_in (provider, &error);
  g_assert_no_error (error);
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_ALL_USERS));

  /* Signed in with a password, both kinds of key may be created. */
  g_assert_true (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_CREATE_EC2));
  g_assert_true (ak_provider_has_feature (provider,
                                          AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));

  return g_steal_pointer (&provider);
}

static AkProvider *
new_admin (void)
{
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = ak_test_keystone_provider (ak_test_env ("AK_TEST_ADMIN_USER"),
                                        ak_test_env ("AK_TEST_ADMIN_PASSWORD"),
                                        ak_test_env ("AK_TEST_ADMIN_PROJECT"));
  ak_test_sign_in (provider, &error);
  g_assert_no_error (error);
  g_assert_true (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_ALL_USERS));

  return g_steal_pointer (&provider);
}

static char *
unique_name (const char *prefix)
{
  return g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, g_get_real_time ());
}

/* ------------------------------------------------------------------------ */

static void
test_member_ec2 (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *listed;

  key = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (ak_key_get_id (key)), ==, 32);
  g_assert_cmpuint (ak_secret_get_len (secret), ==, 32);
  g_assert_cmpstr (ak_key_get_user_id (key), ==, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_cmpstr (ak_key_get_project_id (key), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));

  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  listed = find_key (keys, key);
  g_assert_nonnull (listed);
  g_assert_cmpint (ak_key_get_kind (listed), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_key_get_owner (listed), ==, ak_test_env ("AK_TEST_MEMBER_USER"));
  g_assert_cmpstr (ak_key_get_project (listed), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT"));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, key));

  /* Once more: the server has no such key any more. */
  g_assert_false (ak_test_delete_key (member, key, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);

  /* All of it on one token. */
  g_assert_cmpuint (sign_in_count (member), ==, 1);
}

static void
test_member_application_credential (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autofree char *name = unique_name ("nightly-backup");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires_at = g_date_time_add_days (now, 30);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) again = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *listed;

  key = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, "Backups to storage",
                            expires_at, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_name (key), ==, name);
  g_assert_cmpuint (ak_secret_get_len (secret), >=, 32);

  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  listed = find_key (keys, key);
  g_assert_nonnull (listed);
  g_assert_cmpint (ak_key_get_kind (listed), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (listed), ==, name);
  g_assert_cmpstr (ak_key_get_description (listed), ==, "Backups to storage");
  g_assert_nonnull (ak_key_get_expires_at (listed));
  g_assert_cmpint (g_date_time_to_unix (ak_key_get_expires_at (listed)), ==,
                   g_date_time_to_unix (expires_at));
  g_assert_cmpstr (ak_key_get_owner (listed), ==, ak_test_env ("AK_TEST_MEMBER_USER"));

  /* The same name twice is a conflict. */
  again = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, NULL, NULL, NULL,
                              &error);
  g_assert_null (again);
  assert_ak_error (error, AK_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, key));

  g_assert_false (ak_test_delete_key (member, key, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
}

static void
test_member_cannot_delete_admins_keys (void)
{
  g_autoptr(AkProvider) admin = new_admin ();
  g_autoptr(AkProvider) member = new_member ();
  g_autofree char *name = unique_name ("admin-job");
  g_autoptr(AkKey) ec2 = NULL;
  g_autoptr(AkKey) app = NULL;
  g_autoptr(AkKey) missing = NULL;
  g_autoptr(GError) error = NULL;

  ec2 = ak_test_create_key (admin, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  app = ak_test_create_key (admin, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, NULL, NULL, NULL,
                            &error);
  g_assert_no_error (error);

  /* Refused, and both keys are still there, as the admin sees. */
  g_assert_false (ak_test_delete_key (member, ec2, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (ak_test_delete_key (member, app, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (server_has_key (admin, AK_KEY_SCOPE_MINE, ec2));
  g_assert_true (server_has_key (admin, AK_KEY_SCOPE_MINE, app));

  /* Once the admin's EC2 key is gone, the member hears that it is gone,
   * not that they may not delete it. */
  g_assert_true (ak_test_delete_key (admin, ec2, &error));
  g_assert_no_error (error);
  g_assert_false (ak_test_delete_key (member, ec2, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A missing EC2 key of another user is "not found" for a member too. */
  missing = ak_key_new (AK_KEY_KIND_EC2, "0123456789abcdef0123456789abcdef");
  ak_key_set_user_id (missing, ak_test_env ("AK_TEST_ADMIN_USER_ID"));
  g_assert_false (ak_test_delete_key (member, missing, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (ak_test_delete_key (admin, app, &error));
  g_assert_no_error (error);
}

static void
check_admin_all_users (AkKeystoneAllUsersStrategy strategy)
{
  g_autoptr(AkProvider) admin = new_admin ();
  g_autoptr(AkProvider) member = new_member ();
  g_autofree char *name = unique_name ("member-job");
  g_autoptr(AkKey) ec2 = NULL;
  g_autoptr(AkKey) app = NULL;
  g_autoptr(AkKey) own = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *listed;

  ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (admin), strategy);

  ec2 = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  app = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, NULL, NULL, NULL,
                            &error);
  g_assert_no_error (error);
  own = ak_test_create_key (admin, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every user's keys, with the names of owners and projects. */
  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_no_error (error);
  listed = find_key (keys, ec2);
  g_assert_nonnull (listed);
  g_assert_cmpstr (ak_key_get_owner (listed), ==, ak_test_env ("AK_TEST_MEMBER_USER"));
  g_assert_cmpstr (ak_key_get_project (listed), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT"));
  listed = find_key (keys, app);
  g_assert_nonnull (listed);
  g_assert_cmpstr (ak_key_get_owner (listed), ==, ak_test_env ("AK_TEST_MEMBER_USER"));
  listed = find_key (keys, own);
  g_assert_nonnull (listed);
  g_assert_cmpstr (ak_key_get_owner (listed), ==, ak_test_env ("AK_TEST_ADMIN_USER"));
  g_assert_cmpstr (ak_key_get_project (listed), ==, ak_test_env ("AK_TEST_ADMIN_PROJECT"));
  g_clear_pointer (&keys, g_ptr_array_unref);

  /* A member cannot ask for everyone's. */
  keys = ak_test_list_keys (member, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The admin deletes the member's keys; the member sees them gone. */
  g_assert_true (ak_test_delete_key (admin, ec2, &error));
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (admin, app, &error));
  g_assert_no_error (error);
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, ec2));
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, app));
  g_assert_false (server_has_key (admin, AK_KEY_SCOPE_ALL_USERS, ec2));

  g_assert_true (ak_test_delete_key (admin, own, &error));
  g_assert_no_error (error);
}

static void
test_admin_all_users_per_user (void)
{
  check_admin_all_users (AK_KEYSTONE_ALL_USERS_PER_USER);
}

static void
test_admin_all_users_credentials (void)
{
  check_admin_all_users (AK_KEYSTONE_ALL_USERS_CREDENTIALS);
}

static void
test_wrong_password (void)
{
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  provider = ak_test_keystone_provider (ak_test_env ("AK_TEST_MEMBER_USER"), "not-the-password",
                                        ak_test_env ("AK_TEST_MEMBER_PROJECT"));

  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_clear_error (&error);

  keys = ak_test_list_keys (provider, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_AUTH);
  g_assert_cmpuint (sign_in_count (provider), ==, 0);
}

static void
test_application_credential_sign_in (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autofree char *name = unique_name ("sign-in");
  g_autofree char *other_name = unique_name ("refused");
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkSecret) refused = NULL;
  g_autoptr(AkSecret) wrong = ak_secret_new ("not-the-secret");
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, NULL, NULL, &secret,
                            &error);
  g_assert_no_error (error);

  ak_account_set_auth_url (account, ak_test_env ("AK_TEST_KEYSTONE_URL"));
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, ak_key_get_id (key));

  provider = ak_keystone_provider_new (account, wrong);
  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_clear_error (&error);
  g_clear_object (&provider);

  provider = ak_keystone_provider_new (account, secret);
  ak_test_sign_in (provider, &error);
  g_assert_no_error (error);
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_ALL_USERS));

  /* Its token may create neither kind of key, and the provider says so: the
   * server refuses both. */
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_CREATE_EC2));
  g_assert_false (ak_provider_has_feature (provider,
                                           AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));
  g_assert_null (ak_test_create_key (provider, AK_KEY_KIND_EC2, NULL, NULL, NULL, &refused,
                                     &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (ak_test_create_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, other_name,
                                     NULL, NULL, &refused, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (refused);

  /* Keystone refuses EC2 keys to a token from an application credential;
   * the application credentials themselves are listed. */
  keys = ak_test_list_keys (provider, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_key (keys, key));
  g_assert_cmpstr (ak_key_get_owner (find_key (keys, key)), ==,
                   ak_test_env ("AK_TEST_MEMBER_USER"));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

/* Signs in on the server directly, for what the app itself never does; the
 * token is in the answer's X-Subject-Token. */
static SoupMessage *
raw_sign_in (SoupSession *session,
             const char  *prefix)
{
  g_autofree char *user = g_strconcat (prefix, "_USER", NULL);
  g_autofree char *password = g_strconcat (prefix, "_PASSWORD", NULL);
  g_autofree char *project = g_strconcat (prefix, "_PROJECT", NULL);
  g_autoptr(SoupMessage) auth = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth_json = NULL;
  g_autofree char *url = NULL;

  auth_json = g_strdup_printf ("{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                               "\"password\": {\"user\": {\"name\": \"%s\", \"domain\": "
                               "{\"name\": \"%s\"}, \"password\": \"%s\"}}}, \"scope\": "
                               "{\"project\": {\"name\": \"%s\", \"domain\": {\"name\": "
                               "\"%s\"}}}}}",
                               ak_test_env (user),
                               ak_test_env ("AK_TEST_DOMAIN"),
                               ak_test_env (password),
                               ak_test_env (project),
                               ak_test_env ("AK_TEST_DOMAIN"));
  url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), "/auth/tokens", NULL);
  auth = soup_message_new (SOUP_METHOD_POST, url);
  body = g_bytes_new (auth_json, strlen (auth_json));
  soup_message_set_request_body_from_bytes (auth, "application/json", body);
  reply = soup_session_send_and_read (session, auth, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (auth), ==, SOUP_STATUS_CREATED);

  return g_steal_pointer (&auth);
}

static void
admin_patch_user_enabled (const char *user_id,
                          gboolean    enabled)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) auth = NULL;
  g_autoptr(SoupMessage) patch = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *patch_json = enabled ? "{\"user\": {\"enabled\": true}}" :
                                     "{\"user\": {\"enabled\": false}}";

  auth = raw_sign_in (session, "AK_TEST_ADMIN");

  url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), "/users/", user_id, NULL);
  patch = soup_message_new ("PATCH", url);
  soup_message_headers_replace (soup_message_get_request_headers (patch), "X-Auth-Token",
                                soup_message_headers_get_one (
                                  soup_message_get_response_headers (auth), "X-Subject-Token"));
  body = g_bytes_new_static (patch_json, strlen (patch_json));
  soup_message_set_request_body_from_bytes (patch, "application/json", body);
  reply = soup_session_send_and_read (session, patch, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (patch), ==, SOUP_STATUS_OK);
}

/* Makes an unrestricted application credential for the member, which the
 * app never does, on the server directly; @secret gets its secret. */
static AkKey *
member_create_unrestricted (const char  *name,
                            AkSecret   **secret)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) auth = NULL;
  g_autoptr(SoupMessage) create = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *url = NULL;
  JsonObject *created;
  AkKey *key;

  auth = raw_sign_in (session, "AK_TEST_MEMBER");

  json = g_strdup_printf ("{\"application_credential\": {\"name\": \"%s\", "
                          "\"unrestricted\": true}}", name);
  url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), "/users/",
                     ak_test_env ("AK_TEST_MEMBER_USER_ID"), "/application_credentials", NULL);
  create = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_headers_replace (soup_message_get_request_headers (create), "X-Auth-Token",
                                soup_message_headers_get_one (
                                  soup_message_get_response_headers (auth), "X-Subject-Token"));
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (create, "application/json", body);
  reply = soup_session_send_and_read (session, create, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (create), ==, SOUP_STATUS_CREATED);

  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                              &error);
  g_assert_no_error (error);
  created = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "application_credential");
  g_assert_true (json_object_get_boolean_member (created, "unrestricted"));

  key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL,
                    json_object_get_string_member (created, "id"));
  ak_key_set_user_id (key, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  *secret = ak_secret_new (json_object_get_string_member (created, "secret"));

  return key;
}

static void
test_unrestricted_application_credential_sign_in (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autofree char *name = unique_name ("unrestricted");
  g_autofree char *child_name = unique_name ("made-by-unrestricted");
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkSecret) child_secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) child = NULL;
  g_autoptr(GError) error = NULL;

  key = member_create_unrestricted (name, &secret);

  ak_account_set_auth_url (account, ak_test_env ("AK_TEST_KEYSTONE_URL"));
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, ak_key_get_id (key));
  provider = ak_keystone_provider_new (account, secret);
  ak_test_sign_in (provider, &error);
  g_assert_no_error (error);

  /* Such a credential may make others, but still no EC2 key. */
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_CREATE_EC2));
  g_assert_true (ak_provider_has_feature (provider,
                                          AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));
  child = ak_test_create_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, child_name, NULL,
                              NULL, &child_secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (child);
  g_assert_true (server_has_key (member, AK_KEY_SCOPE_MINE, child));

  g_assert_true (ak_test_delete_key (member, child, &error));
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

static void
test_token_revoked (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&keys, g_ptr_array_unref);
  g_assert_cmpuint (sign_in_count (member), ==, 1);

  /* Disabling a user revokes their tokens; enabled again, they may sign
   * in. Revocation counts in whole seconds, so a token from the same second
   * would be revoked too: wait one out. */
  admin_patch_user_enabled (ak_test_env ("AK_TEST_MEMBER_USER_ID"), FALSE);
  admin_patch_user_enabled (ak_test_env ("AK_TEST_MEMBER_USER_ID"), TRUE);
  ak_test_run_for (1100);

  /* The server answers 401 to the old token; one sign-in, one repeat. */
  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sign_in_count (member), ==, 2);
}

static void
test_token_expiry (void)
{
  const char *expiration = ak_test_env ("AK_TEST_KEYSTONE_TOKEN_EXPIRATION");
  guint64 lifetime = g_ascii_strtoull (expiration, NULL, 10);
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lifetime, >, 0);
  g_assert_cmpuint (lifetime, <, 60);
  g_assert_cmpuint (sign_in_count (member), ==, 1);

  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&keys, g_ptr_array_unref);
  g_assert_cmpuint (sign_in_count (member), ==, 1);

  /* Wait on the main loop until the token has expired. */
  ak_test_run_for (lifetime * 1000 + 1000);

  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);
  g_assert_cmpuint (sign_in_count (member), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ak_test_set_wait_limit (120);

  if (g_getenv ("AK_TEST_KEYSTONE_TOKEN_EXPIRATION") != NULL)
    {
      g_test_add_func ("/keystone/provider/token-expiry", test_token_expiry);
      return g_test_run ();
    }

  g_test_add_func ("/keystone/provider/member-ec2", test_member_ec2);
  g_test_add_func ("/keystone/provider/member-application-credential",
                   test_member_application_credential);
  g_test_add_func ("/keystone/provider/member-cannot-delete-admins-keys",
                   test_member_cannot_delete_admins_keys);
  g_test_add_func ("/keystone/provider/admin-all-users-per-user", test_admin_all_users_per_user);
  g_test_add_func ("/keystone/provider/admin-all-users-credentials",
                   test_admin_all_users_credentials);
  g_test_add_func ("/keystone/provider/wrong-password", test_wrong_password);
  g_test_add_func ("/keystone/provider/application-credential-sign-in",
                   test_application_credential_sign_in);
  g_test_add_func ("/keystone/provider/unrestricted-application-credential-sign-in",
                   test_unrestricted_application_credential_sign_in);
  g_test_add_func ("/keystone/provider/token-revoked", test_token_revoked);

  return g_test_run ();
}
