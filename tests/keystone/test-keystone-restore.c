/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keystone-restore"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ak-account.h"
#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-keystone-provider.h"
#include "ak-test-util.h"

/* The way back after a delete, against the real Keystone that
 * tests/harness/with-keystone.sh starts: an EC2 key the member deleted after
 * fetching its secret comes back with the same ID and secret, and Keystone
 * accepts requests signed with it again, which POST /v3/ec2tokens checks
 * the way a cloud service does (signature version 2, HMAC-SHA256, computed
 * here). Refusals and conflicts come back as plain errors.
 *
 * Nothing here prints a secret: the signed request and its body stay in
 * memory. */

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
server_lists_key (AkProvider *provider,
                  AkKey      *key)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (provider, AK_KEY_SCOPE_MINE, NULL, &error);
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
  g_assert_null (strstr (error->message, "HTTP"));
}

static AkProvider *
new_signed_in (const char *prefix)
{
  g_autofree char *user = g_strconcat (prefix, "_USER", NULL);
  g_autofree char *password = g_strconcat (prefix, "_PASSWORD", NULL);
  g_autofree char *project = g_strconcat (prefix, "_PROJECT", NULL);
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  provider = ak_test_keystone_provider (ak_test_env (user), ak_test_env (password),
                                        ak_test_env (project));
  ak_test_sign_in (provider, &error);
  g_assert_no_error (error);

  /* Signed in with a password, a deleted EC2 key may be restored. */
  g_assert_true (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_RESTORE));

  return g_steal_pointer (&provider);
}

/* Sends one request, waiting on the main loop; hands back the status, and
 * the X-Subject-Token header in @subject_token when asked. */
static guint
send_json (SoupSession  *session,
           const char   *token,
           const char   *method,
           const char   *path,
           const char   *json,
           char        **subject_token)
{
  g_autofree char *url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
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

  if (subject_token != NULL)
    *subject_token = g_strdup (soup_message_headers_get_one (
                                 soup_message_get_response_headers (message),
                                 "X-Subject-Token"));

  return soup_message_get_status (message);
}

/* A token of the admin's: checking EC2 signatures is for services and
 * admins (identity:ec2tokens_validate). */
static char *
admin_token (SoupSession *session)
{
  g_autoptr(AkSecret) password = ak_secret_new (ak_test_env ("AK_TEST_ADMIN_PASSWORD"));
  g_autoptr(AkSecret) body = NULL;
  char *token = NULL;

  /* The same sign-in body the provider sends. */
  body = ak_keystone_json_build_password_auth (ak_test_env ("AK_TEST_ADMIN_USER"),
                                               ak_test_env ("AK_TEST_DOMAIN"), password,
                                               ak_test_env ("AK_TEST_ADMIN_PROJECT"),
                                               ak_test_env ("AK_TEST_DOMAIN"));
  g_assert_cmpuint (send_json (session, NULL, "POST", "/auth/tokens", ak_secret_get (body),
                               &token), ==, SOUP_STATUS_CREATED);
  g_assert_nonnull (token);

  return token;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* AWS signature version 2, as keystoneclient's Ec2Signer computes it:
 * base64 (HMAC-SHA256 (secret, "VERB\nhost\npath\n" + the query sorted by
 * name, each name and value escaped but for unreserved characters)). */
static char *
sign_v2 (const char  *secret,
         const char  *verb,
         const char  *host,
         const char  *path,
         GHashTable  *params)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret,
                                      strlen (secret));
  g_autoptr(GString) to_sign = g_string_new (NULL);
  g_autofree const char **names = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint n_names;

  g_string_append_printf (to_sign, "%s\n%s\n%s\n", verb, host, path);

  names = (const char **) g_hash_table_get_keys_as_array (params, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *name = g_uri_escape_string (names[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (g_hash_table_lookup (params, names[i]),
                                                    NULL, FALSE);

      g_string_append_printf (to_sign, "%s%s=%s", i > 0 ? "&" : "", name, value);
    }

  g_hmac_update (hmac, (const guchar *) to_sign->str, to_sign->len);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_base64_encode (digest, digest_len);
}

/* Signs an EC2 API request with @access and @secret, as a program using the
 * key would, and asks Keystone whether it accepts it. Returns: the status of
 * POST /v3/ec2tokens, 200 when the signature is accepted. */
static guint
check_ec2_signature (SoupSession *session,
                     const char  *token,
                     const char  *access,
                     AkSecret    *secret)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GUri) uri = g_uri_parse (ak_test_env ("AK_TEST_KEYSTONE_URL"), G_URI_FLAGS_NONE,
                                     NULL);
  g_autofree char *host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  const char *name;
  const char *value;
  guint status;

  g_hash_table_insert (params, "Action", "DescribeInstances");
  g_hash_table_insert (params, "AWSAccessKeyId", (char *) access);
  g_hash_table_insert (params, "SignatureMethod", "HmacSHA256");
  g_hash_table_insert (params, "SignatureVersion", "2");
  g_hash_table_insert (params, "Timestamp", timestamp);
  g_hash_table_insert (params, "Version", "2016-11-15");

  signature = sign_v2 (ak_secret_get (secret), "GET", host, "/", params);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "credentials");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "signature");
  json_builder_add_string_value (builder, signature);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, host);
  json_builder_set_member_name (builder, "verb");
  json_builder_add_string_value (builder, "GET");
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, "/");
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  status = send_json (session, token, "POST", "/ec2tokens", json, NULL);

  return status;
}

/* ------------------------------------------------------------------------ */

static void
test_member_restore (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *token = admin_token (session);
  g_autoptr(AkSecret) created_secret = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkSecret) again = NULL;
  g_autoptr(AkSecret) wrong = ak_secret_new ("0123456789abcdef0123456789abcdef");
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) found = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, &created_secret, &error);
  g_assert_no_error (error);

  /* The signature check tells a good secret from a wrong one. */
  g_assert_cmpuint (check_ec2_signature (session, token, ak_key_get_id (key), created_secret),
                    ==, SOUP_STATUS_OK);
  g_assert_cmpuint (check_ec2_signature (session, token, ak_key_get_id (key), wrong),
                    ==, SOUP_STATUS_UNAUTHORIZED);

  /* Before the delete: the secret, and the key as the server has it. */
  secret = ak_test_fetch_secret (member, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_secret_get (secret), ==, ak_secret_get (created_secret));
  found = ak_test_get_key (member, key, &error);
  g_assert_no_error (error);
  g_assert_true (ak_key_equal (found, key));
  g_assert_cmpstr (ak_key_get_project_id (found), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_clear_object (&found);

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);

  /* Deleted: not found, not listed, and the signed request is refused. */
  found = ak_test_get_key (member, key, &error);
  g_assert_null (found);
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (server_lists_key (member, key));

  /* Keystone 22 says 404 for an access key it does not know (the
   * credential lookup fails before any signature is checked). */
  g_assert_cmpuint (check_ec2_signature (session, token, ak_key_get_id (key), secret),
                    ==, SOUP_STATUS_NOT_FOUND);

  /* Restored: the same ID, owner and project... */
  restored = ak_test_restore_key (member, key, secret, &error);
  g_assert_no_error (error);
  g_assert_true (ak_key_equal (restored, key));
  g_assert_cmpstr (ak_key_get_id (restored), ==, ak_key_get_id (key));
  g_assert_cmpstr (ak_key_get_user_id (restored), ==, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_cmpstr (ak_key_get_project_id (restored), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_cmpstr (ak_key_get_owner (restored), ==, ak_test_env ("AK_TEST_MEMBER_USER"));

  /* ...listed again, with the same secret, and the same signed request is
   * accepted again. */
  g_assert_true (server_lists_key (member, key));
  found = ak_test_get_key (member, key, &error);
  g_assert_no_error (error);
  g_assert_true (ak_key_equal (found, key));
  again = ak_test_fetch_secret (member, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_secret_get (again), ==, ak_secret_get (created_secret));
  g_assert_cmpuint (check_ec2_signature (session, token, ak_key_get_id (key), secret),
                    ==, SOUP_STATUS_OK);

  /* Restoring what exists is a conflict, said plainly. */
  g_clear_object (&restored);
  restored = ak_test_restore_key (member, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_CONFLICT);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 409);
  g_clear_error (&error);

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

static void
test_member_restore_refused (void)
{
  g_autoptr(AkProvider) admin = new_signed_in ("AK_TEST_ADMIN");
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  /* The admin's key, deleted by the admin. */
  key = ak_test_create_key (admin, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  secret = ak_test_fetch_secret (admin, key, &error);
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (admin, key, &error));
  g_assert_no_error (error);

  /* The member may not make it again for the admin. */
  restored = ak_test_restore_key (member, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 403);
  g_assert_nonnull (ak_error_get_detail (error));
  g_clear_error (&error);
  found = ak_test_get_key (admin, key, &error);
  g_assert_null (found);
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The admin may. */
  restored = ak_test_restore_key (admin, key, secret, &error);
  g_assert_no_error (error);
  g_assert_true (ak_key_equal (restored, key));
  g_assert_true (ak_test_delete_key (admin, key, &error));
  g_assert_no_error (error);
}

static void
test_application_credential_cannot_restore (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autofree char *name = g_strdup_printf ("restore-%" G_GINT64_FORMAT, g_get_real_time ());
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkProvider) delegated = NULL;
  g_autoptr(AkSecret) app_secret = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkSecret) none = NULL;
  g_autoptr(AkKey) app = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  app = ak_test_create_key (member, AK_KEY_KIND_APPLICATION_CREDENTIAL, name, NULL, NULL,
                            &app_secret, &error);
  g_assert_no_error (error);
  key = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, &secret, &error);
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);

  /* An application credential's secret is not kept: nothing to fetch. */
  none = ak_test_fetch_secret (member, app, &error);
  g_assert_null (none);
  assert_ak_error (error, AK_ERROR_FAILED);
  g_clear_error (&error);

  /* Signed in with an application credential: not offered, and Keystone
   * refuses it indeed ("Delegated tokens cannot access credentials
   * directly"). */
  ak_account_set_auth_url (account, ak_test_env ("AK_TEST_KEYSTONE_URL"));
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, ak_key_get_id (app));
  delegated = ak_keystone_provider_new (account, app_secret);
  ak_test_sign_in (delegated, &error);
  g_assert_no_error (error);
  g_assert_false (ak_provider_has_feature (delegated, AK_PROVIDER_FEATURE_RESTORE));

  restored = ak_test_restore_key (delegated, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (server_lists_key (member, key));

  g_assert_true (ak_test_delete_key (member, app, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ak_test_set_wait_limit (120);

  g_test_add_func ("/keystone/restore/member", test_member_restore);
  g_test_add_func ("/keystone/restore/refused", test_member_restore_refused);
  g_test_add_func ("/keystone/restore/application-credential",
                   test_application_credential_cannot_restore);

  return g_test_run ();
}
