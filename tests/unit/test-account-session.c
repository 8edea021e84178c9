/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account-session"

#include "config.h"

#include <string.h>

#include "ak-account-session.h"
#include "ak-error.h"
#include "ak-provider-factory.h"
#include "ak-secret-private.h"
#include "ak-test-provider.h"
#include "ak-test-util.h"

/* AkAccountSession without a display, against ak-test-provider: every state,
 * and every outcome of delete, restore, delete-many and create, including
 * answers lost on the way and changes that outlive their view. */

#define ALPHA   "AKIA0001ALPHA"
#define BRAVO   "AKIA0002BRAVO"
#define CHARLIE "AKIA0003CHARLIE"
#define DELTA   "AKIA0004DELTA"
#define ECHO    "AKIA0005ECHO"
#define FOXTROT "AKIA0006FOXTROT"
#define APPCRED "4f1c0ffee0000000000000000000abcd"

/* The provider the installed factory hands out. */
static AkTestProvider *factory_provider;

static AkProvider *
test_factory (AkAccount *account,
              AkSecret  *secret,
              gpointer   user_data)
{
  g_assert_nonnull (factory_provider);

  return AK_PROVIDER (g_object_ref (factory_provider));
}

/* Secrets wiped, as AkSecret itself reports it. */
typedef struct
{
  gsize len;
  guint n_wiped;
  guint n_not_zeros;
} WipeWatch;

static WipeWatch wipes;

static void
wipe_hook (const char *wiped,
           gsize       len,
           gpointer    user_data)
{
  if (len != wipes.len)
    return;

  wipes.n_wiped++;
  for (gsize i = 0; i < len; i++)
    if (wiped[i] != '\0')
      {
        wipes.n_not_zeros++;
        break;
      }
}

/* Watch the secrets of keys with IDs as long as @id. */
static void
watch_wipes (const char *id)
{
  g_autofree char *secret = ak_test_provider_dup_secret_for (id);

  wipes.len = strlen (secret);
  wipes.n_wiped = 0;
  wipes.n_not_zeros = 0;
}

typedef struct
{
  AkTestProvider   *provider;
  AkAccount        *account;
  AkAccountSession *session;
  /* Every ::key-result, in order, and every state the session went to. */
  GPtrArray        *results;
  GArray           *states;
  guint             max_operations;
} Fixture;

static void
key_result_cb (AkAccountSession *session,
               AkKeyResult      *result,
               Fixture          *f)
{
  g_ptr_array_add (f->results, g_object_ref (result));
}

static void
state_cb (AkAccountSession *session,
          GParamSpec       *pspec,
          Fixture          *f)
{
  AkAccountSessionState state = ak_account_session_get_state (session);

  g_array_append_val (f->states, state);
}

static void
n_operations_cb (AkAccountSession *session,
                 GParamSpec       *pspec,
                 Fixture          *f)
{
  f->max_operations = MAX (f->max_operations, ak_account_session_get_n_operations (session));
}

static void
watch_session (Fixture          *f,
               AkAccountSession *session)
{
  g_signal_connect (session, "key-result", G_CALLBACK (key_result_cb), f);
  g_signal_connect (session, "notify::state", G_CALLBACK (state_cb), f);
  g_signal_connect (session, "notify::n-operations", G_CALLBACK (n_operations_cb), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  AkProviderFeatures features = GPOINTER_TO_UINT (data);

  f->provider = ak_test_provider_new (features);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web",
                                "CI deploy");
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, CHARLIE, "carol", "data", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED,
                                "alice", "web", "backup job");
  factory_provider = f->provider;

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");

  f->results = g_ptr_array_new_with_free_func (g_object_unref);
  f->states = g_array_new (FALSE, FALSE, sizeof (AkAccountSessionState));

  f->session = ak_account_session_new (f->account, NULL);
  watch_session (f, f->session);

  watch_wipes (ALPHA);
}

/* The same, signed in and showing the keys. */
static void
fixture_setup_keys (Fixture       *f,
                    gconstpointer  data)
{
  fixture_setup (f, data);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (g_list_model_get_n_items (ak_account_session_get_keys (f->session)), ==, 4);
  g_array_set_size (f->states, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->session != NULL)
    {
      ak_account_session_close (f->session);
      g_assert_finalize_object (f->session);
    }
  ak_test_drain ();
  g_clear_pointer (&f->results, g_ptr_array_unref);
  g_clear_pointer (&f->states, g_array_unref);
  g_clear_object (&f->account);
  factory_provider = NULL;
  g_assert_finalize_object (f->provider);
}

static void
assert_states (Fixture                     *f,
               const AkAccountSessionState *expected,
               guint                        n)
{
  g_assert_cmpuint (f->states->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (f->states, AkAccountSessionState, i), ==, expected[i]);
}

static AkKey *
store_key (Fixture    *f,
           const char *id)
{
  AkKeyKind kind = strlen (id) == strlen (APPCRED) ? AK_KEY_KIND_APPLICATION_CREDENTIAL
                                                   : AK_KEY_KIND_EC2;

  return ak_account_session_find_key (f->session, kind, id);
}

static guint
n_keys (Fixture *f)
{
  return g_list_model_get_n_items (ak_account_session_get_keys (f->session));
}

static guint
n_deleted (Fixture *f)
{
  return g_list_model_get_n_items (ak_account_session_get_recently_deleted (f->session));
}

static AkKeyResult *
last_result (Fixture *f)
{
  g_assert_cmpuint (f->results->len, >, 0);

  return g_ptr_array_index (f->results, f->results->len - 1);
}

/* Deletes and waits for the result.
 *
 * Returns: (transfer none): the result, which f->results holds */
static AkKeyResult *
delete_key (Fixture    *f,
            AkKeyKind   kind,
            const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkKeyResult *key_result;

  ak_account_session_delete_key_async (f->session, kind, id, NULL, ak_test_result_cb, &result);
  ak_test_await_result (&result);
  key_result = ak_account_session_delete_key_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key_result);
  g_assert_true (ak_key_result_get_operation (key_result) == AK_KEY_OPERATION_DELETE);
  g_assert_cmpstr (ak_key_get_id (ak_key_result_get_key (key_result)), ==, id);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
  /* The last ::key-result is this result; f->results keeps it. */
  g_assert_true (last_result (f) == key_result);
  g_object_unref (key_result);

  return key_result;
}

static AkKeyResult *
restore_key (Fixture    *f,
             const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkKeyResult *key_result;

  ak_account_session_restore_key_async (f->session, AK_KEY_KIND_EC2, id, ak_test_result_cb,
                                        &result);
  ak_test_await_result (&result);
  key_result = ak_account_session_restore_key_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key_result);
  g_assert_true (ak_key_result_get_operation (key_result) == AK_KEY_OPERATION_RESTORE);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
  g_assert_true (last_result (f) == key_result);
  g_object_unref (key_result);

  return key_result;
}

/* States */

static void
test_no_account (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AkAccountSession) session = ak_account_session_new (NULL, NULL);

  g_assert_cmpint (ak_account_session_get_state (session), ==,
                   AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT);
  ak_account_session_start (session);
  ak_account_session_refresh (session);
  ak_test_drain ();
  g_assert_cmpint (ak_account_session_get_state (session), ==,
                   AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT);
  g_assert_null (ak_account_session_get_provider (session));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_SIGN_IN), ==, 0);
}

static void
test_sign_in_and_list (Fixture       *f,
                       gconstpointer  data)
{
  static const AkAccountSessionState expected[] = {
    AK_ACCOUNT_SESSION_STATE_LOADING,
    AK_ACCOUNT_SESSION_STATE_KEYS,
  };

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_SIGN_IN, FALSE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);

  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_SIGNING_IN);
  ak_account_session_start (f->session);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_SIGNING_IN);
  g_assert_false (ak_account_session_get_signed_in (f->session));
  /* The provider came from the installed factory. */
  g_assert_true (ak_account_session_get_provider (f->session) == AK_PROVIDER (f->provider));

  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_SIGN_IN) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_SIGN_IN);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_LOADING);
  g_assert_true (ak_account_session_get_signed_in (f->session));
  g_assert_cmpuint (n_keys (f), ==, 0);

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (n_keys (f), ==, 4);
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_null (ak_account_session_get_error (f->session));
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AkTestProvider) empty = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  g_autoptr(AkAccountSession) session =
    ak_account_session_new_signed_in (f->account, AK_PROVIDER (empty));
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKIANEW");

  g_assert_cmpint (ak_account_session_get_state (session), ==,
                   AK_ACCOUNT_SESSION_STATE_LOADING);
  ak_account_session_start (session);
  ak_test_wait_for (ak_account_session_get_state (session) == AK_ACCOUNT_SESSION_STATE_EMPTY);
  g_assert_cmpuint (ak_test_provider_get_n_calls (empty, AK_TEST_CALL_SIGN_IN), ==, 0);

  /* A key just created shows the list. */
  ak_account_session_add_key (session, key);
  g_assert_cmpint (ak_account_session_get_state (session), ==, AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (g_list_model_get_n_items (ak_account_session_get_keys (session)), ==, 1);
}

static void
test_sign_in_refused (Fixture       *f,
                      gconstpointer  data)
{
  static const AkAccountSessionState expected[] = { AK_ACCOUNT_SESSION_STATE_SIGNED_OUT };
  const GError *error;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_SIGN_IN, AK_ERROR_AUTH);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_SIGNED_OUT);

  error = ak_account_session_get_error (f->session);
  g_assert_error (error, AK_ERROR, AK_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "“Test Cloud” was refused"));
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_false (ak_account_session_get_signed_in (f->session));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 0);
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

static void
test_sign_in_error_then_retry (Fixture       *f,
                               gconstpointer  data)
{
  static const AkAccountSessionState expected[] = {
    AK_ACCOUNT_SESSION_STATE_ERROR,
    AK_ACCOUNT_SESSION_STATE_SIGNING_IN,
    AK_ACCOUNT_SESSION_STATE_LOADING,
    AK_ACCOUNT_SESSION_STATE_KEYS,
  };

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_SIGN_IN, AK_ERROR_NETWORK);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_ERROR);
  g_assert_error (ak_account_session_get_error (f->session), AK_ERROR, AK_ERROR_NETWORK);
  g_assert_false (ak_account_session_get_signed_in (f->session));

  /* Try Again signs in again; the error goes with the error state. */
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_null (ak_account_session_get_error (f->session));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_SIGN_IN), ==, 2);
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

static void
test_list_error (Fixture       *f,
                 gconstpointer  data)
{
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LIST, AK_ERROR_SERVER);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_ERROR);
  g_assert_error (ak_account_session_get_error (f->session), AK_ERROR, AK_ERROR_SERVER);
  /* Signed in all the same: Try Again only lists. */
  g_assert_true (ak_account_session_get_signed_in (f->session));
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_SIGN_IN), ==, 1);
}

static void
refresh_failed_cb (AkAccountSession *session,
                   const GError     *error,
                   GError          **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) failed = NULL;

  g_signal_connect (f->session, "refresh-failed", G_CALLBACK (refresh_failed_cb), &failed);

  /* A refresh keeps the keys in sight. */
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, DELTA, "dave", "web", NULL);
  ak_account_session_refresh (f->session);
  g_assert_true (ak_account_session_get_refreshing (f->session));
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_KEYS);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (!ak_account_session_get_refreshing (f->session));
  g_assert_cmpuint (n_keys (f), ==, 5);

  /* A refresh that fails says so, and the keys stay. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LIST, AK_ERROR_NETWORK);
  ak_account_session_refresh (f->session);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (failed != NULL);
  g_assert_error (failed, AK_ERROR, AK_ERROR_NETWORK);
  g_assert_false (ak_account_session_get_refreshing (f->session));
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (n_keys (f), ==, 5);
  g_assert_cmpuint (f->states->len, ==, 0);

  /* A refused refresh signs out. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LIST, AK_ERROR_AUTH);
  ak_account_session_refresh (f->session);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_SIGNED_OUT);
}

static void
test_cancel_loading (Fixture       *f,
                     gconstpointer  data)
{
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_LOADING);

  ak_account_session_cancel_loading (f->session);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_ERROR);
  g_assert_error (ak_account_session_get_error (f->session), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The request itself was cancelled, not only forgotten. */
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 0);
  ak_test_drain ();
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_ERROR);
  g_assert_cmpuint (n_keys (f), ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Entries of a list that could not be read are shown apart, never as keys,
 * and go with the next list that has none. */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *unreadable = ak_account_session_get_unreadable (f->session);
  g_autoptr(AkUnreadableEntry) entry = NULL;
  g_autoptr(GError) failed = NULL;
  guint n_notifies = 0;
  guint n_unreadable = 0;

  g_signal_connect (f->session, "notify::n-unreadable", G_CALLBACK (count_notify_cb),
                    &n_notifies);
  g_signal_connect (f->session, "refresh-failed", G_CALLBACK (refresh_failed_cb), &failed);
  g_assert_true (g_list_model_get_item_type (unreadable) == AK_TYPE_UNREADABLE_ENTRY);
  g_assert_cmpuint (ak_account_session_get_n_unreadable (f->session), ==, 0);

  ak_test_provider_add_unreadable (f->provider, AK_KEY_KIND_EC2, 2,
                                   "The answer’s “credentials[2].access” is not valid.");
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_account_session_get_n_unreadable (f->session) == 1);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_object_get (f->session, "n-unreadable", &n_unreadable, NULL);
  g_assert_cmpuint (n_unreadable, ==, 1);

  entry = g_list_model_get_item (unreadable, 0);
  g_assert_cmpuint (ak_unreadable_entry_get_position (entry), ==, 2);
  g_assert_cmpstr (ak_unreadable_entry_get_reason (entry), ==,
                   "The answer’s “credentials[2].access” is not valid.");
  /* The valid keys are all there, and nothing else. */
  g_assert_cmpuint (n_keys (f), ==, 4);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_KEYS);

  /* A refresh that fails leaves them, as it leaves the keys. */
  ak_test_provider_clear_unreadable (f->provider);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LIST, AK_ERROR_NETWORK);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (failed != NULL);
  g_assert_cmpuint (ak_account_session_get_n_unreadable (f->session), ==, 1);

  /* The next good list has none: they go. */
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_account_session_get_n_unreadable (f->session) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (unreadable), ==, 0);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpuint (n_keys (f), ==, 4);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);

  /* Other people's keys are another list: the one in flight is cancelled,
   * the keys in sight go, and the new list asks for every user's. */
  ak_account_session_set_scope (f->session, AK_KEY_SCOPE_ALL_USERS);
  g_assert_cmpint (ak_account_session_get_scope (f->session), ==, AK_KEY_SCOPE_ALL_USERS);
  g_assert_cmpuint (n_keys (f), ==, 0);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_LOADING);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 3);
  g_assert_cmpint (ak_test_provider_get_last_scope (f->provider), ==, AK_KEY_SCOPE_ALL_USERS);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (ak_account_session_get_state (f->session) ==
                    AK_ACCOUNT_SESSION_STATE_KEYS);
}

static void
test_scope_without_feature (Fixture       *f,
                            gconstpointer  data)
{
  ak_account_session_set_scope (f->session, AK_KEY_SCOPE_ALL_USERS);
  ak_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 1);
  g_assert_cmpuint (n_keys (f), ==, 4);

  /* A list asks only for what the account may see. */
  ak_account_session_refresh (f->session);
  ak_test_wait_for (!ak_account_session_get_refreshing (f->session));
  g_assert_cmpint (ak_test_provider_get_last_scope (f->provider), ==, AK_KEY_SCOPE_MINE);
}

/* A scope chosen before the start is what the first list asks for; it
 * does not list twice. */
static void
test_scope_before_start (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AkAccountSession) session =
    ak_account_session_new_signed_in (f->account, AK_PROVIDER (f->provider));

  ak_account_session_set_scope (session, AK_KEY_SCOPE_ALL_USERS);
  ak_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 0);
  ak_account_session_start (session);
  ak_test_wait_for (ak_account_session_get_state (session) == AK_ACCOUNT_SESSION_STATE_KEYS);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 1);
  g_assert_cmpint (ak_test_provider_get_last_scope (f->provider), ==, AK_KEY_SCOPE_ALL_USERS);
}

/* Delete */

static void
test_delete_done (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *message = NULL;
  AkKeyResult *result;

  result = delete_key (f, AK_KEY_KIND_EC2, BRAVO);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_false (ak_key_result_get_settled (result));
  g_assert_null (ak_key_result_get_error (result));
  message = ak_key_result_dup_message (result);
  g_assert_cmpstr (message, ==, "Access key " BRAVO " deleted");

  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  g_assert_null (store_key (f, BRAVO));
  g_assert_cmpuint (n_keys (f), ==, 3);
  g_assert_cmpuint (f->results->len, ==, 1);
  g_assert_cmpuint (f->max_operations, ==, 1);
  /* Without RESTORE there is no secret to keep, and no Undo. */
  g_assert_cmpuint (n_deleted (f), ==, 0);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_FETCH_SECRET), ==, 0);
}

static void
test_delete_last_key_empties (Fixture       *f,
                              gconstpointer  data)
{
  static const AkAccountSessionState expected[] = { AK_ACCOUNT_SESSION_STATE_EMPTY };

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  delete_key (f, AK_KEY_KIND_EC2, BRAVO);
  delete_key (f, AK_KEY_KIND_EC2, CHARLIE);
  g_assert_cmpuint (f->states->len, ==, 0);
  delete_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED);
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

static void
test_delete_already_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *message = NULL;
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NOT_FOUND);
  result = delete_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_ALREADY_GONE);
  message = ak_key_result_dup_message (result);
  g_assert_cmpstr (message, ==, "Application credential " APPCRED " was already deleted");
  g_assert_null (store_key (f, APPCRED));
}

static void
test_delete_not_allowed (Fixture       *f,
                         gconstpointer  data)
{
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_PERMISSION);
  result = delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_NOT_ALLOWED);
  g_assert_error (ak_key_result_get_error (result), AK_ERROR, AK_ERROR_PERMISSION);
  g_assert_false (ak_key_result_can_retry (result));

  /* The key stays, no longer marked as being deleted. */
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_false (ak_key_get_deleting (store_key (f, ALPHA)));
  g_assert_false (ak_account_session_is_deleting (f->session, AK_KEY_KIND_EC2, ALPHA));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
}

static void
test_delete_failed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *message = NULL;
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_SERVER);
  result = delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_FAILED);
  g_assert_true (ak_key_result_can_retry (result));
  message = ak_key_result_dup_message (result);
  g_assert_cmpstr (message, ==, "Access key " ALPHA " was not deleted: the server had a problem");
  g_assert_nonnull (store_key (f, ALPHA));
  /* A plain failure is no lost answer: nobody asked the server again. */
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_GET), ==, 0);

  /* Retry deletes it. */
  result = delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
}

/* The delete went through on the server, but its answer was lost. */
static void
test_delete_uncertain_deleted (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *checking_message = NULL;
  AkKeyResult *checking;
  AkKeyResult *result;

  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
  result = delete_key (f, AK_KEY_KIND_EC2, CHARLIE);

  /* First "may have been deleted — checking", then what the server said. */
  g_assert_cmpuint (f->results->len, ==, 2);
  checking = g_ptr_array_index (f->results, 0);
  g_assert_cmpint (ak_key_result_get_outcome (checking), ==, AK_KEY_OUTCOME_CHECKING);
  g_assert_false (ak_key_result_is_final (checking));
  checking_message = ak_key_result_dup_message (checking);
  g_assert_cmpstr (checking_message, ==,
                   "Access key " CHARLIE " may have been deleted — checking…");

  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_true (ak_key_result_get_settled (result));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_GET), ==, 1);
  g_assert_null (store_key (f, CHARLIE));
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, CHARLIE));
}

/* The answer was lost and the delete never reached the server. */
static void
test_delete_uncertain_not_deleted (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *message = NULL;
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);
  result = delete_key (f, AK_KEY_KIND_EC2, CHARLIE);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_cmpint (ak_key_result_get_outcome (g_ptr_array_index (f->results, 0)), ==,
                   AK_KEY_OUTCOME_CHECKING);

  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_FAILED);
  g_assert_true (ak_key_result_get_settled (result));
  g_assert_error (ak_key_result_get_error (result), AK_ERROR, AK_ERROR_NETWORK);
  message = ak_key_result_dup_message (result);
  g_assert_cmpstr (message, ==,
                   "Access key " CHARLIE " was not deleted: the server could not be reached");
  /* The store shows what the server has. */
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_false (ak_key_get_deleting (store_key (f, CHARLIE)));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, CHARLIE));
}

/* Neither the delete's answer nor the check came back. */
static void
test_delete_uncertain_unknown (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *message = NULL;
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_GET, AK_ERROR_NETWORK);
  result = delete_key (f, AK_KEY_KIND_EC2, CHARLIE);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_UNKNOWN);
  g_assert_false (ak_key_result_get_settled (result));
  g_assert_true (ak_key_result_can_retry (result));
  message = ak_key_result_dup_message (result);
  g_assert_nonnull (strstr (message, "may have been deleted"));
  g_assert_nonnull (store_key (f, CHARLIE));
}

static void
test_delete_one_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(AkKeyResult) result = NULL;
  g_autoptr(AkKeyResult) none = NULL;
  g_autoptr(GError) error = NULL;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_account_session_delete_key_async (f->session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                       ak_test_result_cb, &first);
  g_assert_true (ak_key_get_deleting (store_key (f, ALPHA)));
  g_assert_true (ak_account_session_is_deleting (f->session, AK_KEY_KIND_EC2, ALPHA));
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 1);

  /* A second click sends nothing. */
  ak_account_session_delete_key_async (f->session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                       ak_test_result_cb, &second);
  ak_test_await_result (&second);
  none = ak_account_session_delete_key_finish (f->session, second, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (none);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_test_await_result (&first);
  result = ak_account_session_delete_key_finish (f->session, first, NULL);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
}

/* The list is refreshed with new objects while the delete runs: the answer
 * finds the key by its identity. */
static void
test_delete_by_identity (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyResult) key_result = NULL;
  AkKey *before = store_key (f, BRAVO);

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_account_session_delete_key_async (f->session, AK_KEY_KIND_EC2, BRAVO, NULL,
                                       ak_test_result_cb, &result);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (store_key (f, BRAVO) != NULL && store_key (f, BRAVO) != before);
  /* The new object shows the delete on its way too. */
  g_assert_true (ak_key_get_deleting (store_key (f, BRAVO)));

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_test_await_result (&result);
  key_result = ak_account_session_delete_key_finish (f->session, result, NULL);
  g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_null (store_key (f, BRAVO));
  g_assert_cmpuint (n_keys (f), ==, 3);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 0), ==, BRAVO);
}

/* A list read on the server before a delete finished must not bring the
 * key back; one started after it is the truth. */
static void
test_delete_stale_list (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyResult) key_result = NULL;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_account_session_delete_key_async (f->session, AK_KEY_KIND_EC2, BRAVO, NULL,
                                       ak_test_result_cb, &result);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_test_await_result (&result);
  key_result = ak_account_session_delete_key_finish (f->session, result, NULL);
  g_assert_null (store_key (f, BRAVO));

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (!ak_account_session_get_refreshing (f->session));
  g_assert_null (store_key (f, BRAVO));

  ak_account_session_refresh (f->session);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_test_wait_for (store_key (f, BRAVO) != NULL);
}

static void
test_delete_sign_in_key (Fixture       *f,
                         gconstpointer  data)
{
  AkKeyResult *result;

  ak_account_set_auth_kind (f->account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (f->account, APPCRED);
  g_assert_true (ak_account_session_is_sign_in_key (f->session,
                                                    AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED));
  g_assert_false (ak_account_session_is_sign_in_key (f->session, AK_KEY_KIND_EC2, ALPHA));

  result = delete_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_SIGNED_OUT);
  g_assert_nonnull (strstr (ak_account_session_get_error (f->session)->message,
                            "was deleted, so the app is signed out"));
  g_assert_false (ak_account_session_get_signed_in (f->session));
}

/* The view drops the session while the delete is on its way: the delete is
 * not cancelled, it is reported, and the count of changes in flight goes
 * back to 0 before the session goes. */
static void
test_delete_outlives_view (Fixture       *f,
                           gconstpointer  data)
{
  AkAccountSession *session = g_steal_pointer (&f->session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyResult) key_result = NULL;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_FETCH_SECRET, FALSE);
  ak_account_session_delete_key_async (session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                       ak_test_result_cb, &result);
  g_assert_cmpuint (ak_account_session_get_n_operations (session), ==, 1);

  /* The view goes. */
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  ak_account_session_close (session);
  g_object_unref (session);
  g_assert_nonnull (session);

  /* The secret is fetched, the delete sent, and its answer comes. */
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_FETCH_SECRET) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_FETCH_SECRET);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE) == 1);
  g_assert_cmpuint (f->results->len, ==, 0);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_test_wait_for (f->results->len == 1);
  g_assert_nonnull (session);
  g_assert_cmpuint (ak_account_session_get_n_operations (session), ==, 0);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_cmpint (ak_key_result_get_outcome (last_result (f)), ==, AK_KEY_OUTCOME_DONE);
  /* No view to offer Undo: the secret was not kept. */
  g_assert_cmpuint (g_list_model_get_n_items (ak_account_session_get_recently_deleted (session)),
                    ==, 0);

  ak_test_await_result (&result);
  key_result = ak_account_session_delete_key_finish (session, result, NULL);
  g_assert_true (key_result == last_result (f));
  g_clear_object (&result);

  /* Nothing holds the session any more, and the secret was wiped. */
  ak_test_wait_for (session == NULL);
  ak_test_drain ();
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
  g_assert_cmpuint (wipes.n_not_zeros, ==, 0);
}

/* Restore */

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AkDeletedKey) entry = NULL;
  g_autofree char *secret = ak_test_provider_dup_secret_for (ALPHA);
  g_autofree char *message = NULL;
  AkKeyResult *result;

  /* The secret is fetched before the delete. */
  result = delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_FETCH_SECRET), ==, 1);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_null (ak_test_provider_get_secret (f->provider, ALPHA));

  g_assert_cmpuint (n_deleted (f), ==, 1);
  entry = g_list_model_get_item (ak_account_session_get_recently_deleted (f->session), 0);
  g_assert_cmpstr (ak_key_get_id (ak_deleted_key_get_key (entry)), ==, ALPHA);
  g_assert_true (ak_deleted_key_get_restorable (entry));
  g_assert_nonnull (ak_deleted_key_get_deleted_at (entry));
  g_assert_cmpuint (wipes.n_wiped, ==, 0);

  /* Restore: the same ID and secret on the server, the key back in the list,
   * the entry gone and its secret wiped. */
  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  message = ak_key_result_dup_message (result);
  g_assert_cmpstr (message, ==, "Access key " ALPHA " restored");
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_cmpstr (ak_test_provider_get_secret (f->provider, ALPHA), ==, secret);
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_cmpuint (n_deleted (f), ==, 0);
  g_assert_false (ak_deleted_key_get_restorable (entry));
  ak_test_drain ();
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
  g_assert_cmpuint (wipes.n_not_zeros, ==, 0);

  /* It went: there is nothing to restore again. */
  {
    g_autoptr(GAsyncResult) again = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(AkKeyResult) none = NULL;

    ak_account_session_restore_key_async (f->session, AK_KEY_KIND_EC2, ALPHA,
                                          ak_test_result_cb, &again);
    ak_test_await_result (&again);
    none = ak_account_session_restore_key_finish (f->session, again, &error);
    g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
    g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_RESTORE), ==, 1);
  }
}

static void
test_restore_failed_then_retry (Fixture       *f,
                                gconstpointer  data)
{
  AkKeyResult *result;

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_RESTORE, AK_ERROR_SERVER);
  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_FAILED);
  g_assert_null (store_key (f, ALPHA));
  /* The entry and its secret stay for another try. */
  g_assert_cmpuint (n_deleted (f), ==, 1);
  ak_test_drain ();
  g_assert_cmpuint (wipes.n_wiped, ==, 0);

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_RESTORE, AK_ERROR_PERMISSION);
  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_NOT_ALLOWED);
  g_assert_cmpuint (n_deleted (f), ==, 1);

  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpuint (n_deleted (f), ==, 0);
  ak_test_drain ();
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
}

static void
test_restore_lost_answer (Fixture       *f,
                          gconstpointer  data)
{
  AkKeyResult *result;

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_ptr_array_set_size (f->results, 0);

  /* Restored on the server, the answer lost: the check finds it. */
  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_RESTORE, AK_ERROR_TIMEOUT);
  result = restore_key (f, ALPHA);
  g_assert_cmpuint (f->results->len, ==, 2);
  g_assert_cmpint (ak_key_result_get_outcome (g_ptr_array_index (f->results, 0)), ==,
                   AK_KEY_OUTCOME_CHECKING);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_true (ak_key_result_get_settled (result));
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_cmpuint (n_deleted (f), ==, 0);
}

static void
test_restore_lost_not_restored (Fixture       *f,
                                gconstpointer  data)
{
  AkKeyResult *result;

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_RESTORE, AK_ERROR_NETWORK);
  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_FAILED);
  g_assert_true (ak_key_result_get_settled (result));
  g_assert_null (store_key (f, ALPHA));
  g_assert_cmpuint (n_deleted (f), ==, 1);
}

/* The server has the key again already (an earlier answer lost, say). */
static void
test_restore_conflict (Fixture       *f,
                       gconstpointer  data)
{
  AkKeyResult *result;

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  result = restore_key (f, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_true (ak_key_result_get_settled (result));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_GET), ==, 1);
  g_assert_cmpuint (n_deleted (f), ==, 0);
}

static void
test_restore_not_for_application_credentials (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkKeyResult) none = NULL;

  delete_key (f, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_FETCH_SECRET), ==, 0);
  g_assert_cmpuint (n_deleted (f), ==, 0);

  ak_account_session_restore_key_async (f->session, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                        APPCRED, ak_test_result_cb, &result);
  ak_test_await_result (&result);
  none = ak_account_session_restore_key_finish (f->session, result, &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_RESTORE), ==, 0);
}

/* What the delete question promises: a key is restorable exactly when its
 * delete leaves an entry that can be restored. */
static void
test_can_restore (Fixture       *f,
                  gconstpointer  data)
{
  gboolean restore = (GPOINTER_TO_UINT (data) & AK_PROVIDER_FEATURE_RESTORE) != 0;

  g_assert_false (ak_account_session_can_restore (f->session,
                                                  AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED));
  g_assert_cmpint (ak_account_session_can_restore (f->session, AK_KEY_KIND_EC2, ALPHA),
                   ==, restore);

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpuint (n_deleted (f), ==, restore ? 1 : 0);

  /* Without the feature (a sign-in with an application credential, which
   * Keystone refuses EC2 changes), no EC2 key is. */
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_CREATE_EC2);
  g_assert_false (ak_account_session_can_restore (f->session, AK_KEY_KIND_EC2, BRAVO));
}

/* Fetching the secret fails: nothing was sent, so nothing was deleted. */
static void
test_fetch_secret_fails (Fixture       *f,
                         gconstpointer  data)
{
  AkKeyResult *result;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_FETCH_SECRET, AK_ERROR_NETWORK);
  result = delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_FAILED);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_FETCH_SECRET, AK_ERROR_NOT_FOUND);
  result = delete_key (f, AK_KEY_KIND_EC2, BRAVO);
  g_assert_cmpint (ak_key_result_get_outcome (result), ==, AK_KEY_OUTCOME_ALREADY_GONE);
  g_assert_null (store_key (f, BRAVO));
}

/* Secrets kept for Undo are wiped on sign-out and when the session goes. */
static void
test_secrets_wiped_on_sign_out (Fixture       *f,
                                gconstpointer  data)
{
  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  g_assert_cmpuint (n_deleted (f), ==, 1);
  ak_test_drain ();
  g_assert_cmpuint (wipes.n_wiped, ==, 0);

  ak_account_session_sign_out (f->session, NULL);
  g_assert_cmpint (ak_account_session_get_state (f->session), ==,
                   AK_ACCOUNT_SESSION_STATE_SIGNED_OUT);
  g_assert_cmpuint (n_deleted (f), ==, 0);
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
  g_assert_cmpuint (wipes.n_not_zeros, ==, 0);
}

static void
test_secrets_wiped_on_dispose (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AkDeletedKey) entry = NULL;

  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  ak_test_drain ();
  /* Someone (a Recently Deleted row) still holds the entry. */
  entry = g_list_model_get_item (ak_account_session_get_recently_deleted (f->session), 0);
  g_assert_cmpuint (wipes.n_wiped, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
  g_assert_cmpuint (wipes.n_not_zeros, ==, 0);
  g_assert_false (ak_deleted_key_get_restorable (entry));
}

static void
test_secrets_wiped_on_close (Fixture       *f,
                             gconstpointer  data)
{
  delete_key (f, AK_KEY_KIND_EC2, ALPHA);
  ak_test_drain ();
  ak_account_session_close (f->session);
  g_assert_cmpuint (n_deleted (f), ==, 0);
  g_assert_cmpuint (wipes.n_wiped, ==, 1);
}

/* Delete many */

static GPtrArray *
keys_for (Fixture     *f,
          const char **ids)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (keys, g_object_ref (store_key (f, ids[i])));

  return keys;
}

static void
test_delete_many (Fixture       *f,
                  gconstpointer  data)
{
  const char *ids[] = { ALPHA, BRAVO, CHARLIE, DELTA, ECHO, FOXTROT, NULL };
  static const AkKeyOutcome expected[] = {
    AK_KEY_OUTCOME_DONE,
    AK_KEY_OUTCOME_ALREADY_GONE,
    AK_KEY_OUTCOME_NOT_ALLOWED,
    AK_KEY_OUTCOME_FAILED,
    AK_KEY_OUTCOME_DONE,
    AK_KEY_OUTCOME_FAILED,
  };
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) retried = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, DELTA, "dave", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ECHO, "erin", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, FOXTROT, "frank", "web", NULL);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (n_keys (f) == 7);
  keys = keys_for (f, ids);

  /* One outcome of each kind; the fifth and sixth start only as earlier
   * ones finish. */
  ak_test_provider_push_result (f->provider, AK_TEST_CALL_DELETE, NULL);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NOT_FOUND);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_PERMISSION);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_SERVER);
  ak_test_provider_push_result (f->provider, AK_TEST_CALL_DELETE, NULL);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);

  ak_account_session_delete_keys_async (f->session, keys, ak_test_result_cb, &result);
  ak_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE) == 4);
  ak_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 4);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 4);

  for (guint sent = 5; sent <= 6; sent++)
    {
      ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
      ak_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE) == sent);
      ak_test_drain ();
      g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 4);
    }
  g_assert_cmpuint (f->max_operations, ==, 4);

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, TRUE);
  ak_test_await_result (&result);
  results = ak_account_session_delete_keys_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < results->len; i++)
    {
      AkKeyResult *key_result = g_ptr_array_index (results, i);

      g_assert_cmpstr (ak_key_get_id (ak_key_result_get_key (key_result)), ==, ids[i]);
      g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, expected[i]);
    }
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
  g_assert_cmpuint (n_keys (f), ==, 4);
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_nonnull (store_key (f, DELTA));
  g_assert_nonnull (store_key (f, FOXTROT));

  /* Retry sends only the failed two. */
  g_clear_object (&result);
  ak_account_session_retry_failed_async (f->session, results, ak_test_result_cb, &result);
  ak_test_await_result (&result);
  retried = ak_account_session_retry_failed_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 8);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 6), !=,
                   ak_test_provider_get_deleted_id (f->provider, 7));
  g_assert_cmpuint (retried->len, ==, results->len);
  for (guint i = 0; i < retried->len; i++)
    {
      AkKeyResult *key_result = g_ptr_array_index (retried, i);

      if (expected[i] == AK_KEY_OUTCOME_FAILED)
        g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_DONE);
      else
        g_assert_true (key_result == g_ptr_array_index (results, i));
    }
  g_assert_null (store_key (f, DELTA));
  g_assert_null (store_key (f, FOXTROT));
  g_assert_nonnull (store_key (f, CHARLIE));
}

/* Create */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  ak_account_session_create_key_async (f->session, AK_KEY_KIND_EC2, NULL, NULL, NULL,
                                       ak_test_result_cb, &result);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 1);
  ak_test_await_result (&result);
  key = ak_account_session_create_key_finish (f->session, result, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpstr (ak_secret_get (secret), ==, AK_TEST_PROVIDER_SECRET);
  g_assert_true (store_key (f, ak_key_get_id (key)) != NULL);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
  g_assert_cmpuint (f->results->len, ==, 0);
}

static void
test_create_lost_answer (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AkKey *created;

  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_TIMEOUT);
  ak_account_session_create_key_async (f->session, AK_KEY_KIND_EC2, NULL, NULL, NULL,
                                       ak_test_result_cb, &result);
  ak_test_await_result (&result);
  key = ak_account_session_create_key_finish (f->session, result, &secret, &error);
  g_assert_null (key);
  g_assert_null (secret);
  g_assert_error (error, AK_ERROR, AK_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "its secret can no longer be shown"));

  /* The key the server made is reported, and listed. */
  g_assert_cmpuint (f->results->len, ==, 1);
  g_assert_cmpint (ak_key_result_get_outcome (last_result (f)), ==, AK_KEY_OUTCOME_SECRET_LOST);
  created = ak_key_result_get_key (last_result (f));
  g_assert_true (g_str_has_prefix (ak_key_get_id (created), "AKTEST"));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ak_key_get_id (created)));
  g_assert_nonnull (store_key (f, ak_key_get_id (created)));
  message = ak_key_result_dup_message (last_result (f));
  g_assert_nonnull (strstr (message, ak_key_get_id (created)));
  g_assert_cmpuint (n_keys (f), ==, 5);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
}

static void
test_create_lost_not_created (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autoptr(GError) error = NULL;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_NETWORK);
  ak_account_session_create_key_async (f->session, AK_KEY_KIND_EC2, NULL, NULL, NULL,
                                       ak_test_result_cb, &result);
  ak_test_await_result (&result);
  key = ak_account_session_create_key_finish (f->session, result, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, AK_ERROR, AK_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The server could not be reached. Check your internet "
                                       "connection and the server address.");
  /* It was checked, and it was not there. */
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 2);
  g_assert_cmpuint (f->results->len, ==, 0);
  g_assert_cmpuint (n_keys (f), ==, 4);
  g_assert_cmpuint (ak_account_session_get_n_operations (f->session), ==, 0);
}

/* The keys of a first load come flagged: the list arrives as it is read
 * (progressively), and each key has its flags when it is in the store. */
static void
test_flags_first_load (Fixture       *f,
                       gconstpointer  data)
{
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, DELTA, "alice", "web", NULL);
  ak_account_session_start (f->session);
  ak_test_wait_for (ak_account_session_get_state (f->session) == AK_ACCOUNT_SESSION_STATE_KEYS);

  /* Alice has three keys, more than she needs; Bob one. */
  g_assert_cmpuint (ak_key_get_flags (store_key (f, ALPHA)), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (store_key (f, DELTA)), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (store_key (f, APPCRED)), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (store_key (f, BRAVO)), ==, AK_KEY_FLAGS_NONE);
}

/* The session flags its keys: a list, a key added or deleted, and a new
 * number of days for "expires soon" each work them out again. */
static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AkKey) extra = ak_key_new (AK_KEY_KIND_EC2, DELTA);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_40_days = g_date_time_add_days (now, 40);
  AkKey *alpha = store_key (f, ALPHA);
  AkKey *appcred = store_key (f, APPCRED);
  AkKey *bravo = store_key (f, BRAVO);

  /* Alice has two keys: enough. */
  g_assert_cmpuint (ak_key_get_flags (alpha), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (appcred), ==, AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_account_session_get_expires_soon_days (f->session), ==, 30);

  /* A third, just created: all three are more than she needs. */
  ak_key_set_user_id (extra, ak_key_get_user_id (alpha));
  ak_account_session_add_key (f->session, extra);
  g_assert_cmpuint (ak_key_get_flags (alpha), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (appcred), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (extra), ==, AK_KEY_FLAGS_TOO_MANY);
  g_assert_cmpuint (ak_key_get_flags (bravo), ==, AK_KEY_FLAGS_NONE);

  /* Deleted again: two left, no flag. */
  ak_test_provider_add_key (f->provider, extra);
  delete_key (f, AK_KEY_KIND_EC2, DELTA);
  ak_test_wait_for (ak_key_get_flags (alpha) == AK_KEY_FLAGS_NONE);
  g_assert_cmpuint (ak_key_get_flags (appcred), ==, AK_KEY_FLAGS_NONE);

  /* 40 days away is soon only once the setting says 45. */
  ak_key_set_expires_at (bravo, in_40_days);
  ak_account_session_set_expires_soon_days (f->session, 45);
  g_assert_cmpuint (ak_key_get_flags (bravo), ==, AK_KEY_FLAGS_EXPIRES_SOON);
  ak_account_session_set_expires_soon_days (f->session, 30);
  g_assert_cmpuint (ak_key_get_flags (bravo), ==, AK_KEY_FLAGS_NONE);

  /* A refresh keeps working them out. */
  ak_account_session_set_expires_soon_days (f->session, 45);
  ak_account_session_refresh (f->session);
  ak_test_wait_for (!ak_account_session_get_refreshing (f->session));
  g_assert_cmpuint (ak_key_get_flags (store_key (f, ALPHA)), ==, AK_KEY_FLAGS_NONE);
}

/* The owner of a key, through the session: asked once per user for the
 * session, a refusal kept as what could not be read, a failure that may
 * pass asked again. */
static AkKeyDetails *
lookup (Fixture    *f,
        const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkKeyDetails *details;

  ak_account_session_lookup_key_async (f->session, store_key (f, id), NULL, ak_test_result_cb,
                                       &result);
  details = ak_account_session_lookup_key_finish (f->session, ak_test_await_result (&result),
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);

  return details;
}

static guint
n_lookups (Fixture *f)
{
  return ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP);
}

static void
test_lookup_cached (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AkDirectoryEntry) alice = NULL;
  g_autoptr(AkKeyDetails) alpha = NULL;
  g_autoptr(AkKeyDetails) appcred = NULL;
  g_autoptr(AkKeyDetails) bravo = NULL;
  g_autoptr(AkKeyDetails) bravo_again = NULL;
  g_autoptr(AkKeyDetails) charlie = NULL;
  g_autoptr(AkKeyDetails) charlie_again = NULL;

  alice = ak_directory_entry_new (AK_DIRECTORY_KIND_USER, "uid-alice", "Alice A.", "default",
                                  TRUE);
  ak_test_provider_add_directory_entry (f->provider, alice);

  /* Two keys of one owner: one lookup. The keys name no project ID. */
  alpha = lookup (f, ALPHA);
  g_assert_cmpstr (ak_directory_entry_get_name (ak_key_details_get_owner (alpha)), ==,
                   "Alice A.");
  g_assert_null (ak_key_details_get_project (alpha));
  g_assert_null (ak_key_details_get_project_error (alpha));
  appcred = lookup (f, APPCRED);
  g_assert_cmpstr (ak_directory_entry_get_id (ak_key_details_get_owner (appcred)), ==,
                   "uid-alice");
  g_assert_cmpuint (n_lookups (f), ==, 1);

  /* Refused: kept, not asked again. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LOOKUP, AK_ERROR_PERMISSION);
  bravo = lookup (f, BRAVO);
  g_assert_null (ak_key_details_get_owner (bravo));
  g_assert_error (ak_key_details_get_owner_error (bravo), AK_ERROR, AK_ERROR_PERMISSION);
  bravo_again = lookup (f, BRAVO);
  g_assert_error (ak_key_details_get_owner_error (bravo_again), AK_ERROR, AK_ERROR_PERMISSION);
  g_assert_cmpuint (n_lookups (f), ==, 2);

  /* The network failed: asked again next time. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LOOKUP, AK_ERROR_NETWORK);
  charlie = lookup (f, CHARLIE);
  g_assert_error (ak_key_details_get_owner_error (charlie), AK_ERROR, AK_ERROR_NETWORK);
  charlie_again = lookup (f, CHARLIE);
  g_assert_error (ak_key_details_get_owner_error (charlie_again), AK_ERROR,
                  AK_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_lookups (f), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ak_provider_factory_install (test_factory, NULL, NULL);
  _ak_secret_set_wipe_hook (wipe_hook, NULL);

#define NONE GUINT_TO_POINTER (AK_PROVIDER_FEATURE_NONE)
#define RESTORE GUINT_TO_POINTER (AK_PROVIDER_FEATURE_RESTORE)
#define ALL_USERS GUINT_TO_POINTER (AK_PROVIDER_FEATURE_ALL_USERS)
#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
#define ADD_KEYS(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup_keys, func, fixture_teardown)

  ADD ("/session/state/no-account", test_no_account, NONE);
  ADD ("/session/state/sign-in-and-list", test_sign_in_and_list, NONE);
  ADD ("/session/state/empty", test_empty, NONE);
  ADD ("/session/state/sign-in-refused", test_sign_in_refused, NONE);
  ADD ("/session/state/sign-in-error", test_sign_in_error_then_retry, NONE);
  ADD ("/session/state/list-error", test_list_error, NONE);
  ADD ("/session/state/cancel-loading", test_cancel_loading, NONE);
  ADD_KEYS ("/session/state/refresh", test_refresh, NONE);
  ADD_KEYS ("/session/flags", test_flags, NONE);
  ADD ("/session/flags/first-load", test_flags_first_load, NONE);
  ADD_KEYS ("/session/state/unreadable", test_unreadable, NONE);
  ADD_KEYS ("/session/scope/switch", test_scope, ALL_USERS);
  ADD_KEYS ("/session/scope/without-feature", test_scope_without_feature, NONE);
  ADD ("/session/scope/before-start", test_scope_before_start, ALL_USERS);

  ADD_KEYS ("/session/delete/done", test_delete_done, NONE);
  ADD_KEYS ("/session/delete/last-key-empties", test_delete_last_key_empties, NONE);
  ADD_KEYS ("/session/delete/already-gone", test_delete_already_gone, NONE);
  ADD_KEYS ("/session/delete/not-allowed", test_delete_not_allowed, NONE);
  ADD_KEYS ("/session/delete/failed", test_delete_failed, NONE);
  ADD_KEYS ("/session/delete/uncertain-deleted", test_delete_uncertain_deleted, NONE);
  ADD_KEYS ("/session/delete/uncertain-not-deleted", test_delete_uncertain_not_deleted, NONE);
  ADD_KEYS ("/session/delete/uncertain-unknown", test_delete_uncertain_unknown, NONE);
  ADD_KEYS ("/session/delete/one-request", test_delete_one_request, NONE);
  ADD_KEYS ("/session/delete/by-identity", test_delete_by_identity, NONE);
  ADD_KEYS ("/session/delete/stale-list", test_delete_stale_list, NONE);
  ADD_KEYS ("/session/delete/sign-in-key", test_delete_sign_in_key, NONE);
  ADD_KEYS ("/session/delete/outlives-view", test_delete_outlives_view, RESTORE);
  ADD_KEYS ("/session/delete/fetch-secret-fails", test_fetch_secret_fails, RESTORE);

  ADD_KEYS ("/session/restore/done", test_restore, RESTORE);
  ADD_KEYS ("/session/restore/failed-then-retry", test_restore_failed_then_retry, RESTORE);
  ADD_KEYS ("/session/restore/lost-answer", test_restore_lost_answer, RESTORE);
  ADD_KEYS ("/session/restore/lost-not-restored", test_restore_lost_not_restored, RESTORE);
  ADD_KEYS ("/session/restore/conflict", test_restore_conflict, RESTORE);
  ADD_KEYS ("/session/restore/can-restore", test_can_restore, RESTORE);
  ADD_KEYS ("/session/restore/can-restore-without-feature", test_can_restore, NONE);
  ADD_KEYS ("/session/restore/not-application-credentials",
            test_restore_not_for_application_credentials, RESTORE);
  ADD_KEYS ("/session/secrets/wiped-on-sign-out", test_secrets_wiped_on_sign_out, RESTORE);
  ADD_KEYS ("/session/secrets/wiped-on-dispose", test_secrets_wiped_on_dispose, RESTORE);
  ADD_KEYS ("/session/secrets/wiped-on-close", test_secrets_wiped_on_close, RESTORE);

  ADD_KEYS ("/session/delete-many/outcomes-and-retry", test_delete_many, NONE);

  ADD_KEYS ("/session/create/done", test_create, NONE);
  ADD_KEYS ("/session/create/lost-answer", test_create_lost_answer, NONE);
  ADD_KEYS ("/session/create/lost-not-created", test_create_lost_not_created, NONE);
  ADD_KEYS ("/session/lookup/cached", test_lookup_cached, NONE);

#undef ADD
#undef ADD_KEYS

  return g_test_run ();
}
