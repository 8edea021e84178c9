/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keystone-lookup"

#include "config.h"

#include <string.h>

#include "ak-account-session.h"
#include "ak-error.h"
#include "ak-keystone-provider.h"
#include "ak-test-util.h"

/* A key's details against the real Keystone that tests/harness/with-keystone.sh
 * starts: the owner and project a member's own key names, another user's
 * key as the admin sees it in All Users, and what a member is refused. */

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

  return g_steal_pointer (&provider);
}

static AkAccountSession *
new_session (AkProvider *provider,
             const char *prefix)
{
  g_autofree char *user = g_strconcat (prefix, "_USER", NULL);
  g_autofree char *project = g_strconcat (prefix, "_PROJECT", NULL);
  g_autoptr(AkAccount) account = NULL;

  account = ak_test_password_account (ak_test_env ("AK_TEST_KEYSTONE_URL"),
                                      ak_test_env ("AK_TEST_DOMAIN"), ak_test_env (user),
                                      ak_test_env (project));

  return ak_account_session_new_signed_in (account, provider);
}

static AkKeyDetails *
lookup_key (AkAccountSession *session,
            AkKey            *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkKeyDetails *details;

  ak_account_session_lookup_key_async (session, key, NULL, ak_test_result_cb, &result);
  details = ak_account_session_lookup_key_finish (session, ak_test_await_result (&result),
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);

  return details;
}

static AkKey *
find_key_of (GPtrArray  *keys,
             const char *user_id)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (ak_key_get_user_id (g_ptr_array_index (keys, i)), user_id) == 0)
      return g_ptr_array_index (keys, i);

  return NULL;
}

static void
assert_owner_is_member (AkKeyDetails *details)
{
  AkDirectoryEntry *owner = ak_key_details_get_owner (details);
  AkDirectoryEntry *project = ak_key_details_get_project (details);

  g_assert_null (ak_key_details_get_owner_error (details));
  g_assert_nonnull (owner);
  g_assert_cmpstr (ak_directory_entry_get_id (owner), ==, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_cmpstr (ak_directory_entry_get_name (owner), ==, ak_test_env ("AK_TEST_MEMBER_USER"));
  g_assert_true (ak_directory_entry_get_enabled (owner));
  g_assert_nonnull (ak_directory_entry_get_domain_id (owner));

  g_assert_null (ak_key_details_get_project_error (details));
  g_assert_nonnull (project);
  g_assert_cmpstr (ak_directory_entry_get_id (project), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_cmpstr (ak_directory_entry_get_name (project), ==,
                   ak_test_env ("AK_TEST_MEMBER_PROJECT"));
}

/* A member reads its own user and the project its key is for. */
static void
test_member_own_key (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autoptr(AkKey) key = NULL;
  g_autoptr(AkKeyDetails) details = NULL;
  g_autoptr(AkKeyDetails) again = NULL;
  g_autoptr(GError) error = NULL;

  key = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_key_get_project_id (key), ==, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));

  details = lookup_key (session, key);
  g_assert_true (ak_key_details_get_key (details) == key);
  assert_owner_is_member (details);

  /* Asked again, the session answers the same from what it kept. */
  again = lookup_key (session, key);
  assert_owner_is_member (again);

  g_assert_true (ak_test_delete_key (member, key, &error));
  g_assert_no_error (error);
}

/* The admin looks at the member's key in All Users: the member's user and
 * project, neither of them the admin's own. */
static void
test_admin_other_users_key (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(AkProvider) admin = new_signed_in ("AK_TEST_ADMIN");
  g_autoptr(AkAccountSession) session = new_session (admin, "AK_TEST_ADMIN");
  g_autoptr(AkKey) created = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(AkKeyDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  AkKey *key;

  created = ak_test_create_key (member, AK_KEY_KIND_EC2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  keys = ak_test_list_keys (admin, AK_KEY_SCOPE_ALL_USERS, NULL, &error);
  g_assert_no_error (error);
  key = find_key_of (keys, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_nonnull (key);

  details = lookup_key (session, key);
  assert_owner_is_member (details);

  g_assert_true (ak_test_delete_key (member, created, &error));
  g_assert_no_error (error);
}

/* A member may not read another user: that lookup is refused in plain words
 * (AK_ERROR_PERMISSION, no status code in the sentence), and the project of
 * the same key, which the member has a role on, is still read. */
static void
test_member_refused (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "not-a-real-key");
  g_autoptr(AkKeyDetails) details = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkDirectoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  const GError *refused;

  ak_key_set_user_id (key, ak_test_env ("AK_TEST_ADMIN_USER_ID"));
  ak_key_set_project_id (key, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));

  details = lookup_key (session, key);
  refused = ak_key_details_get_owner_error (details);
  g_assert_null (ak_key_details_get_owner (details));
  g_assert_error (refused, AK_ERROR, AK_ERROR_PERMISSION);
  g_assert_null (strstr (refused->message, "403"));
  g_assert_nonnull (ak_key_details_get_project (details));

  /* The provider says the same for the admin's project. */
  ak_provider_lookup_async (member, AK_DIRECTORY_KIND_PROJECT,
                            ak_test_env ("AK_TEST_ADMIN_PROJECT_ID"), NULL, ak_test_result_cb,
                            &result);
  entry = ak_provider_lookup_finish (member, ak_test_await_result (&result), &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_PERMISSION);
  g_assert_null (entry);
}

/* Cancelled, the lookup finishes as cancelled, not as a refusal. */
static void
test_cancelled (void)
{
  g_autoptr(AkProvider) member = new_signed_in ("AK_TEST_MEMBER");
  g_autoptr(AkAccountSession) session = new_session (member, "AK_TEST_MEMBER");
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "not-a-real-key");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  ak_key_set_user_id (key, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  ak_account_session_lookup_key_async (session, key, cancellable, ak_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  details = ak_account_session_lookup_key_finish (session, ak_test_await_result (&result),
                                                  &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (details);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ak_test_set_wait_limit (120);

  g_test_add_func ("/keystone/lookup/member-own-key", test_member_own_key);
  g_test_add_func ("/keystone/lookup/admin-other-users-key", test_admin_other_users_key);
  g_test_add_func ("/keystone/lookup/member-refused", test_member_refused);
  g_test_add_func ("/keystone/lookup/cancelled", test_cancelled);

  return g_test_run ();
}
