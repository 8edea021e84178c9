/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-test-util"

#include "config.h"

#include "ak-keystone-provider.h"
#include "ak-test-util.h"

static guint wait_limit_seconds = 30;

/**
 * ak_test_env:
 * @name: an AK_TEST_* variable
 *
 * Returns: its value; the program stops when it is unset or empty
 */
const char *
ak_test_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: run this through tests/harness/with-keystone.sh "
             "(or tests/bench/run-bench.sh)", name);

  return value;
}

/**
 * ak_test_read_fixture:
 * @first_element: the first part of the path under tests/fixtures
 * @...: more parts, then %NULL
 *
 * Returns: (transfer full): the file's bytes; fails the test if it cannot
 *   be read
 */
GBytes *
ak_test_read_fixture (const char *first_element,
                      ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  va_list args;

  g_ptr_array_add (parts, (char *) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (char *) "fixtures");
  va_start (args, first_element);
  for (const char *part = first_element; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

/**
 * ak_test_bytes_from_string:
 * @text: a string
 *
 * Returns: (transfer full): @text's bytes, without the terminating NUL
 */
GBytes *
ak_test_bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/**
 * ak_test_set_wait_limit:
 *
 * How long ak_test_await_result() waits before it fails the test; 30 s
 * unless set.
 */
void
ak_test_set_wait_limit (guint seconds)
{
  wait_limit_seconds = seconds;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ak_test_tick_cb (gpointer data)
{
  /* Only wakes the main context, so a wait re-checks its condition. */
  return G_SOURCE_CONTINUE;
}

/**
 * ak_test_drain:
 *
 * Runs everything the main context has ready, to check that something did
 * NOT happen (a second request).
 */
void
ak_test_drain (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/**
 * ak_test_run_for:
 *
 * Runs the main context for @ms milliseconds, for what waits on the clock
 * (a token's lifetime, a server's timeout).
 */
void
ak_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A GAsyncReadyCallback that keeps the result in the empty slot @user_data. */
void
ak_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/**
 * ak_test_await_result:
 * @slot: where ak_test_result_cb() puts the result
 *
 * Runs the main context until the result is there.
 *
 * Returns: (transfer none): the result, still owned by @slot
 */
GAsyncResult *
ak_test_await_result (GAsyncResult **slot)
{
  gboolean too_long = FALSE;
  guint id = g_timeout_add_seconds (wait_limit_seconds, flag_cb, &too_long);

  while (*slot == NULL && !too_long)
    g_main_context_iteration (NULL, TRUE);

  if (too_long)
    g_error ("Timed out after %u s waiting for an answer", wait_limit_seconds);

  g_source_remove (id);

  return *slot;
}

AkAccount *
ak_test_password_account (const char *url,
                          const char *domain,
                          const char *user,
                          const char *project)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_auth_url (account, url);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_PASSWORD);
  ak_account_set_user_domain (account, domain);
  ak_account_set_username (account, user);
  ak_account_set_project_domain (account, domain);
  ak_account_set_project (account, project);

  return account;
}

/* A Keystone provider, not signed in yet, for @user in @domain. */
AkProvider *
ak_test_password_provider (const char *url,
                           const char *domain,
                           const char *user,
                           const char *password,
                           const char *project)
{
  g_autoptr(AkAccount) account = ak_test_password_account (url, domain, user, project);
  g_autoptr(AkSecret) secret = ak_secret_new (password);

  return ak_keystone_provider_new (account, secret);
}

/* The same on the real Keystone of AK_TEST_KEYSTONE_URL, in AK_TEST_DOMAIN. */
AkProvider *
ak_test_keystone_provider (const char *user,
                           const char *password,
                           const char *project)
{
  return ak_test_password_provider (ak_test_env ("AK_TEST_KEYSTONE_URL"),
                                    ak_test_env ("AK_TEST_DOMAIN"),
                                    user, password, project);
}

gboolean
ak_test_sign_in (AkProvider  *provider,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_sign_in_async (provider, NULL, ak_test_result_cb, &result);
  return ak_provider_sign_in_finish (provider, ak_test_await_result (&result), error);
}

GPtrArray *
ak_test_list_keys (AkProvider    *provider,
                   AkKeyScope     scope,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_list_keys_async (provider, scope, cancellable, ak_test_result_cb, &result);
  return ak_provider_list_keys_finish (provider, ak_test_await_result (&result), NULL, error);
}

AkKey *
ak_test_create_key (AkProvider  *provider,
                    AkKeyKind    kind,
                    const char  *name,
                    const char  *description,
                    GDateTime   *expires_at,
                    AkSecret   **secret,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_create_key_async (provider, kind, name, description, expires_at, NULL,
                                ak_test_result_cb, &result);
  return ak_provider_create_key_finish (provider, ak_test_await_result (&result), secret, error);
}

gboolean
ak_test_delete_key (AkProvider  *provider,
                    AkKey       *key,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_delete_key_async (provider, key, NULL, ak_test_result_cb, &result);
  return ak_provider_delete_key_finish (provider, ak_test_await_result (&result), error);
}

AkKey *
ak_test_get_key (AkProvider  *provider,
                 AkKey       *key,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_get_key_async (provider, key, NULL, ak_test_result_cb, &result);
  return ak_provider_get_key_finish (provider, ak_test_await_result (&result), error);
}

AkSecret *
ak_test_fetch_secret (AkProvider  *provider,
                      AkKey       *key,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_fetch_secret_async (provider, key, NULL, ak_test_result_cb, &result);
  return ak_provider_fetch_secret_finish (provider, ak_test_await_result (&result), error);
}

AkKey *
ak_test_restore_key (AkProvider  *provider,
                     AkKey       *key,
                     AkSecret    *secret,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_provider_restore_key_async (provider, key, secret, NULL, ak_test_result_cb, &result);
  return ak_provider_restore_key_finish (provider, ak_test_await_result (&result), error);
}
