/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keystone-provider"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ak-account.h"
#include "ak-account-session.h"
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

/* Sends one request as the admin, waiting on the main loop, and hands back
 * the status and, when @reply is not %NULL, the JSON body. */
static guint
admin_send (SoupSession  *session,
            const char   *token,
            const char   *method,
            const char   *path,
            const char   *json,
            JsonNode    **reply)
{
  g_autofree char *url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Auth-Token",
                                token);
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    ak_test_result_cb, &result);
  body = soup_session_send_and_read_finish (session, ak_test_await_result (&result), &error);
  g_assert_no_error (error);

  if (reply != NULL)
    {
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &error);
      g_assert_no_error (error);
      *reply = json_parser_steal_root (parser);
    }

  return soup_message_get_status (message);
}

/* The ID of the first item of @collection in @reply. */
static char *
dup_first_id (JsonNode   *reply,
              const char *collection)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (reply), collection);

  g_assert_cmpuint (json_array_get_length (items), >=, 1);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "id"));
}

/* Waits on the main loop until the server says @user_id has @expected role
 * assignments. A multi-worker Keystone may answer once from a worker's
 * cache of its previous request (the fixture guards against it, see
 * write_wsgi in tests/harness/keystone.sh), so several answers must agree. */
static void
await_role_assignments (SoupSession *session,
                        const char  *token,
                        const char  *user_id,
                        guint        expected)
{
  g_autofree char *path = g_strconcat ("/role_assignments?user.id=", user_id, NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint agreeing = 0;

  while (agreeing < 3)
    {
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *assignments;

      g_assert_cmpuint (admin_send (session, token, "GET", path, NULL, &reply), ==,
                        SOUP_STATUS_OK);
      assignments = json_object_get_array_member (json_node_get_object (reply),
                                                  "role_assignments");
      if (json_array_get_length (assignments) == expected)
        agreeing++;
      else
        agreeing = 0;

      if (agreeing < 3)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          ak_test_run_for (100);
        }
    }
}

static void
assert_names_project (const GError *error,
                      const char   *project)
{
  g_autofree char *quoted = g_strconcat ("“", project, "”", NULL);

  g_assert_nonnull (strstr (error->message, quoted));
}

/* A user whose role on the project was taken away gets the same 401 as for a
 * wrong password; the app tells the two apart and says which it is. */
static void
test_project_access_removed (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) auth = raw_sign_in (session, "AK_TEST_ADMIN");
  const char *token = soup_message_headers_get_one (soup_message_get_response_headers (auth),
                                                    "X-Subject-Token");
  const char *project = ak_test_env ("AK_TEST_MEMBER_PROJECT");
  const char *password = ak_test_env ("AK_TEST_MEMBER_PASSWORD");
  g_autofree char *name = unique_name ("role-removed");
  g_autofree char *escaped_domain = g_uri_escape_string (ak_test_env ("AK_TEST_DOMAIN"), NULL,
                                                         FALSE);
  g_autofree char *domains_path = g_strconcat ("/domains?name=", escaped_domain, NULL);
  g_autofree char *domain_id = NULL;
  g_autofree char *role_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *user_json = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *grant_path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(AkProvider) signed_in = NULL;
  g_autoptr(AkProvider) fresh = NULL;
  g_autoptr(AkProvider) wrong = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* A new user, with the member role on the member's project and the
   * fixture's member password. */
  g_assert_cmpuint (admin_send (session, token, "GET", domains_path, NULL, &reply), ==,
                    SOUP_STATUS_OK);
  domain_id = dup_first_id (reply, "domains");
  g_clear_pointer (&reply, json_node_unref);

  g_assert_cmpuint (admin_send (session, token, "GET", "/roles?name=member", NULL, &reply), ==,
                    SOUP_STATUS_OK);
  role_id = dup_first_id (reply, "roles");
  g_clear_pointer (&reply, json_node_unref);

  user_json = g_strdup_printf ("{\"user\": {\"name\": \"%s\", \"domain_id\": \"%s\", "
                               "\"password\": \"%s\", \"enabled\": true}}",
                               name, domain_id, password);
  g_assert_cmpuint (admin_send (session, token, "POST", "/users", user_json, &reply), ==,
                    SOUP_STATUS_CREATED);
  user_id = g_strdup (json_object_get_string_member (
                        json_object_get_object_member (json_node_get_object (reply), "user"),
                        "id"));
  g_clear_pointer (&reply, json_node_unref);

  user_path = g_strconcat ("/users/", user_id, NULL);
  grant_path = g_strconcat ("/projects/", ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"),
                            "/users/", user_id, "/roles/", role_id, NULL);
  g_assert_cmpuint (admin_send (session, token, "PUT", grant_path, NULL, NULL), ==,
                    SOUP_STATUS_NO_CONTENT);
  await_role_assignments (session, token, user_id, 1);

  /* With the role, the user signs in and sees their keys. */
  signed_in = ak_test_keystone_provider (name, password, project);
  ak_test_sign_in (signed_in, &error);
  g_assert_no_error (error);
  keys = ak_test_list_keys (signed_in, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 0);
  g_clear_pointer (&keys, g_ptr_array_unref);

  g_assert_cmpuint (admin_send (session, token, "DELETE", grant_path, NULL, NULL), ==,
                    SOUP_STATUS_NO_CONTENT);
  await_role_assignments (session, token, user_id, 0);

  /* The token the app holds is refused now; signing in again says it is
   * the project, not the password. */
  keys = ak_test_list_keys (signed_in, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  assert_names_project (error, project);
  g_assert_cmpuint (sign_in_count (signed_in), ==, 1);
  g_clear_error (&error);

  /* The same for a first sign-in. */
  fresh = ak_test_keystone_provider (name, password, project);
  g_assert_false (ak_test_sign_in (fresh, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  assert_names_project (error, project);
  g_assert_cmpuint (sign_in_count (fresh), ==, 0);
  g_assert_cmpuint (ak_provider_get_features (fresh), ==, AK_PROVIDER_FEATURE_NONE);
  g_clear_error (&error);

  /* A wrong password is still a wrong password. */
  wrong = ak_test_keystone_provider (name, "not-the-password", project);
  g_assert_false (ak_test_sign_in (wrong, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_cmpuint (admin_send (session, token, "DELETE", user_path, NULL, NULL), ==,
                    SOUP_STATUS_NO_CONTENT);
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

/* ------------------------------------------------------------------------ */
/* Replace: a new key like the old one, through the session's create path,
 * and the old one deleted through its delete path. */

static AkAccountSession *
new_session (AkProvider *provider,
             const char *prefix)
{
  g_autofree char *user = g_strconcat (prefix, "_USER", NULL);
  g_autofree char *project = g_strconcat (prefix, "_PROJECT", NULL);
  g_autoptr(AkAccount) account = NULL;

  account = ak_test_password_account (ak_test_env ("AK_TEST_KEYSTONE_URL"),
                                      ak_test_env ("AK_TEST_DOMAIN"),
                                      ak_test_env (user), ak_test_env (project));

  return ak_account_session_new_signed_in (account, provider);
}

/* Makes the key that replaces @old, and deletes @old; returns the new key. */
static AkKey *
replace (AkAccountSession *session,
         AkKey            *old,
         const char       *name,
         AkSecret        **secret)
{
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(AkKeyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkKey) key = NULL;

  ak_account_session_create_key_like_async (session, old, name, ak_key_get_description (old),
                                            ak_key_get_expires_at (old),
                                            ak_test_result_cb, &created);
  key = ak_account_session_create_key_finish (session, ak_test_await_result (&created),
                                              secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpint (ak_key_get_kind (key), ==, ak_key_get_kind (old));
  g_assert_cmpstr (ak_key_get_id (key), !=, ak_key_get_id (old));

  ak_account_session_delete_key_async (session, ak_key_get_kind (old), ak_key_get_id (old),
                                       old, ak_test_result_cb, &deleted);
  result = ak_account_session_delete_key_finish (session, ak_test_await_result (&deleted),
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);

  return g_steal_pointer (&key);
}

/* The keys of @kind the server lists now that @before did not have. */
static GPtrArray *
new_keys_since (AkProvider *provider,
                AkKeyScope  scope,
                AkKeyKind   kind,
                GPtrArray  *before)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  keys = ak_test_list_keys (provider, scope, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      if (ak_key_get_kind (key) == kind && find_key (before, key) == NULL)
        g_ptr_array_add (found, g_object_ref (key));
    }

  return found;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The role names of one of the member's application credentials, sorted,
 * as the server has them. */
static char *
dup_application_credential_roles (const char *id)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) auth = raw_sign_in (session, "AK_TEST_MEMBER");
  const char *token = soup_message_headers_get_one (soup_message_get_response_headers (auth),
                                                    "X-Subject-Token");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonArray *roles;

  path = g_strconcat ("/users/", ak_test_env ("AK_TEST_MEMBER_USER_ID"),
                      "/application_credentials/", id, NULL);
  g_assert_cmpuint (admin_send (session, token, "GET", path, NULL, &reply), ==,
                    SOUP_STATUS_OK);
  roles = json_object_get_array_member (
            json_object_get_object_member (json_node_get_object (reply),
                                           "application_credential"),
            "roles");
  for (guint i = 0; i < json_array_get_length (roles); i++)
    g_ptr_array_add (names, (gpointer) json_object_get_string_member (
                                         json_array_get_object_element (roles, i), "name"));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_replace_ec2 (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) old = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;

  old = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);

  key = replace (session, old, NULL, &secret);
  g_assert_cmpuint (ak_secret_get_len (secret), ==, 32);

  /* Exactly one new key, for the same user and project; the old one gone. */
  made = new_keys_since (member, AK_KEY_SCOPE_MINE, AK_KEY_KIND_EC2, before);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_true (ak_key_equal (g_ptr_array_index (made, 0), key));
  g_assert_cmpstr (ak_key_get_user_id (g_ptr_array_index (made, 0)), ==,
                   ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_cmpstr (ak_key_get_project_id (g_ptr_array_index (made, 0)), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, old));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

static void
test_replace_application_credential (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autofree char *name = unique_name ("ci-deploy");
  g_autofree char *new_name = g_strconcat (name, "-2", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires_at = g_date_time_add_days (now, 30);
  g_autofree char *old_roles = NULL;
  g_autofree char *new_roles = NULL;
  g_autoptr(AkKey) old = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *listed;

  old = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, "Deploys",
                            expires_at, NULL, &error);
  g_assert_no_error (error);
  old_roles = dup_application_credential_roles (ak_key_get_id (old));
  g_assert_cmpstr (old_roles, !=, "");
  before = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);

  key = replace (session, old, new_name, NULL);

  made = new_keys_since (member, AK_KEY_SCOPE_MINE, AK_KEY_KIND_APPLICATION_CREDENTIAL, before);
  g_assert_cmpuint (made->len, ==, 1);
  listed = g_ptr_array_index (made, 0);
  g_assert_true (ak_key_equal (listed, key));
  g_assert_cmpstr (ak_key_get_name (listed), ==, new_name);
  g_assert_cmpstr (ak_key_get_description (listed), ==, "Deploys");
  g_assert_cmpstr (ak_key_get_project_id (listed), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_cmpint (g_date_time_to_unix (ak_key_get_expires_at (listed)), ==,
                   g_date_time_to_unix (expires_at));
  new_roles = dup_application_credential_roles (ak_key_get_id (key));
  g_assert_cmpstr (new_roles, ==, old_roles);
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, old));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

/* An administrator in All Users replaces a member's EC2 key: the new one is
 * the member's, in the member's project. */
static void
test_admin_replaces_members_ec2 (void)
{
  g_autoptr(AkProvider) admin = new_admin ();
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkAccountSession) session = new_session (admin, "AK_TEST_ADMIN");
  g_autoptr(AkKey) created = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *old;

  created = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_no_error (error);
  old = find_key (keys, created);
  g_assert_nonnull (old);
  before = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);

  key = replace (session, old, NULL, NULL);
  g_assert_cmpstr (ak_key_get_owner (key), ==, ak_test_env ("AK_TEST_MEMBER_USER"));
  g_assert_cmpstr (ak_key_get_project (key), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT"));

  /* As the member sees: one new key of theirs, the old one gone. */
  made = new_keys_since (member, AK_KEY_SCOPE_MINE, AK_KEY_KIND_EC2, before);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_true (ak_key_equal (g_ptr_array_index (made, 0), key));
  g_assert_cmpstr (ak_key_get_project_id (g_ptr_array_index (made, 0)), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, created));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}


/* The member's application credential @id, as the server has it. */
static JsonNode *
get_member_application_credential (SoupSession *session,
                                   const char  *token,
                                   const char  *id)
{
  g_autofree char *path = g_strconcat ("/users/", ak_test_env ("AK_TEST_MEMBER_USER_ID"),
                                       "/application_credentials/", id, NULL);
  JsonNode *reply = NULL;

  g_assert_cmpuint (admin_send (session, token, "GET", path, NULL, &reply), ==,
                    SOUP_STATUS_OK);

  return reply;
}

/* An unrestricted credential with one access rule, made on the server
 * directly (the app never makes one): its replacement has the same flag
 * and reuses the same rule. */
static void
test_replace_keeps_access_rules (void)
{
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) auth = raw_sign_in (soup, "AK_TEST_MEMBER");
  const char *token = soup_message_headers_get_one (soup_message_get_response_headers (auth),
                                                    "X-Subject-Token");
  g_autofree char *name = unique_name ("limited");
  g_autofree char *new_name = g_strconcat (name, "-2", NULL);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *old_rule = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) replaced = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(AkKey) wanted = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *app_cred;
  JsonArray *rules;
  AkKey *old;

  json = g_strdup_printf ("{\"application_credential\": {\"name\": \"%s\", "
                          "\"unrestricted\": true, \"access_rules\": [{\"service\": "
                          "\"compute\", \"method\": \"GET\", \"path\": \"/v2.1/servers\"}]}}",
                          name);
  path = g_strconcat ("/users/", ak_test_env ("AK_TEST_MEMBER_USER_ID"),
                      "/application_credentials", NULL);
  g_assert_cmpuint (admin_send (soup, token, "POST", path, json, &created), ==,
                    SOUP_STATUS_CREATED);
  app_cred = json_object_get_object_member (json_node_get_object (created),
                                            "application_credential");
  rules = json_object_get_array_member (app_cred, "access_rules");
  g_assert_cmpuint (json_array_get_length (rules), ==, 1);
  old_rule = g_strdup (json_object_get_string_member (json_array_get_object_element (rules, 0),
                                                      "id"));

  /* The old credential as the app lists it, with its rules and flag. */
  wanted = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL,
                       json_object_get_string_member (app_cred, "id"));
  keys = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  old = find_key (keys, wanted);
  g_assert_nonnull (old);
  g_assert_true (ak_key_get_unrestricted (old));
  g_assert_nonnull (ak_key_get_access_rules (old));

  key = replace (session, old, new_name, NULL);

  replaced = get_member_application_credential (soup, token, ak_key_get_id (key));
  app_cred = json_object_get_object_member (json_node_get_object (replaced),
                                            "application_credential");
  g_assert_true (json_object_get_boolean_member (app_cred, "unrestricted"));
  rules = json_object_get_array_member (app_cred, "access_rules");
  g_assert_cmpuint (json_array_get_length (rules), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rules, 0),
                                                  "id"), ==, old_rule);
  g_assert_false (server_has_key (member, AK_KEY_SCOPE_MINE, old));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

/* An administrator's new EC2 key for a member (the create dialog's Owner
 * row): a template key with no ID names whose and where; the member then
 * has it, in the member’s project. */
static void
test_admin_creates_members_ec2 (void)
{
  g_autoptr(AkProvider) admin = new_admin ();
  g_autoptr(AkProvider) member = new_member ();
  g_autoptr(AkAccountSession) session = new_session (admin, "AK_TEST_ADMIN");
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(AkKey) owner = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;

  before = ak_test_list_keys (member, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);

  owner = g_object_new (AK_TYPE_KEY, "kind", AK_KEY_KIND_EC2, "id", "", NULL);
  ak_key_set_user_id (owner, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  ak_key_set_project_id (owner, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  ak_account_session_create_key_like_async (session, owner, NULL, NULL, NULL,
                                            ak_test_result_cb, &created);
  key = ak_account_session_create_key_finish (session, ak_test_await_result (&created), NULL,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_user_id (key), ==, ak_test_env ("AK_TEST_MEMBER_USER_ID"));

  made = new_keys_since (member, AK_KEY_SCOPE_MINE, AK_KEY_KIND_EC2, before);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_true (ak_key_equal (g_ptr_array_index (made, 0), key));
  g_assert_cmpstr (ak_key_get_project_id (g_ptr_array_index (made, 0)), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
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
  g_test_add_func ("/keystone/provider/replace-ec2", test_replace_ec2);
  g_test_add_func ("/keystone/provider/replace-application-credential",
                   test_replace_application_credential);
  g_test_add_func ("/keystone/provider/replace-keeps-access-rules",
                   test_replace_keeps_access_rules);
  g_test_add_func ("/keystone/provider/admin-creates-members-ec2",
                   test_admin_creates_members_ec2);
  g_test_add_func ("/keystone/provider/admin-replaces-members-ec2",
                   test_admin_replaces_members_ec2);
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
  g_test_add_func ("/keystone/provider/project-access-removed", test_project_access_removed);

  return g_test_run ();
}
