/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-provider"

#include "config.h"

#include <string.h>

#include "ak-account.h"
#include "ak-account-session.h"
#include "ak-error.h"
#include "ak-keystone-provider.h"
#include "ak-keystone-provider-private.h"
#include "ak-test-util.h"
#include "fake-keystone.h"

/* AkKeystoneProvider against an in-process fake Keystone with faults. Every
 * case checks the exact error a person would get, that the sentence carries
 * no HTTP status, and how many requests reached the server.
 *
 * A connection that closes in the middle of a body is AK_ERROR_NETWORK: the
 * server's answer did not arrive, and trying again may well work, whereas
 * AK_ERROR_PROTOCOL says the server answered something the app cannot use. */

#define WAIT_LIMIT_SECONDS 30

static GString *logged;

/* ------------------------------------------------------------------------ */
/* Helpers */

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "MESSAGE") == 0)
        {
          if (fields[i].length < 0)
            g_string_append (logged, fields[i].value);
          else
            g_string_append_len (logged, fields[i].value, fields[i].length);
          g_string_append_c (logged, '\n');
        }
    }

  /* Debug output is only recorded; everything else goes on as usual, so
   * warnings stay fatal. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_count (guint *counter,
            guint  value)
{
  gboolean too_long = FALSE;
  guint id = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, flag_cb, &too_long);

  while (*counter < value && !too_long)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (too_long);
  g_source_remove (id);
}

static AkKey *
find_key (GPtrArray  *keys,
          const char *id)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (ak_key_get_id (g_ptr_array_index (keys, i)), id) == 0)
      return g_ptr_array_index (keys, i);

  return NULL;
}

static void assert_no_secret_in_keys (GPtrArray *keys);

static AkKey *
new_key (AkKeyKind   kind,
         const char *id,
         const char *user_id,
         const char *project_id)
{
  AkKey *key = ak_key_new (kind, id);

  ak_key_set_user_id (key, user_id);
  ak_key_set_project_id (key, project_id);

  return key;
}

static void
assert_one_key_has_no_secret (AkKey *key)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  g_ptr_array_add (keys, key);
  assert_no_secret_in_keys (keys);
}

/* The error a person reads: the right code, and a sentence with no HTTP
 * status or server text in it. */
static void
assert_ak_error (const GError *error,
                 AkErrorCode   code)
{
  g_autoptr(GRegex) status = g_regex_new ("\\b[1-5][0-9][0-9]\\b", 0, 0, NULL);

  g_assert_error (error, AK_ERROR, (int) code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (g_regex_match (status, error->message, 0, NULL));
  g_assert_null (strstr (error->message, "HTTP"));
  g_assert_null (strstr (error->message, "{"));
}

/* No secret of the fake (passwords, tokens, key secrets) in any property of
 * a key. */
static void
assert_no_secret_in_keys (GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    {
      GObject *key = g_ptr_array_index (keys, i);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (key), &n_pspecs);

      for (guint j = 0; j < n_pspecs; j++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          if (G_PARAM_SPEC_VALUE_TYPE (pspecs[j]) != G_TYPE_STRING)
            continue;

          g_value_init (&value, G_TYPE_STRING);
          g_object_get_property (key, pspecs[j]->name, &value);

          if (g_value_get_string (&value) != NULL)
            g_assert_null (strstr (g_value_get_string (&value), FAKE_SECRET_MARK));
        }
    }
}

/* Everyone the fake knows is in the domain "Default". */
static AkProvider *
new_provider (const char *url,
              const char *user,
              const char *password,
              const char *project)
{
  return ak_test_password_provider (url, "Default", user, password, project);
}

typedef struct
{
  FakeKeystone *fake;
  AkProvider   *alice;
  char         *ec2_1;
  char         *ec2_2;
  char         *app_1;
  char         *admin_ec2;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_string_truncate (logged, 0);

  fixture->fake = fake_keystone_new ();
  fixture->ec2_1 = fake_keystone_add_ec2 (fixture->fake, FAKE_ALICE_ID, FAKE_DEMO_ID);
  fixture->ec2_2 = fake_keystone_add_ec2 (fixture->fake, FAKE_ALICE_ID, FAKE_DEMO_ID);
  fixture->app_1 = fake_keystone_add_app_cred (fixture->fake, FAKE_ALICE_ID, "backup", NULL);
  fixture->admin_ec2 = fake_keystone_add_ec2 (fixture->fake, FAKE_ADMIN_ID,
                                              FAKE_ADMIN_PROJECT_ID);
  fixture->alice = new_provider (fixture->fake->url, FAKE_ALICE_NAME, FAKE_ALICE_PASSWORD,
                                 FAKE_DEMO_NAME);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->alice);
  fake_keystone_free (fixture->fake);
  g_free (fixture->ec2_1);
  g_free (fixture->ec2_2);
  g_free (fixture->app_1);
  g_free (fixture->admin_ec2);

  /* Whatever was logged, no password, token or key secret is in it. */
  g_assert_null (strstr (logged->str, FAKE_SECRET_MARK));
  g_assert_null (strstr (logged->str, FAKE_ALICE_PASSWORD));
  g_assert_null (strstr (logged->str, FAKE_ADMIN_PASSWORD));
}

/* ------------------------------------------------------------------------ */
/* Sign in */

static void
test_sign_in_member (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ak_test_sign_in (fixture->alice, &error);
  g_assert_no_error (error);

  g_assert_true (ak_provider_has_feature (fixture->alice,
                                          AK_PROVIDER_FEATURE_EXPIRY |
                                          AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                                          AK_PROVIDER_FEATURE_NAMES |
                                          AK_PROVIDER_FEATURE_CREATE_EC2 |
                                          AK_PROVIDER_FEATURE_RESTORE));
  g_assert_false (ak_provider_has_feature (fixture->alice, AK_PROVIDER_FEATURE_ALL_USERS));
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/users"), ==, 1);
  g_assert_cmpuint (fixture->fake->requests, ==, 2);
  g_assert_cmpstr (fixture->fake->user_agent, ==, "access-keys/" PACKAGE_VERSION);

  /* The debug log, GIO's included, is recorded, so the checks on it mean
   * something. */
  g_assert_nonnull (strstr (logged->str, "Signing in"));
  g_assert_nonnull (strstr (logged->str, "GSocketClient"));
}

static void
test_sign_in_admin (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AkProvider) admin = new_provider (fixture->fake->url, FAKE_ADMIN_NAME,
                                              FAKE_ADMIN_PASSWORD, FAKE_ADMIN_PROJECT);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ak_provider_get_features (admin), ==, AK_PROVIDER_FEATURE_NONE);
  g_assert_true (ak_test_sign_in (admin, &error));
  g_assert_no_error (error);
  g_assert_true (ak_provider_has_feature (admin, AK_PROVIDER_FEATURE_ALL_USERS |
                                                 AK_PROVIDER_FEATURE_CREATE_EC2 |
                                                 AK_PROVIDER_FEATURE_RESTORE |
                                                 AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_sign_in_wrong_password (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AkProvider) provider = new_provider (fixture->fake->url, FAKE_ALICE_NAME,
                                                 "not-the-password", FAKE_DEMO_NAME);
  g_autoptr(GError) error = NULL;

  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 401);
  g_assert_cmpuint (ak_provider_get_features (provider), ==, AK_PROVIDER_FEATURE_NONE);

  /* Refused with the project, then without it: the password is wrong. */
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_cmpuint (fixture->fake->unscoped_sign_ins, ==, 1);
  g_assert_cmpuint (fixture->fake->requests, ==, 2);
}

/* A web server, or another service, at the address: what it answers to the
 * sign-in is told as "not a sign-in service", which names the address as
 * the thing to change, and nothing is asked twice. */
static void
test_sign_in_not_keystone (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    FakeFaultKind kind;
    guint         status;
  } cases[] = {
    { FAKE_FAULT_WEB_PAGE, 501 },
    { FAKE_FAULT_WEB_PAGE, 404 },
    { FAKE_FAULT_WEB_PAGE, 405 },
    { FAKE_FAULT_STATUS, 404 },
    { FAKE_FAULT_STATUS, 405 },
    { FAKE_FAULT_STATUS, 501 },
    { FAKE_FAULT_STATUS, 302 },
    { FAKE_FAULT_WEB_PAGE, 200 },
    { FAKE_FAULT_WEB_PAGE, 400 },
    { FAKE_FAULT_WEB_PAGE, 401 },
    { FAKE_FAULT_WEB_PAGE, 403 },
    { FAKE_FAULT_OTHER_JSON, 200 },
    { FAKE_FAULT_OTHER_JSON, 201 },
    { FAKE_FAULT_OTHER_JSON, 401 },
  };
  g_autoptr(GError) expected = ak_error_new_not_sign_in_service (0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AkProvider) provider = new_provider (fixture->fake->url, FAKE_ALICE_NAME,
                                                     FAKE_ALICE_PASSWORD, FAKE_DEMO_NAME);
      g_autoptr(GError) error = NULL;
      guint before = fake_keystone_sign_ins (fixture->fake);

      g_test_message ("fault %d, status %u", cases[i].kind, cases[i].status);
      fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", cases[i].kind,
                               cases[i].status, 1);

      g_assert_false (ak_test_sign_in (provider, &error));
      assert_ak_error (error, AK_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==, expected->message);
      g_assert_cmpuint (ak_error_get_http_status (error), ==, cases[i].status);
      g_assert_nonnull (ak_error_get_detail (error));
      g_assert_cmpuint (ak_provider_get_features (provider), ==, AK_PROVIDER_FEATURE_NONE);

      /* Asked once: no second try without the project after a 401. */
      g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, before + 1);
    }
}

/* Keystone's own refusals and a server in trouble keep their meaning. */
static void
test_sign_in_keystone_trouble (Fixture       *fixture,
                               gconstpointer  data)
{
  static const struct {
    FakeFaultKind kind;
    guint         status;
    AkErrorCode   code;
  } cases[] = {
    { FAKE_FAULT_STATUS, 500, AK_ERROR_SERVER },
    { FAKE_FAULT_STATUS, 503, AK_ERROR_SERVER },
    { FAKE_FAULT_WEB_PAGE, 502, AK_ERROR_SERVER },
    { FAKE_FAULT_WEB_PAGE, 503, AK_ERROR_SERVER },
    { FAKE_FAULT_STATUS, 400, AK_ERROR_INVALID },
    { FAKE_FAULT_STATUS, 403, AK_ERROR_PERMISSION },
    { FAKE_FAULT_WEB_PAGE, 429, AK_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AkProvider) provider = new_provider (fixture->fake->url, FAKE_ALICE_NAME,
                                                     FAKE_ALICE_PASSWORD, FAKE_DEMO_NAME);
      g_autoptr(GError) error = NULL;

      g_test_message ("fault %d, status %u", cases[i].kind, cases[i].status);
      fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", cases[i].kind,
                               cases[i].status, 1);

      g_assert_false (ak_test_sign_in (provider, &error));
      assert_ak_error (error, cases[i].code);
    }
}

/* The project's name, in quotes, is in the sentence a person reads. */
static void
assert_names_project (const GError *error,
                      const char   *project)
{
  g_autofree char *quoted = g_strconcat ("“", project, "”", NULL);

  g_assert_nonnull (strstr (error->message, quoted));
}

static void
test_sign_in_project_access_removed (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_keystone_remove_role (fixture->fake, FAKE_ALICE_ID);

  g_assert_false (ak_test_sign_in (fixture->alice, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  assert_names_project (error, FAKE_DEMO_NAME);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 401);
  g_assert_nonnull (ak_error_get_detail (error));

  /* Two sign-ins, the second without the project; its token was never
   * used, nor kept. */
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_cmpuint (fixture->fake->unscoped_sign_ins, ==, 1);
  g_assert_cmpuint (fixture->fake->requests, ==, 2);
  g_assert_cmpuint (ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (fixture->alice)),
                    ==, 0);
  g_assert_cmpuint (ak_provider_get_features (fixture->alice), ==, AK_PROVIDER_FEATURE_NONE);

  /* The next request asks again, with the project, and hears the same. */
  g_clear_error (&error);
  g_assert_null (ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 4);
  g_assert_cmpuint (fixture->fake->requests, ==, 4);
}

/* Whatever else goes wrong with the sign-in without the project, the
 * refusal stays what it was. */
static void
test_sign_in_unscoped_check_fails (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", FAKE_FAULT_STATUS, 401, 1);
  fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", FAKE_FAULT_STATUS, 503, 1);

  g_assert_false (ak_test_sign_in (fixture->alice, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 401);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
}

static void
test_sign_in_application_credential_wrong_secret (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autofree char *id = fake_keystone_add_app_cred (fixture->fake, FAKE_ALICE_ID, "signed-in",
                                                    FAKE_SECRET_MARK "-app-sign-in");
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkSecret) secret = ak_secret_new (FAKE_SECRET_MARK "-not-the-secret");
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  ak_account_set_auth_url (account, fixture->fake->url);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, id);
  provider = ak_keystone_provider_new (account, secret);

  /* An application credential carries its own project: nothing to ask
   * without it. */
  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_AUTH);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
  g_assert_cmpuint (fixture->fake->unscoped_sign_ins, ==, 0);
  g_assert_cmpuint (fixture->fake->requests, ==, 1);
}

static void
test_sign_in_application_credential (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *id = fake_keystone_add_app_cred (fixture->fake, FAKE_ALICE_ID, "signed-in",
                                                    FAKE_SECRET_MARK "-app-sign-in");
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkSecret) secret = ak_secret_new (FAKE_SECRET_MARK "-app-sign-in");
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  ak_account_set_auth_url (account, fixture->fake->url);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, id);
  provider = ak_keystone_provider_new (account, secret);

  g_assert_true (ak_test_sign_in (provider, &error));
  g_assert_no_error (error);
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_ALL_USERS));

  /* A (restricted) application credential's token may create no key, nor
   * restore one. */
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_CREATE_EC2));
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_RESTORE));
  g_assert_false (ak_provider_has_feature (provider,
                                           AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));
  g_assert_true (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_EXPIRY |
                                                    AK_PROVIDER_FEATURE_NAMES));

  /* Its token may not read EC2 keys (403 from the server); the application
   * credentials still come. */
  keys = ak_test_list_keys (provider, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_nonnull (find_key (keys, fixture->app_1));
  g_assert_nonnull (find_key (keys, id));
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* List */

static void
test_list_mine (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *key;

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);

  key = find_key (keys, fixture->ec2_1);
  g_assert_nonnull (key);
  g_assert_cmpint (ak_key_get_kind (key), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_key_get_user_id (key), ==, FAKE_ALICE_ID);
  g_assert_cmpstr (ak_key_get_owner (key), ==, FAKE_ALICE_NAME);
  g_assert_cmpstr (ak_key_get_project (key), ==, FAKE_DEMO_NAME);
  g_assert_nonnull (find_key (keys, fixture->ec2_2));

  key = find_key (keys, fixture->app_1);
  g_assert_nonnull (key);
  g_assert_cmpint (ak_key_get_kind (key), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (key), ==, "backup");
  g_assert_cmpstr (ak_key_get_owner (key), ==, FAKE_ALICE_NAME);

  /* The list answers carry the secrets; the keys do not. */
  assert_no_secret_in_keys (keys);

  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/application_credentials"),
                    ==, 1);
  /* The projects she has a role on, for the attention flags: one request. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/projects"), ==, 1);
  g_assert_cmpuint (fixture->fake->requests, ==, 4);
}

static void
test_list_large (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  /* Large enough (about 600 kB) to be parsed in a worker thread. */
  for (guint i = 0; i < 3000; i++)
    {
      g_free (last);
      last = fake_keystone_add_ec2 (fixture->fake, FAKE_ALICE_ID, FAKE_DEMO_ID);
    }

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3003);
  g_assert_nonnull (find_key (keys, last));
  g_assert_cmpstr (ak_key_get_owner (find_key (keys, last)), ==, FAKE_ALICE_NAME);
  assert_no_secret_in_keys (keys);
}

static void
test_list_token_reused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  first = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  second = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (first->len, ==, second->len);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
  g_assert_cmpuint (ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (fixture->alice)),
                    ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"), ==, 2);
}

static void
test_list_concurrent_share_sign_in (Fixture       *fixture,
                                    gconstpointer  data)
{
  GAsyncResult *results[3] = { NULL, };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    ak_provider_list_keys_async (fixture->alice, AK_KEY_SCOPE_MINE, NULL, ak_test_result_cb,
                                 &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GError) error = NULL;

      keys = ak_provider_list_keys_finish (fixture->alice, ak_test_await_result (&results[i]),
                                           NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (keys->len, ==, 3);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
check_all_users (Fixture                    *fixture,
                 AkKeystoneAllUsersStrategy  strategy)
{
  g_autoptr(AkProvider) admin = new_provider (fixture->fake->url, FAKE_ADMIN_NAME,
                                              FAKE_ADMIN_PASSWORD, FAKE_ADMIN_PROJECT);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_users = 20;
  AkKey *key;

  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *id = g_strdup_printf ("0000000000000000000000000000u%03u", i);
      g_autofree char *name = g_strdup_printf ("user%03u", i);

      fake_keystone_add_user (fixture->fake, id, name, "unused", FAKE_DEMO_ID, FALSE);
      for (guint j = 0; j < 3; j++)
        g_free (fake_keystone_add_ec2 (fixture->fake, id, FAKE_DEMO_ID));
      g_free (fake_keystone_add_app_cred (fixture->fake, id, "job", NULL));
    }

  ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (admin), strategy);
  g_assert_true (ak_test_sign_in (admin, &error));
  g_assert_no_error (error);

  fixture->fake->hold_ms = 20;
  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_no_error (error);

  /* Alice's 3, the admin's 1, and 4 for each other user. */
  g_assert_cmpuint (keys->len, ==, fake_keystone_n_keys (fixture->fake));
  g_assert_cmpuint (keys->len, ==, 4 + n_users * 4);
  assert_no_secret_in_keys (keys);

  key = find_key (keys, fixture->ec2_1);
  g_assert_cmpstr (ak_key_get_owner (key), ==, FAKE_ALICE_NAME);
  g_assert_cmpstr (ak_key_get_project (key), ==, FAKE_DEMO_NAME);
  key = find_key (keys, fixture->admin_ec2);
  g_assert_cmpstr (ak_key_get_owner (key), ==, FAKE_ADMIN_NAME);
  g_assert_cmpstr (ak_key_get_project (key), ==, FAKE_ADMIN_PROJECT);

  /* Several users at once, but never more than six requests. */
  g_assert_cmpuint (fixture->fake->max_holding, >=, 2);
  g_assert_cmpuint (fixture->fake->max_holding, <=, 6);

  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/users"), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/projects"), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/application_credentials"),
                    ==, 1);

  /* Both: the one call answered long before the users' own lists of EC2
   * keys, queued behind 24 application credentials held 20 ms each, would
   * have been sent. */
  if (strategy == AK_KEYSTONE_ALL_USERS_PER_USER)
    {
      g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/credentials"), ==, 0);
      g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                             "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"),
                        ==, 1);
    }
  else
    {
      g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/credentials"), ==, 1);
      g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                             "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"),
                        ==, 0);
    }

  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_list_all_users_per_user (Fixture       *fixture,
                              gconstpointer  data)
{
  check_all_users (fixture, AK_KEYSTONE_ALL_USERS_PER_USER);
}

static void
test_list_all_users_credentials (Fixture       *fixture,
                                 gconstpointer  data)
{
  check_all_users (fixture, AK_KEYSTONE_ALL_USERS_CREDENTIALS);
}

static void
test_list_all_users_both (Fixture       *fixture,
                          gconstpointer  data)
{
  check_all_users (fixture, AK_KEYSTONE_ALL_USERS_BOTH);
}

/* 20 more users than the fixture's two, listed by an admin with the
 * users in pages of @page_size as @pages says: the keys, or the error. */
static GPtrArray *
list_users_in_pages (Fixture    *fixture,
                     guint       page_size,
                     FakePages   pages,
                     guint      *users_asked,
                     GError    **error)
{
  g_autoptr(AkProvider) admin = new_provider (fixture->fake->url, FAKE_ADMIN_NAME,
                                              FAKE_ADMIN_PASSWORD, FAKE_ADMIN_PROJECT);
  GPtrArray *keys;
  guint before;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("0000000000000000000000000000u%03u", i);
      g_autofree char *name = g_strdup_printf ("user%03u", i);

      fake_keystone_add_user (fixture->fake, id, name, "unused", FAKE_DEMO_ID, FALSE);
      g_free (fake_keystone_add_ec2 (fixture->fake, id, FAKE_DEMO_ID));
    }

  g_assert_true (ak_test_sign_in (admin, NULL));
  fixture->fake->users_page = page_size;
  fixture->fake->pages = pages;
  before = fake_keystone_count (fixture->fake, "GET", "/v3/users");
  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, error);
  *users_asked = fake_keystone_count (fixture->fake, "GET", "/v3/users") - before;

  return keys;
}

/* Keystone 27 gives the users 1,000 a page: every page is read, each asked
 * of the server signed in to (its links name another host), and every
 * user's keys are listed. 22 users in pages of 5: 5 pages. */
static void
test_list_all_users_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint asked = 0;
  AkKey *key = NULL;

  keys = list_users_in_pages (fixture, 5, FAKE_PAGES_NEXT, &asked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (asked, ==, 5);
  g_assert_cmpuint (keys->len, ==, fake_keystone_n_keys (fixture->fake));
  g_assert_cmpuint (keys->len, ==, 4 + 20);

  /* The owner of a key on the last page is named. */
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (ak_key_get_user_id (g_ptr_array_index (keys, i)),
                   "0000000000000000000000000000u019") == 0)
      key = g_ptr_array_index (keys, i);
  g_assert_nonnull (key);
  g_assert_cmpstr (ak_key_get_owner (key), ==, "user019");
}

/* A list of users the server cuts short with no way on, or whose next page
 * brings the same users again, is no list of every user's keys: it fails,
 * and says why, rather than showing some users' keys as everyone's. */
static void
test_list_all_users_pages_cut (Fixture       *fixture,
                               gconstpointer  data)
{
  FakePages pages = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint asked = 0;

  keys = list_users_in_pages (fixture, 5, pages, &asked, &error);
  g_assert_null (keys);
  g_assert_error (error, AK_ERROR, AK_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "only part of the list of users"));
  g_assert_cmpuint (asked, ==, pages == FAKE_PAGES_SAME ? 2 : 1);
}

static void
test_list_all_users_member (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/users"), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ADMIN_ID "/credentials/OS-EC2"), ==, 0);
}

/* An organisation's keys, user by user: progress, a second try, a user left
 * out, and fewer requests at a time when the server slows down. */

typedef struct
{
  guint     calls;
  guint     keys;
  guint     users_done;
  guint     users_total;
  gboolean  monotonic;
} Progress;

static void
progress_cb (AkProvider *provider,
             GPtrArray  *keys,
             guint       users_done,
             guint       users_total,
             gpointer    user_data)
{
  Progress *progress = user_data;

  if (users_done < progress->users_done || users_done > users_total)
    progress->monotonic = FALSE;

  progress->calls++;
  progress->keys += keys->len;
  progress->users_done = users_done;
  progress->users_total = users_total;
}

static char *
org_user_id (guint i)
{
  return g_strdup_printf ("0000000000000000000000000000u%03u", i);
}

/* Adds @n_users users of 3 EC2 keys and 1 application credential each. */
static void
add_organisation (Fixture *fixture,
                  guint    n_users)
{
  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *id = org_user_id (i);
      g_autofree char *name = g_strdup_printf ("user%03u", i);

      fake_keystone_add_user (fixture->fake, id, name, "unused", FAKE_DEMO_ID, FALSE);
      for (guint j = 0; j < 3; j++)
        g_free (fake_keystone_add_ec2 (fixture->fake, id, FAKE_DEMO_ID));
      g_free (fake_keystone_add_app_cred (fixture->fake, id, "job", NULL));
    }
}

/* Returns: (transfer full): the admin's provider, signed in, with @n_users
 * more users (add_organisation()) */
static AkProvider *
new_organisation (Fixture *fixture,
                  guint    n_users)
{
  g_autoptr(AkProvider) admin = new_provider (fixture->fake->url, FAKE_ADMIN_NAME,
                                              FAKE_ADMIN_PASSWORD, FAKE_ADMIN_PROJECT);
  g_autoptr(GError) error = NULL;

  add_organisation (fixture, n_users);
  g_assert_true (ak_test_sign_in (admin, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&admin);
}

/* Returns: (transfer container): every key, those reported on the way and
 * those at the end */
static GPtrArray *
list_with_progress (AkProvider  *admin,
                    Progress    *progress,
                    GStrv       *failed_users,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *keys;

  progress->monotonic = TRUE;
  ak_provider_list_keys_progress_async (admin, AK_KEY_SCOPE_ALL_USERS, progress_cb, progress,
                                        NULL, ak_test_result_cb, &result);
  keys = ak_provider_list_keys_progress_finish (admin, ak_test_await_result (&result), NULL,
                                                failed_users, error);
  return keys;
}

static void
test_list_all_users_progress (Fixture       *fixture,
                              gconstpointer  data)
{
  const guint n_users = 30;
  g_autoptr(AkProvider) admin = new_organisation (fixture, n_users);
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fixture->fake->hold_ms = 5;
  rest = list_with_progress (admin, &progress, &failed_users, &error);
  g_assert_no_error (error);
  g_assert_null (failed_users);

  /* The keys came in several parts, and none twice. */
  g_assert_cmpuint (progress.calls, >, 5);
  g_assert_cmpuint (progress.keys + rest->len, ==, fake_keystone_n_keys (fixture->fake));
  g_assert_true (progress.monotonic);
  /* Alice, the admin and the others. */
  g_assert_cmpuint (progress.users_total, ==, n_users + 2);
  g_assert_cmpuint (progress.users_done, ==, n_users + 2);

  /* Answers as fast as each other: the width never came down. */
  g_assert_cmpuint (AK_KEYSTONE_PROVIDER (admin)->list_narrowest, >=, 4);
  g_assert_cmpuint (fixture->fake->max_holding, <=, 6);
}

static void
test_list_all_users_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AkProvider) admin = new_organisation (fixture, 10);
  g_autofree char *user_id = org_user_id (3);
  g_autofree char *path = g_strdup_printf ("/v3/users/%s/application_credentials", user_id);
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_STATUS, 503, 1);
  rest = list_with_progress (admin, &progress, &failed_users, &error);
  g_assert_no_error (error);

  /* Asked twice, and the second answer counted: nothing is missing. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 2);
  g_assert_null (failed_users);
  g_assert_cmpuint (progress.keys + rest->len, ==, fake_keystone_n_keys (fixture->fake));
}

static void
test_list_all_users_user_fails (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(AkProvider) admin = new_organisation (fixture, 10);
  g_autofree char *user_id = org_user_id (4);
  g_autofree char *path = g_strdup_printf ("/v3/users/%s/application_credentials", user_id);
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_STATUS, 500, 2);
  rest = list_with_progress (admin, &progress, &failed_users, &error);
  g_assert_no_error (error);

  /* Asked twice, then named; everyone else's keys are there, and the
   * user's EC2 keys. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 2);
  g_assert_nonnull (failed_users);
  g_assert_cmpstrv (failed_users, ((const char *[]) { "user004", NULL }));
  g_assert_cmpuint (progress.keys + rest->len, ==, fake_keystone_n_keys (fixture->fake) - 1);
  g_assert_cmpuint (progress.users_done, ==, progress.users_total);
}

/* The race for the EC2 keys: whichever of the one call and the users' own
 * lists answers first, every key once. */

/* Asserts that @lists (the progress's keys, then the rest) hold every key of
 * the fake exactly once. */
static void
assert_every_key_once (FakeKeystone *fake,
                       GPtrArray    *reported,
                       GPtrArray    *rest,
                       guint         missing)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lists[] = { reported, rest };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *id = ak_key_get_id (g_ptr_array_index (lists[l], i));

        g_assert_true (g_hash_table_add (seen, (gpointer) id));
      }

  g_assert_cmpuint (g_hash_table_size (seen), ==, fake_keystone_n_keys (fake) - missing);
}

static void
keep_keys_cb (AkProvider *provider,
              GPtrArray  *keys,
              guint       users_done,
              guint       users_total,
              gpointer    user_data)
{
  g_ptr_array_extend (user_data, keys, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
}

/* Returns: (transfer container): the keys at the end; @reported gets those
 * reported on the way */
static GPtrArray *
race (AkProvider  *admin,
      GPtrArray   *reported,
      GStrv       *failed_users,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (admin),
                                               AK_KEYSTONE_ALL_USERS_BOTH);
  ak_provider_list_keys_progress_async (admin, AK_KEY_SCOPE_ALL_USERS, keep_keys_cb, reported,
                                        NULL, ak_test_result_cb, &result);
  return ak_provider_list_keys_progress_finish (admin, ak_test_await_result (&result), NULL,
                                                failed_users, error);
}

/* The one call does not answer in time (@kind, @value): the users' own
 * lists bring every key all the same. */
static void
check_race_without_one_call (Fixture       *fixture,
                             FakeFaultKind  kind,
                             guint          value)
{
  g_autoptr(AkProvider) admin = new_organisation (fixture, 10);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;

  fake_keystone_add_fault (fixture->fake, "GET", "/v3/credentials", kind, value, 1);
  rest = race (admin, reported, &failed_users, &error);
  g_assert_no_error (error);
  g_assert_null (failed_users);
  assert_every_key_once (fixture->fake, reported, rest, 0);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"),
                    ==, 1);
}

static void
test_list_all_users_race_own_lists (Fixture       *fixture,
                                    gconstpointer  data)
{
  /* The one call never ends: the list ends all the same, and hangs up. */
  check_race_without_one_call (fixture, FAKE_FAULT_TRICKLE, 100);
  wait_count (&fixture->fake->trickles_ended, 1);
}

static void
test_list_all_users_race_one_call_refused (Fixture       *fixture,
                                           gconstpointer  data)
{
  check_race_without_one_call (fixture, FAKE_FAULT_STATUS, 403);
}

/* Keystone reads every EC2 key before it sends a byte of the one call: a
 * silence longer than the session's timeout for a quiet connection (1 s
 * here) is waited out, up to the deadline, and the one call still answers. */
static void
test_list_all_users_one_call_patient (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(AkProvider) admin = new_provider (fixture->fake->url, FAKE_ADMIN_NAME,
                                              FAKE_ADMIN_PASSWORD, FAKE_ADMIN_PROJECT);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* Before the first connection, which keeps the timeout it was made with. */
  ak_keystone_provider_set_timeout (AK_KEYSTONE_PROVIDER (admin), 1);
  ak_keystone_provider_set_deadline (AK_KEYSTONE_PROVIDER (admin), 10);
  ak_keystone_provider_set_all_users_strategy (AK_KEYSTONE_PROVIDER (admin),
                                               AK_KEYSTONE_ALL_USERS_CREDENTIALS);
  add_organisation (fixture, 10);
  fake_keystone_add_fault (fixture->fake, "GET", "/v3/credentials", FAKE_FAULT_SLOW, 2500, 1);

  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, fake_keystone_n_keys (fixture->fake));
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", "/v3/credentials"), ==, 1);
}

/* user004's own list of EC2 keys fails for good while the one call, slower,
 * is still to answer: with @one_call_fails (past a 2 s deadline) user004 is
 * named and their 3 keys missing; otherwise the one call brings them, and
 * the others' keys are not doubled. */
static void
check_race_user_fails (Fixture  *fixture,
                       gboolean  one_call_fails)
{
  g_autoptr(AkProvider) admin = new_organisation (fixture, 10);
  g_autofree char *user_id = org_user_id (4);
  g_autofree char *path = g_strdup_printf ("/v3/users/%s/credentials/OS-EC2", user_id);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) failed_users = NULL;
  g_autoptr(GError) error = NULL;

  if (one_call_fails)
    {
      ak_keystone_provider_set_timeout (AK_KEYSTONE_PROVIDER (admin), 1);
      ak_keystone_provider_set_deadline (AK_KEYSTONE_PROVIDER (admin), 2);
      fake_keystone_add_fault (fixture->fake, "GET", "/v3/credentials", FAKE_FAULT_TRICKLE,
                               100, 1);
    }
  else
    {
      fake_keystone_add_fault (fixture->fake, "GET", "/v3/credentials", FAKE_FAULT_SLOW,
                               1500, 1);
    }
  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_STATUS, 500, 2);

  rest = race (admin, reported, &failed_users, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"),
                    ==, 1);
  if (one_call_fails)
    {
      g_assert_nonnull (failed_users);
      g_assert_cmpstrv (failed_users, ((const char *[]) { "user004", NULL }));
      assert_every_key_once (fixture->fake, reported, rest, 3);
    }
  else
    {
      g_assert_null (failed_users);
      assert_every_key_once (fixture->fake, reported, rest, 0);
    }
}

static void
test_list_all_users_race_user_waits (Fixture       *fixture,
                                     gconstpointer  data)
{
  check_race_user_fails (fixture, FALSE);
}

static void
test_list_all_users_race_both_fail (Fixture       *fixture,
                                    gconstpointer  data)
{
  check_race_user_fails (fixture, TRUE);
}

static void
test_list_all_users_back_off (Fixture       *fixture,
                              gconstpointer  data)
{
  const guint n_users = 24;
  g_autoptr(AkProvider) admin = new_organisation (fixture, n_users);
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  /* Every user's application credentials answer 400 ms late, once. */
  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *user_id = org_user_id (i);
      g_autofree char *path = g_strdup_printf ("/v3/users/%s/application_credentials", user_id);

      fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_SLOW, 400, 1);
    }

  rest = list_with_progress (admin, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.keys + rest->len, ==, fake_keystone_n_keys (fixture->fake));

  /* The slow answers brought the requests in flight down to one or two. */
  g_assert_cmpuint (AK_KEYSTONE_PROVIDER (admin)->list_narrowest, <=, 2);
}

static void
test_list_all_users_session_stop (Fixture       *fixture,
                                  gconstpointer  data)
{
  const guint n_users = 40;
  g_autoptr(AkProvider) admin = new_organisation (fixture, n_users);
  g_autoptr(AkAccount) account = ak_test_password_account (fixture->fake->url, "Default",
                                                           FAKE_ADMIN_NAME, FAKE_ADMIN_PROJECT);
  g_autoptr(AkAccountSession) session = ak_account_session_new_signed_in (account, admin);
  GListModel *keys = ak_account_session_get_keys (session);
  guint shown;

  fixture->fake->hold_ms = 30;
  ak_account_session_set_scope (session, AK_KEY_SCOPE_ALL_USERS);
  ak_account_session_start (session);

  /* Keys show while the list still runs. */
  ak_test_wait_for (g_list_model_get_n_items (keys) > 0 &&
                    ak_account_session_get_users_loaded (session) >= 5);
  g_assert_true (ak_account_session_get_loading_users (session));
  g_assert_cmpint (ak_account_session_get_state (session), ==, AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (ak_account_session_get_users_total (session), ==, n_users + 2);

  /* Stopped: what arrived stays, marked as a part. */
  ak_account_session_cancel_loading (session);
  shown = g_list_model_get_n_items (keys);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, fake_keystone_n_keys (fixture->fake));
  g_assert_true (ak_account_session_get_partial (session));
  g_assert_false (ak_account_session_get_loading_users (session));
  g_assert_cmpuint (ak_account_session_get_users_loaded (session), <,
                    ak_account_session_get_users_total (session));
  g_assert_cmpint (ak_account_session_get_state (session), ==, AK_ACCOUNT_SESSION_STATE_KEYS);
  ak_test_run_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, shown);

  /* Listed again in full, it is whole. */
  ak_account_session_refresh (session);
  ak_test_wait_for (!ak_account_session_get_loading_users (session));
  g_assert_false (ak_account_session_get_partial (session));
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, fake_keystone_n_keys (fixture->fake));
  g_assert_cmpuint (ak_account_session_get_users_loaded (session), ==, n_users + 2);

  ak_account_session_close (session);
}

/* ------------------------------------------------------------------------ */
/* The token */

static void
test_reauth_once (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ak_test_sign_in (fixture->alice, &error));
  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_STATUS, 401, 1);

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);

  /* One more sign-in, and the refused request repeated once. */
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 2);
  g_assert_cmpuint (fixture->fake->unauthorized, ==, 1);
}

static void
test_reauth_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  guint n_keys = fake_keystone_n_keys (fixture->fake);

  fake_keystone_add_fault (fixture->fake, "POST", path, FAKE_FAULT_STATUS, 401, 2);

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_null (key);
  assert_ak_error (error, AK_ERROR_AUTH);

  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", path), ==, 2);
  g_assert_cmpuint (fake_keystone_n_keys (fixture->fake), ==, n_keys);
}

static void
test_reauth_project_access_removed (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  guint n_keys = fake_keystone_n_keys (fixture->fake);

  g_assert_true (ak_test_sign_in (fixture->alice, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);

  /* The role goes while the app holds a token: the token is refused, and
   * signing in again says why. */
  fake_keystone_remove_role (fixture->fake, FAKE_ALICE_ID);

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_null (key);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  assert_names_project (error, FAKE_DEMO_NAME);

  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 3);
  g_assert_cmpuint (fixture->fake->unscoped_sign_ins, ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", path), ==, 1);
  g_assert_cmpuint (fake_keystone_n_keys (fixture->fake), ==, n_keys);
  g_assert_cmpuint (ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (fixture->alice)),
                    ==, 1);
}

static void
test_token_near_expiry (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  /* The token says it lives one second; the fake would accept it longer,
   * so only the provider's own clock can make it sign in again. */
  fixture->fake->announced_lifetime = 1;

  first = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);

  ak_test_run_for (1200);

  second = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 3);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_cmpuint (fixture->fake->unauthorized, ==, 0);
}

static void
test_token_expired_on_server (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  /* The server drops tokens at once although they say they live an hour:
   * every request gets a 401 and one sign-in fixes it. */
  fixture->fake->accepted_lifetime = 0;

  first = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (first);
  assert_ak_error (error, AK_ERROR_AUTH);

  /* Two sign-ins: the first, and the one after the first 401. */
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);

  g_clear_error (&error);
  fixture->fake->accepted_lifetime = 3600;
  second = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 3);
}

/* ------------------------------------------------------------------------ */
/* Errors */

static void
test_error_permission (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  guint n_keys = fake_keystone_n_keys (fixture->fake);

  fake_keystone_add_fault (fixture->fake, "POST", path, FAKE_FAULT_STATUS, 403, 1);

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_null (key);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 403);
  g_assert_nonnull (ak_error_get_detail (error));
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", path), ==, 1);
  g_assert_cmpuint (fake_keystone_n_keys (fixture->fake), ==, n_keys);
}

static void
test_error_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/application_credentials";
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  guint n_keys = fake_keystone_n_keys (fixture->fake);

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_APPLICATION_CREDENTIAL, "backup",
                            NULL, NULL, NULL, &error);
  g_assert_null (key);
  assert_ak_error (error, AK_ERROR_CONFLICT);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", path), ==, 1);
  g_assert_cmpuint (fake_keystone_n_keys (fixture->fake), ==, n_keys);
}

static void
check_list_fault (Fixture       *fixture,
                  FakeFaultKind  kind,
                  guint          value,
                  AkErrorCode    code)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  fake_keystone_add_fault (fixture->fake, "GET", path, kind, value, 1);

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, code);

  /* Not repeated, not lost. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_error_server_500 (Fixture       *fixture,
                       gconstpointer  data)
{
  check_list_fault (fixture, FAKE_FAULT_STATUS, 500, AK_ERROR_SERVER);
}

static void
test_error_server_503 (Fixture       *fixture,
                       gconstpointer  data)
{
  check_list_fault (fixture, FAKE_FAULT_STATUS, 503, AK_ERROR_SERVER);
}

static void
test_error_redirect (Fixture       *fixture,
                     gconstpointer  data)
{
  /* Never followed: it could take the token to another server. */
  check_list_fault (fixture, FAKE_FAULT_STATUS, 301, AK_ERROR_PROTOCOL);
}

static void
test_error_truncated_json (Fixture       *fixture,
                           gconstpointer  data)
{
  check_list_fault (fixture, FAKE_FAULT_TRUNCATED_JSON, 0, AK_ERROR_PROTOCOL);
}

static void
test_error_wrong_types (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  AkUnreadableEntry *entry;

  /* An entry of the wrong shape is left out, said where and why; the
   * application credentials still show. */
  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_WRONG_TYPES, 0, 1);
  ak_provider_list_keys_async (fixture->alice, AK_KEY_SCOPE_MINE, NULL, ak_test_result_cb,
                               &result);
  keys = ak_provider_list_keys_finish (fixture->alice, ak_test_await_result (&result),
                                       &unreadable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_nonnull (find_key (keys, fixture->app_1));
  g_assert_cmpuint (unreadable->len, ==, 1);
  entry = unreadable->pdata[0];
  g_assert_cmpint (ak_unreadable_entry_get_kind (entry), ==, AK_KEY_KIND_EC2);
  g_assert_cmpuint (ak_unreadable_entry_get_position (entry), ==, 0);
  g_assert_cmpstr (ak_unreadable_entry_get_reason (entry), ==,
                   "The answer’s “credentials[0].access” has the wrong type.");
  g_assert_cmpstr (ak_unreadable_entry_get_user_id (entry), ==, FAKE_ALICE_ID);
  g_assert_cmpstr (ak_unreadable_entry_get_user_name (entry), ==, FAKE_ALICE_NAME);

  /* A list that is not a list refuses the answer whole. */
  fake_keystone_add_fault (fixture->fake, "GET",
                           "/v3/users/" FAKE_ALICE_ID "/application_credentials",
                           FAKE_FAULT_WRONG_TYPES, 0, 1);
  g_clear_pointer (&keys, g_ptr_array_unref);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_PROTOCOL);
}

static void
test_error_closed_mid_body (Fixture       *fixture,
                            gconstpointer  data)
{
  check_list_fault (fixture, FAKE_FAULT_CLOSE_MID_BODY, 0, AK_ERROR_NETWORK);
}

static void
test_error_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 start;

  ak_keystone_provider_set_timeout (AK_KEYSTONE_PROVIDER (fixture->alice), 1);
  g_assert_true (ak_test_sign_in (fixture->alice, NULL));

  start = g_get_monotonic_time ();
  check_list_fault (fixture, FAKE_FAULT_SLOW, 4000, AK_ERROR_TIMEOUT);

  /* It gave up after about the timeout, not when the answer came. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
check_oversized (Fixture       *fixture,
                 FakeFaultKind  kind)
{
  ak_keystone_provider_set_max_body_size (AK_KEYSTONE_PROVIDER (fixture->alice), 16 * 1024);
  g_assert_true (ak_test_sign_in (fixture->alice, NULL));

  check_list_fault (fixture, kind, 0, AK_ERROR_PROTOCOL);

  /* The server sees the connection go; by then it had sent a small part of
   * the 64 MiB. */
  wait_count (&fixture->fake->huge_finished, 1);
  g_test_message ("The server wrote %" G_GUINT64_FORMAT " bytes of %d",
                  fixture->fake->huge_bytes_written, FAKE_HUGE_SIZE);
  g_assert_cmpuint (fixture->fake->huge_bytes_written, <, FAKE_HUGE_SIZE / 8);

  /* Its sentence says what was wrong: not a server the app does not
   * understand, but an answer too large. */
  {
    const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
    g_autoptr(GPtrArray) keys = NULL;
    g_autoptr(GError) error = NULL;

    fake_keystone_add_fault (fixture->fake, "GET", path, kind, 0, 1);
    keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
    g_assert_null (keys);
    assert_ak_error (error, AK_ERROR_PROTOCOL);
    g_assert_cmpstr (error->message, ==, "The server’s answer was too large to read safely.");
    wait_count (&fixture->fake->huge_finished, 2);
  }
}

static void
test_error_oversized_length (Fixture       *fixture,
                             gconstpointer  data)
{
  check_oversized (fixture, FAKE_FAULT_HUGE_LENGTH);
}

static void
test_error_oversized_chunked (Fixture       *fixture,
                              gconstpointer  data)
{
  check_oversized (fixture, FAKE_FAULT_HUGE_CHUNKED);
}

static void
test_error_refused (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free: nothing listens there any more. */
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/v3", g_uri_get_port (uris->data));
  soup_server_disconnect (server);

  provider = new_provider (url, FAKE_ALICE_NAME, FAKE_ALICE_PASSWORD, FAKE_DEMO_NAME);
  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_NETWORK);
}

static void
test_error_insecure (void)
{
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_string_truncate (logged, 0);

  /* An address that would take a while to fail if anything were tried. */
  provider = new_provider ("http://192.0.2.1:5000/v3", FAKE_ALICE_NAME, FAKE_ALICE_PASSWORD,
                           FAKE_DEMO_NAME);
  ak_keystone_provider_set_timeout (AK_KEYSTONE_PROVIDER (provider), 20);

  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_INSECURE);
  g_clear_error (&error);

  keys = ak_test_list_keys (provider, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_null (keys);
  assert_ak_error (error, AK_ERROR_INSECURE);

  /* Refused before any connection: nothing waited, nothing was sent. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_null (strstr (logged->str, "GSocketClient"));
  g_assert_null (strstr (logged->str, "POST /auth/tokens"));
  g_assert_cmpuint (ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (provider)),
                    ==, 0);
}

/* The TLS test's server lives until the process ends: libsoup 3.6 (Debian 13)
 * finishes the refused handshake on the server's side after the test, and
 * touches a disposed server then (a crash in the next test). */
static SoupServer *tls_server;

static void
test_error_tls (void)
{
  SoupServer *server;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  path = g_test_build_filename (G_TEST_DIST, "provider", "self-signed.pem", NULL);
  certificate = g_tls_certificate_new_from_file (path, &error);
  g_assert_no_error (error);

  server = tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/v3", g_uri_get_port (uris->data));

  /* A certificate nobody vouches for is never accepted. */
  provider = new_provider (url, FAKE_ALICE_NAME, FAKE_ALICE_PASSWORD, FAKE_DEMO_NAME);
  g_assert_false (ak_test_sign_in (provider, &error));
  assert_ak_error (error, AK_ERROR_TLS);
  g_assert_cmpuint (ak_keystone_provider_get_sign_in_count (AK_KEYSTONE_PROVIDER (provider)),
                    ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Create and delete */

static void
test_create_ec2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_EC2, NULL, NULL, NULL, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (fake_keystone_has_key (fixture->fake, ak_key_get_id (key)));
  g_assert_cmpstr (ak_key_get_user_id (key), ==, FAKE_ALICE_ID);
  g_assert_cmpstr (ak_key_get_project_id (key), ==, FAKE_DEMO_ID);
  g_assert_cmpstr (ak_key_get_owner (key), ==, FAKE_ALICE_NAME);

  /* The secret comes once, beside the key, never inside it. */
  g_assert_nonnull (secret);
  g_assert_true (g_str_has_prefix (ak_secret_get (secret), FAKE_SECRET_MARK));
  keys = g_ptr_array_new ();
  g_ptr_array_add (keys, key);
  assert_no_secret_in_keys (keys);

  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2"), ==, 1);
}

static void
test_create_application_credential (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_APPLICATION_CREDENTIAL, "nightly", NULL,
                            NULL, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ak_key_get_kind (key), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (key), ==, "nightly");
  g_assert_true (g_str_has_prefix (ak_secret_get (secret), FAKE_SECRET_MARK));
  g_assert_true (fake_keystone_has_key (fixture->fake, ak_key_get_id (key)));

  /* Without a name nothing is sent. */
  g_clear_object (&key);
  key = ak_test_create_key (fixture->alice, AK_KEY_KIND_APPLICATION_CREDENTIAL, NULL, NULL, NULL,
                            NULL, &error);
  g_assert_null (key);
  assert_ak_error (error, AK_ERROR_INVALID);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST",
                                         "/v3/users/" FAKE_ALICE_ID "/application_credentials"),
                    ==, 1);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);
  g_autofree char *app_path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/application_credentials/",
                                           fixture->app_1, NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(AkKey) ec2 = NULL;
  g_autoptr(AkKey) app = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  ec2 = g_object_ref (find_key (keys, fixture->ec2_1));
  app = g_object_ref (find_key (keys, fixture->app_1));

  g_assert_true (ak_test_delete_key (fixture->alice, ec2, &error));
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (fixture->alice, app, &error));
  g_assert_no_error (error);
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->ec2_1));
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->app_1));

  /* Gone from the next list. */
  after = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_null (find_key (after, fixture->ec2_1));

  /* A second delete finds nothing: "already deleted". */
  g_assert_false (ak_test_delete_key (fixture->alice, ec2, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ak_test_delete_key (fixture->alice, app, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);

  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", path), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", app_path), ==, 2);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_delete_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "0123456789abcdef0123456789abcdef");
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ALICE_ID);
  g_assert_false (ak_test_delete_key (fixture->alice, key, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 404);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE",
                                         "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/"
                                         "0123456789abcdef0123456789abcdef"), ==, 1);
}

static void
test_delete_others_key (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ADMIN_ID "/credentials/OS-EC2/",
                                       fixture->admin_ec2, NULL);
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, fixture->admin_ec2);
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ADMIN_ID);

  /* A member may not delete the admin's key, which stays. */
  g_assert_false (ak_test_delete_key (fixture->alice, key, &error));
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_true (fake_keystone_has_key (fixture->fake, fixture->admin_ec2));
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", path), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);
}

static void
test_delete_forbidden_but_gone (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/application_credentials/",
                                       "0123456789abcdef0123456789abcdef", NULL);
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                     "0123456789abcdef0123456789abcdef");
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ALICE_ID);

  /* A server that checks permission first says 403 for a missing key; the
   * person is told it is gone, not that they may not delete it. */
  fake_keystone_add_fault (fixture->fake, "DELETE", path, FAKE_FAULT_STATUS, 403, 1);
  g_assert_false (ak_test_delete_key (fixture->alice, key, &error));
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", path), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);
}

static void
check_delete_dropped (Fixture       *fixture,
                      FakeFaultKind  kind)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, fixture->ec2_1);
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ALICE_ID);
  g_assert_true (ak_test_sign_in (fixture->alice, NULL));

  /* The server deletes the key, and the answer is lost on the way. */
  fake_keystone_add_fault (fixture->fake, "DELETE", path, kind, 0, 1);

  g_assert_true (ak_test_delete_key (fixture->alice, key, &error));
  g_assert_no_error (error);
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->ec2_1));

  /* Sent once more, and its 404 taken as the success it is. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", path), ==, 2);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);

  /* By the provider, knowing it did, not silently by libsoup. */
  g_assert_nonnull (strstr (logged->str, "sending it once more"));
}

static void
test_delete_dropped (Fixture       *fixture,
                     gconstpointer  data)
{
  check_delete_dropped (fixture, FAKE_FAULT_DROP);
}

static void
test_delete_dropped_partial (Fixture       *fixture,
                             gconstpointer  data)
{
  check_delete_dropped (fixture, FAKE_FAULT_DROP_PARTIAL);
}

static void
check_delete_dropped_after_reauth (Fixture       *fixture,
                                   FakeFaultKind  kind)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, fixture->ec2_1);
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ALICE_ID);
  g_assert_true (ak_test_sign_in (fixture->alice, NULL));

  /* The token is refused; after signing in again, the server deletes the
   * key and the answer is lost on the way. */
  fake_keystone_add_fault (fixture->fake, "DELETE", path, FAKE_FAULT_STATUS, 401, 1);
  fake_keystone_add_fault (fixture->fake, "DELETE", path, kind, 0, 1);

  g_assert_true (ak_test_delete_key (fixture->alice, key, &error));
  g_assert_no_error (error);
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->ec2_1));

  /* Refused, sent again after the sign-in, lost, sent once more: its 404
   * is the success it is. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "DELETE", path), ==, 3);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
  g_assert_nonnull (strstr (logged->str, "sending it once more"));
}

static void
test_delete_dropped_after_reauth (Fixture       *fixture,
                                  gconstpointer  data)
{
  check_delete_dropped_after_reauth (fixture, FAKE_FAULT_DROP);
}

static void
test_delete_dropped_partial_after_reauth (Fixture       *fixture,
                                          gconstpointer  data)
{
  check_delete_dropped_after_reauth (fixture, FAKE_FAULT_DROP_PARTIAL);
}

/* ------------------------------------------------------------------------ */
/* One key, its secret, restoring it */

static void
test_get_key_found (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);
  g_autofree char *app_path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/application_credentials/",
                                           fixture->app_1, NULL);
  g_autoptr(AkKey) ec2 = new_key (AK_KEY_KIND_EC2, fixture->ec2_1, FAKE_ALICE_ID, NULL);
  g_autoptr(AkKey) app = new_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, fixture->app_1,
                                  FAKE_ALICE_ID, NULL);
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ak_test_get_key (fixture->alice, ec2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (found), ==, fixture->ec2_1);
  g_assert_cmpint (ak_key_get_kind (found), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_key_get_user_id (found), ==, FAKE_ALICE_ID);
  g_assert_cmpstr (ak_key_get_project_id (found), ==, FAKE_DEMO_ID);
  g_assert_cmpstr (ak_key_get_owner (found), ==, FAKE_ALICE_NAME);
  g_assert_cmpstr (ak_key_get_project (found), ==, FAKE_DEMO_NAME);
  assert_one_key_has_no_secret (found);
  g_clear_object (&found);

  found = ak_test_get_key (fixture->alice, app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (found), ==, fixture->app_1);
  g_assert_cmpint (ak_key_get_kind (found), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (found), ==, "backup");
  assert_one_key_has_no_secret (found);

  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", app_path), ==, 1);
}

static void
test_get_key_not_found (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AkKey) ec2 = new_key (AK_KEY_KIND_EC2, fixture->ec2_1, FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkKey) app = new_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, fixture->app_1,
                                  FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ak_test_delete_key (fixture->alice, ec2, &error));
  g_assert_true (ak_test_delete_key (fixture->alice, app, &error));
  g_assert_no_error (error);

  /* Gone: said as such, for either kind. */
  found = ak_test_get_key (fixture->alice, ec2, &error);
  g_assert_null (found);
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  found = ak_test_get_key (fixture->alice, app, &error);
  g_assert_null (found);
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
}

static void
test_fetch_secret (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AkKey) ec2 = new_key (AK_KEY_KIND_EC2, fixture->ec2_1, FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkKey) app = new_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, fixture->app_1,
                                  FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  secret = ak_test_fetch_secret (fixture->alice, ec2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_cmpstr (ak_secret_get (secret), ==,
                   fake_keystone_get_secret (fixture->fake, fixture->ec2_1));
  g_clear_pointer (&secret, ak_secret_unref);

  /* An application credential's secret is not on the server: nothing is
   * asked, and the sentence says why. */
  requests = fixture->fake->requests;
  secret = ak_test_fetch_secret (fixture->alice, app, &error);
  g_assert_null (secret);
  assert_ak_error (error, AK_ERROR_FAILED);
  g_assert_cmpuint (fixture->fake->requests, ==, requests);
  g_clear_error (&error);

  /* A key that is gone has no secret to fetch. */
  g_assert_true (ak_test_delete_key (fixture->alice, ec2, &error));
  secret = ak_test_fetch_secret (fixture->alice, ec2, &error);
  g_assert_null (secret);
  assert_ak_error (error, AK_ERROR_NOT_FOUND);
}

/* Fetches @id's secret, deletes the key and hands back both. */
static AkKey *
delete_keeping_secret (Fixture    *fixture,
                       const char *id,
                       AkSecret  **secret)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  key = g_object_ref (find_key (keys, id));

  *secret = ak_test_fetch_secret (fixture->alice, key, &error);
  g_assert_no_error (error);
  g_assert_true (ak_test_delete_key (fixture->alice, key, &error));
  g_assert_no_error (error);
  g_assert_false (fake_keystone_has_key (fixture->fake, id));

  return g_steal_pointer (&key);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  key = delete_keeping_secret (fixture, fixture->ec2_1, &secret);
  kept = g_strdup (ak_secret_get (secret));

  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_no_error (error);
  g_assert_true (ak_key_equal (restored, key));
  g_assert_cmpstr (ak_key_get_id (restored), ==, fixture->ec2_1);
  g_assert_cmpstr (ak_key_get_user_id (restored), ==, FAKE_ALICE_ID);
  g_assert_cmpstr (ak_key_get_project_id (restored), ==, FAKE_DEMO_ID);
  g_assert_cmpstr (ak_key_get_owner (restored), ==, FAKE_ALICE_NAME);
  assert_one_key_has_no_secret (restored);

  /* The server has it again, with the same secret, for the same owner. */
  g_assert_true (fake_keystone_has_key (fixture->fake, fixture->ec2_1));
  g_assert_cmpstr (fake_keystone_get_secret (fixture->fake, fixture->ec2_1), ==, kept);
  g_assert_cmpstr (fake_keystone_get_user_id (fixture->fake, fixture->ec2_1), ==, FAKE_ALICE_ID);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_key (keys, fixture->ec2_1));

  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", "/v3/credentials"), ==, 1);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AkSecret) secret = ak_secret_new (FAKE_SECRET_MARK "-restore-refused");
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;
  guint n_keys = fake_keystone_n_keys (fixture->fake);

  /* A key for another user: a member may not make it. */
  key = new_key (AK_KEY_KIND_EC2, "0123456789abcdef0123456789abcdef", FAKE_ADMIN_ID,
                 FAKE_ADMIN_PROJECT_ID);
  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 403);
  g_assert_nonnull (ak_error_get_detail (error));
  g_assert_nonnull (strstr (error->message, "restore"));
  g_assert_cmpuint (fake_keystone_n_keys (fixture->fake), ==, n_keys);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", "/v3/credentials"), ==, 1);
}

static void
test_restore_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AkKey) key = new_key (AK_KEY_KIND_EC2, fixture->ec2_1, FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);

  /* The key was never deleted. */
  secret = ak_test_fetch_secret (fixture->alice, key, &error);
  g_assert_no_error (error);
  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_CONFLICT);
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 409);
  g_assert_nonnull (strstr (error->message, "restored"));
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", "/v3/credentials"), ==, 1);

  /* Only the fetch read the key: a first 409 needs no asking. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);
}

static void
check_restore_lost (Fixture *fixture,
                    guint    times)
{
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2/",
                                       fixture->ec2_1, NULL);

  key = delete_keeping_secret (fixture, fixture->ec2_1, &secret);

  /* The server makes the key, and the answer is lost on the way. */
  fake_keystone_add_fault (fixture->fake, "POST", "/v3/credentials", FAKE_FAULT_DROP, 0, times);

  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_id (restored), ==, fixture->ec2_1);
  g_assert_cmpstr (fake_keystone_get_secret (fixture->fake, fixture->ec2_1), ==,
                   ak_secret_get (secret));

  /* Sent once more, which got 409 (or was lost too); the server, asked,
   * has the key with this secret. */
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", "/v3/credentials"), ==, 2);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 2);
  g_assert_nonnull (strstr (logged->str, "sending it once more"));
}

static void
test_restore_lost (Fixture       *fixture,
                   gconstpointer  data)
{
  check_restore_lost (fixture, 1);
}

static void
test_restore_lost_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  check_restore_lost (fixture, 2);
}

static void
test_restore_lost_not_made (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  key = delete_keeping_secret (fixture, fixture->ec2_1, &secret);

  /* Nothing listens: the key was not made, and asking says so. */
  fake_keystone_add_fault (fixture->fake, "POST", "/v3/credentials", FAKE_FAULT_CLOSE_MID_BODY,
                           0, 2);

  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_NETWORK);
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->ec2_1));
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "POST", "/v3/credentials"), ==, 2);
}

static void
test_restore_application_credential (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(AkKey) key = new_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, fixture->app_1,
                                  FAKE_ALICE_ID, FAKE_DEMO_ID);
  g_autoptr(AkSecret) secret = ak_secret_new (FAKE_SECRET_MARK "-app");
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  restored = ak_test_restore_key (fixture->alice, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_FAILED);
  g_assert_cmpuint (fixture->fake->requests, ==, 0);
}

static void
test_restore_delegated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = fake_keystone_add_app_cred (fixture->fake, FAKE_ALICE_ID, "signed-in",
                                                    FAKE_SECRET_MARK "-app-sign-in");
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkSecret) app_secret = ak_secret_new (FAKE_SECRET_MARK "-app-sign-in");
  g_autoptr(AkProvider) provider = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKey) restored = NULL;
  g_autoptr(GError) error = NULL;

  key = delete_keeping_secret (fixture, fixture->ec2_1, &secret);

  ak_account_set_auth_url (account, fixture->fake->url);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (account, id);
  provider = ak_keystone_provider_new (account, app_secret);

  /* Not offered; and if asked anyway, the server's refusal is said. */
  g_assert_true (ak_test_sign_in (provider, &error));
  g_assert_false (ak_provider_has_feature (provider, AK_PROVIDER_FEATURE_RESTORE));
  restored = ak_test_restore_key (provider, key, secret, &error);
  g_assert_null (restored);
  assert_ak_error (error, AK_ERROR_PERMISSION);
  g_assert_false (fake_keystone_has_key (fixture->fake, fixture->ec2_1));
}

/* ------------------------------------------------------------------------ */
/* Nothing left behind */

static void
test_deadline_trickle (Fixture       *fixture,
                       gconstpointer  data)
{
  AkKeystoneProvider *provider = AK_KEYSTONE_PROVIDER (fixture->alice);
  gint64 start;
  gint64 elapsed;

  /* A byte every 100 ms never lets the 1 s without a byte pass. */
  ak_keystone_provider_set_timeout (provider, 1);
  ak_keystone_provider_set_deadline (provider, 2);
  g_assert_cmpuint (ak_keystone_provider_get_deadline (provider), ==, 2);
  g_assert_true (ak_test_sign_in (fixture->alice, NULL));

  start = g_get_monotonic_time ();
  check_list_fault (fixture, FAKE_FAULT_TRICKLE, 100, AK_ERROR_TIMEOUT);
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("Gave up after %" G_GINT64_FORMAT " ms, %" G_GUINT64_FORMAT " bytes trickled",
                  elapsed / 1000, fixture->fake->trickled_bytes);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC - 100000);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);

  /* Bytes kept coming for longer than the idle timeout; then the provider
   * closed the connection, which the server sees. */
  g_assert_cmpuint (fixture->fake->trickled_bytes, >=, 12);
  wait_count (&fixture->fake->trickles_ended, 1);
}

/* Counted atomically all the same, should a body ever be freed in a worker
 * thread. */
typedef struct
{
  gint  freed;
  gint  freed_large;
  gint  not_wiped;
} FreedBodies;

static void
body_freed_cb (const char *data,
               gsize       len,
               gpointer    user_data)
{
  FreedBodies *freed = user_data;

  g_atomic_int_inc (&freed->freed);
  if (len >= 64 * 1024)
    g_atomic_int_inc (&freed->freed_large);

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] != 0)
        {
          g_atomic_int_inc (&freed->not_wiped);
          break;
        }
    }
}

static void
test_bodies_wiped (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  FreedBodies freed = { 0, };
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* About 190 kB of secrets, sent chunked: the buffer grows from 64 kB
   * twice, and each old copy must be wiped too. Below the size parsed in a
   * worker thread, so every buffer is freed before the list is done. */
  for (guint i = 0; i < 1000; i++)
    g_free (fake_keystone_add_ec2 (fixture->fake, FAKE_ALICE_ID, FAKE_DEMO_ID));

  g_assert_true (ak_test_sign_in (fixture->alice, NULL));
  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_CHUNKED, 0, 1);

  _ak_keystone_set_body_freed_hook (body_freed_cb, &freed);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  _ak_keystone_set_body_freed_hook (NULL, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1003);

  g_test_message ("%d bodies freed, %d of at least 64 kB",
                  g_atomic_int_get (&freed.freed), g_atomic_int_get (&freed.freed_large));
  g_assert_cmpint (g_atomic_int_get (&freed.freed), >=, 4);
  g_assert_cmpint (g_atomic_int_get (&freed.freed_large), >=, 3);
  g_assert_cmpint (g_atomic_int_get (&freed.not_wiped), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Cancellation */

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_list (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *path = "/v3/users/" FAKE_ALICE_ID "/credentials/OS-EC2";
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ak_test_sign_in (fixture->alice, NULL));
  fake_keystone_add_fault (fixture->fake, "GET", path, FAKE_FAULT_SLOW, 5000, 1);
  g_timeout_add (100, cancel_cb, cancellable);

  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, cancellable, &error);
  g_assert_null (keys);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake_keystone_count (fixture->fake, "GET", path), ==, 1);

  /* The provider is fine afterwards. */
  g_clear_error (&error);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 1);
}

static void
test_cancel_during_sign_in (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, fixture->ec2_1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, FAKE_ALICE_ID);
  fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", FAKE_FAULT_SLOW, 5000, 1);
  g_timeout_add (100, cancel_cb, cancellable);

  ak_provider_delete_key_async (fixture->alice, key, cancellable, ak_test_result_cb, &result);
  g_assert_false (ak_provider_delete_key_finish (fixture->alice, ak_test_await_result (&result),
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing was deleted; a new request signs in afresh. */
  g_assert_true (fake_keystone_has_key (fixture->fake, fixture->ec2_1));
  g_clear_error (&error);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 2);
}

static void
test_cancel_during_unscoped_check (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", FAKE_FAULT_STATUS, 401, 1);
  fake_keystone_add_fault (fixture->fake, "POST", "/v3/auth/tokens", FAKE_FAULT_SLOW, 5000, 1);

  ak_provider_sign_in_async (fixture->alice, cancellable, ak_test_result_cb, &result);
  wait_count (&fixture->fake->unscoped_sign_ins, 1);
  g_cancellable_cancel (cancellable);

  g_assert_false (ak_provider_sign_in_finish (fixture->alice, ak_test_await_result (&result),
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A new request signs in afresh, and is let in. */
  g_clear_error (&error);
  keys = ak_test_list_keys (fixture->alice, AK_KEY_SCOPE_MINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpuint (fake_keystone_sign_ins (fixture->fake), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  logged = g_string_new (NULL);
  /* Every message through log_writer, which records debug messages and
   * prints none: newer GLib's g_test_init() installs a default handler that
   * prints messages itself, and drops debug ones unless debug output is on. */
  g_log_set_default_handler (g_log_default_handler, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/provider/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in/member", test_sign_in_member);
  ADD ("sign-in/admin", test_sign_in_admin);
  ADD ("sign-in/wrong-password", test_sign_in_wrong_password);
  ADD ("sign-in/application-credential", test_sign_in_application_credential);
  ADD ("sign-in/not-keystone", test_sign_in_not_keystone);
  ADD ("sign-in/keystone-trouble", test_sign_in_keystone_trouble);
  ADD ("sign-in/project-access-removed", test_sign_in_project_access_removed);
  ADD ("sign-in/unscoped-check-fails", test_sign_in_unscoped_check_fails);
  ADD ("sign-in/application-credential-wrong-secret",
       test_sign_in_application_credential_wrong_secret);
  ADD ("list/mine", test_list_mine);
  ADD ("list/large", test_list_large);
  ADD ("list/token-reused", test_list_token_reused);
  ADD ("list/concurrent-share-sign-in", test_list_concurrent_share_sign_in);
  ADD ("list/all-users-per-user", test_list_all_users_per_user);
  ADD ("list/all-users-credentials", test_list_all_users_credentials);
  ADD ("list/all-users-both", test_list_all_users_both);
  ADD ("list/all-users-race-own-lists", test_list_all_users_race_own_lists);
  ADD ("list/all-users-race-one-call-refused", test_list_all_users_race_one_call_refused);
  ADD ("list/all-users-one-call-patient", test_list_all_users_one_call_patient);
  ADD ("list/all-users-race-user-waits", test_list_all_users_race_user_waits);
  ADD ("list/all-users-race-both-fail", test_list_all_users_race_both_fail);
  ADD ("list/all-users-pages", test_list_all_users_pages);
  g_test_add ("/provider/list/all-users-pages-same", Fixture,
              GUINT_TO_POINTER (FAKE_PAGES_SAME), fixture_set_up,
              test_list_all_users_pages_cut, fixture_tear_down);
  g_test_add ("/provider/list/all-users-pages-truncated", Fixture,
              GUINT_TO_POINTER (FAKE_PAGES_TRUNCATED), fixture_set_up,
              test_list_all_users_pages_cut, fixture_tear_down);
  ADD ("list/all-users-member", test_list_all_users_member);
  ADD ("list/all-users-progress", test_list_all_users_progress);
  ADD ("list/all-users-retry", test_list_all_users_retry);
  ADD ("list/all-users-user-fails", test_list_all_users_user_fails);
  ADD ("list/all-users-back-off", test_list_all_users_back_off);
  ADD ("list/all-users-session-stop", test_list_all_users_session_stop);
  ADD ("token/reauth-once", test_reauth_once);
  ADD ("token/reauth-twice", test_reauth_twice);
  ADD ("token/reauth-project-access-removed", test_reauth_project_access_removed);
  ADD ("token/near-expiry", test_token_near_expiry);
  ADD ("token/expired-on-server", test_token_expired_on_server);
  ADD ("error/permission", test_error_permission);
  ADD ("error/conflict", test_error_conflict);
  ADD ("error/server-500", test_error_server_500);
  ADD ("error/server-503", test_error_server_503);
  ADD ("error/redirect", test_error_redirect);
  ADD ("error/truncated-json", test_error_truncated_json);
  ADD ("error/wrong-types", test_error_wrong_types);
  ADD ("error/closed-mid-body", test_error_closed_mid_body);
  ADD ("error/timeout", test_error_timeout);
  ADD ("error/oversized-length", test_error_oversized_length);
  ADD ("error/oversized-chunked", test_error_oversized_chunked);
  g_test_add_func ("/provider/error/refused", test_error_refused);
  g_test_add_func ("/provider/error/insecure", test_error_insecure);
  g_test_add_func ("/provider/error/tls", test_error_tls);
  ADD ("create/ec2", test_create_ec2);
  ADD ("create/application-credential", test_create_application_credential);
  ADD ("delete/both-kinds", test_delete);
  ADD ("delete/not-found", test_delete_not_found);
  ADD ("delete/others-key", test_delete_others_key);
  ADD ("delete/forbidden-but-gone", test_delete_forbidden_but_gone);
  ADD ("delete/dropped", test_delete_dropped);
  ADD ("delete/dropped-partial", test_delete_dropped_partial);
  ADD ("delete/dropped-after-reauth", test_delete_dropped_after_reauth);
  ADD ("delete/dropped-partial-after-reauth", test_delete_dropped_partial_after_reauth);
  ADD ("get-key/found", test_get_key_found);
  ADD ("get-key/not-found", test_get_key_not_found);
  ADD ("fetch-secret", test_fetch_secret);
  ADD ("restore/success", test_restore);
  ADD ("restore/refused", test_restore_refused);
  ADD ("restore/conflict", test_restore_conflict);
  ADD ("restore/lost-in-transit", test_restore_lost);
  ADD ("restore/lost-in-transit-twice", test_restore_lost_twice);
  ADD ("restore/lost-and-not-made", test_restore_lost_not_made);
  ADD ("restore/application-credential", test_restore_application_credential);
  ADD ("restore/delegated", test_restore_delegated);
  ADD ("error/deadline-trickle", test_deadline_trickle);
  ADD ("body/wiped", test_bodies_wiped);
  ADD ("cancel/list", test_cancel_list);
  ADD ("cancel/during-sign-in", test_cancel_during_sign_in);
  ADD ("cancel/during-unscoped-check", test_cancel_during_unscoped_check);

#undef ADD

  status = g_test_run ();
  g_clear_object (&tls_server);

  return status;
}
