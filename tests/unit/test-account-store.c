/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ak-account-store.h"
#include "ak-error.h"
#include "ak-test-util.h"

/* Runs under tests/harness/run-headless.sh with RUN_HEADLESS_KEYRING=1: a
 * private session bus with an unlocked gnome-keyring whose files live in the
 * harness's XDG dirs. G_TEST_OPTION_ISOLATE_DIRS gives every test case its own
 * XDG dirs on top of that, so the accounts file starts fresh each time.
 *
 * Secrets are never printed: they are compared with g_assert_true (strcmp)
 * rather than g_assert_cmpstr, whose failure message would show them. */

#define PASSWORD       "S3cret-accounts-7c41e9-unique"
#define OTHER_PASSWORD "S3cret-accounts-other-52ad0b-unique"
#define APP_SECRET     "S3cret-appcred-b90f13-unique"

#define TIMEOUT_SECONDS 30

/* The same schema as the store's, written out here so that the test checks
 * the contract (name and attribute) rather than reusing the code under test. */
static const SecretSchema test_schema = {
  "io.github.accesskeys.AccessKeys.Account", SECRET_SCHEMA_NONE,
  {
    { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The harness's XDG dirs, from before g_test_init() isolates ours. The
 * keyring daemon writes into its data dir. */
static char *harness_dirs[5];
static char *harness_keyring_dir;

/* Waiting on the main loop ------------------------------------------------- */

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
store_load (AkAccountStore  *store,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_account_store_load_async (store, NULL, ak_test_result_cb, &result);
  return ak_account_store_load_finish (store, ak_test_await_result (&result), error);
}

static gboolean
store_save (AkAccountStore  *store,
            AkAccount       *account,
            const char      *password,
            GError         **error)
{
  g_autoptr(AkSecret) secret = password != NULL ? ak_secret_new (password) : NULL;
  g_autoptr(GAsyncResult) result = NULL;

  ak_account_store_save_async (store, account, secret, NULL, ak_test_result_cb, &result);
  return ak_account_store_save_finish (store, ak_test_await_result (&result), error);
}

static gboolean
store_remove (AkAccountStore  *store,
              AkAccount       *account,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_account_store_remove_async (store, account, NULL, ak_test_result_cb, &result);
  return ak_account_store_remove_finish (store, ak_test_await_result (&result), error);
}

static AkSecret *
store_lookup (AkAccountStore  *store,
              AkAccount       *account,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_account_store_lookup_secret_async (store, account, NULL, ak_test_result_cb, &result);
  return ak_account_store_lookup_secret_finish (store, ak_test_await_result (&result), error);
}

/* The same, for the calls that must succeed: the error shows if not. */
static void
assert_no_error_with_detail (const GError *error)
{
  if (error != NULL && ak_error_get_detail (error) != NULL)
    g_test_message ("detail: %s", ak_error_get_detail (error));
  g_assert_no_error (error);
}

static void
load_ok (AkAccountStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = store_load (store, &error);

  assert_no_error_with_detail (error);
  g_assert_true (ok);
}

static void
save_ok (AkAccountStore *store,
         AkAccount      *account,
         const char     *password)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = store_save (store, account, password, &error);

  assert_no_error_with_detail (error);
  g_assert_true (ok);
}

static void
remove_ok (AkAccountStore *store,
           AkAccount      *account)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = store_remove (store, account, &error);

  assert_no_error_with_detail (error);
  g_assert_true (ok);
}

/* Helpers ------------------------------------------------------------------ */

static AkAccount *
make_account (const char *username,
              const char *project)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_auth_url (account, "https://cloud.example.com:5000/v3");
  ak_account_set_username (account, username);
  ak_account_set_project (account, project);

  return account;
}

static AkAccount *
make_app_credential_account (void)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_label (account, "Build robot");
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_auth_url (account, "http://keystone.lan:5000/v3");
  ak_account_set_allow_unencrypted (account, TRUE);
  ak_account_set_application_credential_id (account, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  ak_account_set_user_domain (account, NULL);

  return account;
}

static void
assert_same_fields (AkAccount *a,
                    AkAccount *b)
{
  g_assert_cmpstr (ak_account_get_id (a), ==, ak_account_get_id (b));
  g_assert_cmpstr (ak_account_get_label (a), ==, ak_account_get_label (b));
  g_assert_cmpstr (ak_account_get_display_label (a), ==, ak_account_get_display_label (b));
  g_assert_cmpstr (ak_account_get_auth_url (a), ==, ak_account_get_auth_url (b));
  g_assert_cmpint (ak_account_get_auth_kind (a), ==, ak_account_get_auth_kind (b));
  g_assert_cmpstr (ak_account_get_user_domain (a), ==, ak_account_get_user_domain (b));
  g_assert_cmpstr (ak_account_get_username (a), ==, ak_account_get_username (b));
  g_assert_cmpstr (ak_account_get_project_domain (a), ==, ak_account_get_project_domain (b));
  g_assert_cmpstr (ak_account_get_project (a), ==, ak_account_get_project (b));
  g_assert_cmpstr (ak_account_get_application_credential_id (a), ==,
                   ak_account_get_application_credential_id (b));
  g_assert_cmpint (ak_account_get_allow_unencrypted (a), ==,
                   ak_account_get_allow_unencrypted (b));
}

static AkAccount *
item_at (AkAccountStore *store,
         guint           position)
{
  g_autoptr(AkAccount) account = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store keeps its own reference. */
  return account;
}

static char *
default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "access-keys", "accounts.ini", NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* The files in the accounts file's folder whose names start with @prefix. */
static GPtrArray *
list_siblings (const char *path,
               const char *prefix)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix))
        g_ptr_array_add (found, g_build_filename (dir_path, name, NULL));
    }

  return found;
}

static GKeyFile *
load_keyfile (const char *path)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&keyfile);
}

/* What the keyring holds for @id, asked of libsecret directly. */
static char *
keyring_lookup (const char *id)
{
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_sync (&test_schema, NULL, &error, "account-id", id, NULL);
  g_assert_no_error (error);

  return password;
}

static gboolean
bytes_contain (const guint8 *haystack,
               gsize         haystack_len,
               const char   *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len == 0 || haystack_len < needle_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    {
      if (memcmp (haystack + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  guint          signals;
  guint          position;
  guint          removed;
  guint          added;
} ItemsChanged;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *last = user_data;

  last->signals++;
  last->position = position;
  last->removed = removed;
  last->added = added;
}

static void
assert_items_changed (ItemsChanged *last,
                      guint         position,
                      guint         removed,
                      guint         added)
{
  g_assert_cmpuint (last->signals, ==, 1);
  g_assert_cmpuint (last->position, ==, position);
  g_assert_cmpuint (last->removed, ==, removed);
  g_assert_cmpuint (last->added, ==, added);
  memset (last, 0, sizeof *last);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/* Tests -------------------------------------------------------------------- */

static void
test_missing_file (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autofree char *path = default_path ();

  g_assert_cmpstr (ak_account_store_get_path (store), ==, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  load_ok (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == AK_TYPE_ACCOUNT);

  /* Loading writes nothing. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_save_load_round_trip (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(AkAccount) robot = make_app_credential_account ();
  g_autofree char *path = default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  ak_account_set_user_domain (alice, "staff");
  ak_account_set_project_domain (alice, "projects");

  load_ok (store);
  save_ok (store, alice, PASSWORD);
  save_ok (store, robot, APP_SECRET);

  /* A new account is kept as the very object that was saved. */
  g_assert_true (ak_account_store_find (store, ak_account_get_id (alice)) == alice);
  g_assert_true (ak_account_store_find (store, ak_account_get_id (robot)) == robot);
  g_assert_null (ak_account_store_find (store, "no-such-id"));

  /* The file and its folder are the user's alone. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  assert_same_fields (item_at (again, 0), alice);
  assert_same_fields (item_at (again, 1), robot);
  g_assert_cmpstr (ak_account_get_user_domain (item_at (again, 1)), ==, NULL);
  g_assert_true (ak_account_get_allow_unencrypted (item_at (again, 1)));
  g_assert_cmpint (ak_account_get_auth_kind (item_at (again, 1)), ==,
                   AK_AUTH_KIND_APPLICATION_CREDENTIAL);
}

static void
test_secret_round_trip (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkSecret) secret_again = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *direct = NULL;
  g_autofree char *label = NULL;
  GList *items;

  load_ok (store);
  save_ok (store, alice, PASSWORD);

  secret = store_lookup (store, alice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_true (strcmp (ak_secret_get (secret), PASSWORD) == 0);
  g_assert_cmpuint (ak_secret_get_len (secret), ==, strlen (PASSWORD));

  /* Another store, as after a restart, finds it by the account's id. */
  load_ok (again);
  secret_again = store_lookup (again, item_at (again, 0), &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (ak_secret_get (secret_again), PASSWORD) == 0);

  /* Straight from libsecret: the schema and attribute of the contract. */
  direct = keyring_lookup (ak_account_get_id (alice));
  g_assert_nonnull (direct);
  g_assert_true (strcmp (direct, PASSWORD) == 0);

  /* In the default collection, under a label a person recognises. */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  /* libsecret 0.20 does not accept a NULL service here. */
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  attributes = secret_attributes_build (&test_schema, "account-id", ak_account_get_id (alice),
                                        NULL);
  items = secret_collection_search_sync (collection, &test_schema, attributes,
                                         SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Access Keys: alice in demo on cloud.example.com:5000");
  g_list_free_full (items, g_object_unref);
}

static void
test_update_keeps_id (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(AkAccount) edited = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged last = { 0 };

  load_ok (store);
  save_ok (store, alice, PASSWORD);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &last);

  /* An edit dialog works on a copy; saving it updates the stored object. */
  edited = ak_account_copy (alice);
  ak_account_set_username (edited, "alice.smith");
  ak_account_set_label (edited, "Office");
  save_ok (store, edited, NULL);

  assert_items_changed (&last, 0, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (item_at (store, 0) == alice);
  g_assert_true (ak_account_store_find (store, ak_account_get_id (alice)) == alice);
  g_assert_cmpstr (ak_account_get_username (alice), ==, "alice.smith");
  g_assert_cmpstr (ak_account_get_display_label (alice), ==, "Office");

  /* No new secret given: the stored one stays. */
  secret = store_lookup (store, alice, &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (ak_secret_get (secret), PASSWORD) == 0);
  g_clear_pointer (&secret, ak_secret_unref);

  /* A new secret replaces it, still under the same id. */
  save_ok (store, edited, OTHER_PASSWORD);
  assert_items_changed (&last, 0, 1, 1);
  secret = store_lookup (store, alice, &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (ak_secret_get (secret), OTHER_PASSWORD) == 0);

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  assert_same_fields (item_at (again, 0), edited);
  g_assert_cmpstr (ak_account_get_id (item_at (again, 0)), ==, ak_account_get_id (alice));
}

static void
test_remove (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(AkAccount) bob = make_account ("bob", "demo");
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ();
  g_autofree char *direct = NULL;
  ItemsChanged last = { 0 };

  load_ok (store);
  save_ok (store, alice, PASSWORD);
  save_ok (store, bob, OTHER_PASSWORD);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &last);

  remove_ok (store, alice);

  assert_items_changed (&last, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_null (ak_account_store_find (store, ak_account_get_id (alice)));
  g_assert_true (item_at (store, 0) == bob);

  /* The keyring item is gone, both through the store and straight. */
  secret = store_lookup (store, alice, &error);
  g_assert_null (secret);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  direct = keyring_lookup (ak_account_get_id (alice));
  g_assert_null (direct);

  /* The other account's secret is untouched. */
  secret = store_lookup (store, bob, &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (ak_secret_get (secret), OTHER_PASSWORD) == 0);

  /* And the file entry is gone. */
  keyfile = load_keyfile (path);
  g_assert_false (g_key_file_has_group (keyfile, ak_account_get_id (alice)));
  g_assert_true (g_key_file_has_group (keyfile, ak_account_get_id (bob)));

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  assert_same_fields (item_at (again, 0), bob);
}

static void
test_lookup_not_found (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccount) never_saved = make_account ("carol", "demo");
  g_autoptr(AkAccount) no_secret = make_account ("dave", "demo");
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  load_ok (store);

  secret = store_lookup (store, never_saved, &error);
  g_assert_null (secret);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);

  /* Saved without a secret: the account is there, the secret is not. */
  save_ok (store, no_secret, NULL);
  secret = store_lookup (store, no_secret, &error);
  g_assert_null (secret);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
}

static void
test_save_refuses_invalid (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccount) incomplete = make_account (NULL, "demo");
  g_autoptr(AkAccount) insecure = make_account ("alice", "demo");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ();
  g_autofree char *direct = NULL;

  load_ok (store);

  g_assert_false (store_save (store, incomplete, PASSWORD, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_INVALID);
  g_clear_error (&error);

  ak_account_set_auth_url (insecure, "http://cloud.example.com/v3");
  g_assert_false (store_save (store, insecure, PASSWORD, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_INSECURE);

  /* Nothing reached the model, the file or the keyring. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  direct = keyring_lookup (ak_account_get_id (insecure));
  g_assert_null (direct);
}

static void
test_items_changed (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) other = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(AkAccount) bob = make_account ("bob", "demo");
  g_autoptr(AkAccount) carol = make_account ("carol", "demo");
  g_autoptr(GError) error = NULL;
  ItemsChanged last = { 0 };
  guint n_items_notified = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &last);
  g_signal_connect (store, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notified);

  /* Loading nothing into nothing changes nothing. */
  load_ok (store);
  g_assert_cmpuint (last.signals, ==, 0);

  save_ok (store, alice, PASSWORD);
  assert_items_changed (&last, 0, 0, 1);
  save_ok (store, bob, PASSWORD);
  assert_items_changed (&last, 1, 0, 1);
  save_ok (store, carol, PASSWORD);
  assert_items_changed (&last, 2, 0, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items_notified, ==, 3);

  ak_account_set_project (bob, "finance");
  save_ok (store, bob, NULL);
  assert_items_changed (&last, 1, 1, 1);
  g_assert_cmpuint (n_items_notified, ==, 3);

  remove_ok (store, bob);
  assert_items_changed (&last, 1, 1, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items_notified, ==, 4);

  /* Removing what is not there is fine and changes nothing. */
  remove_ok (store, bob);
  g_assert_cmpuint (last.signals, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_true (item_at (store, 0) == alice);
  g_assert_true (item_at (store, 1) == carol);
  g_assert_null (item_at (store, 2));

  /* Loading again replaces everything in one signal. */
  load_ok (store);
  assert_items_changed (&last, 0, 2, 2);
  g_assert_cmpuint (n_items_notified, ==, 4);
  assert_same_fields (item_at (store, 0), alice);
  assert_same_fields (item_at (store, 1), carol);

  /* A fresh store loading two accounts: one signal, (0, 0, 2). */
  g_signal_connect (other, "items-changed", G_CALLBACK (items_changed_cb), &last);
  load_ok (other);
  assert_items_changed (&last, 0, 0, 2);
}

static void
test_concurrent_saves (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  GAsyncResult *slots[4] = { NULL, };
  g_autoptr(GError) error = NULL;

  load_ok (store);

  /* Four saves in flight at once: every one lands, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *username = g_strdup_printf ("user%u", i);
      AkAccount *account = make_account (username, "demo");

      g_ptr_array_add (accounts, account);
      ak_account_store_save_async (store, account, NULL, NULL, ak_test_result_cb, &slots[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      ak_test_await_result (&slots[i]);
      result = g_steal_pointer (&slots[i]);

      g_assert_true (ak_account_store_save_finish (store, result, &error));
      g_assert_no_error (error);
    }

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, accounts->len);
  for (guint i = 0; i < accounts->len; i++)
    assert_same_fields (item_at (again, i), g_ptr_array_index (accounts, i));
}

static void
test_corrupt_not_keyfile (void)
{
  static const char garbage[] = "this is not a keyfile\n\x01\x02 [[[ \xff\xfe\n= = =\n";
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(GBytes) original = g_bytes_new_static (garbage, sizeof garbage - 1);
  g_autoptr(GBytes) after_load = NULL;
  g_autoptr(GBytes) aside_bytes = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ();
  g_autofree char *aside_prefix = NULL;
  g_autofree char *aside_name = NULL;

  write_file (path, garbage, sizeof garbage - 1);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_STORAGE);
  g_assert_true (g_str_has_prefix (error->message, "Your saved accounts could not be read."));
  g_assert_nonnull (ak_error_get_detail (error));
  g_assert_cmpstr (ak_error_get_detail (error), !=, "");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Loading, and reading a secret, write nothing. */
  secret = store_lookup (store, alice, &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after_load = read_bytes (path);
  g_assert_true (g_bytes_equal (after_load, original));

  /* The person saves an account: the old file is set aside, byte for byte. */
  save_ok (store, alice, PASSWORD);

  aside_name = g_path_get_basename (path);
  aside_prefix = g_strconcat (aside_name, ".corrupt-", NULL);
  aside = list_siblings (path, aside_prefix);
  g_assert_cmpuint (aside->len, ==, 1);
  aside_bytes = read_bytes (g_ptr_array_index (aside, 0));
  g_assert_true (g_bytes_equal (aside_bytes, original));

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  assert_same_fields (item_at (again, 0), alice);

  /* Once set aside, later saves write in place and set nothing else aside. */
  ak_account_set_project (alice, "finance");
  save_ok (store, alice, NULL);
  g_clear_pointer (&aside, g_ptr_array_unref);
  aside = list_siblings (path, aside_prefix);
  g_assert_cmpuint (aside->len, ==, 1);
}

static void
test_corrupt_group (void)
{
  static const char contents[] =
    "# Saved by hand\n"
    "[0b5e9c1e-1d2f-4f65-9a7e-6f4c1d2b3a40]\n"
    "label=Kept\n"
    "auth-url=https://good.example.com/v3\n"
    "auth-kind=password\n"
    "username=erin\n"
    "project=demo\n"
    "\n"
    "[5d8a0c2f-6b1e-4c3d-8e9f-0a1b2c3d4e5f]\n"
    "label=Broken\n"
    "auth-kind=password\n"
    "username=frank\n";
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccountStore) again = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice", "demo");
  g_autoptr(GBytes) original = g_bytes_new_static (contents, sizeof contents - 1);
  g_autoptr(GBytes) after_load = NULL;
  g_autoptr(GBytes) aside_bytes = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ();
  AkAccount *kept;

  write_file (path, contents, sizeof contents - 1);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_STORAGE);
  g_assert_nonnull (strstr (ak_error_get_detail (error), "auth-url"));
  g_clear_error (&error);

  /* The account that could be read is there; the file is untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  kept = ak_account_store_find (store, "0b5e9c1e-1d2f-4f65-9a7e-6f4c1d2b3a40");
  g_assert_nonnull (kept);
  g_assert_cmpstr (ak_account_get_label (kept), ==, "Kept");
  g_assert_cmpstr (ak_account_get_username (kept), ==, "erin");
  g_assert_null (ak_account_store_find (store, "5d8a0c2f-6b1e-4c3d-8e9f-0a1b2c3d4e5f"));
  after_load = read_bytes (path);
  g_assert_true (g_bytes_equal (after_load, original));

  save_ok (store, alice, PASSWORD);

  /* The whole old file, broken account included, is kept aside ... */
  aside = list_siblings (path, "accounts.ini.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  aside_bytes = read_bytes (g_ptr_array_index (aside, 0));
  g_assert_true (g_bytes_equal (aside_bytes, original));

  /* ... and the new file has the readable account and the new one. */
  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  assert_same_fields (item_at (again, 0), kept);
  assert_same_fields (item_at (again, 1), alice);
}

/* Without a keyring service, every keyring step is a STORAGE error with a
 * sentence for a person and libsecret's words as the detail, and nothing is
 * half done. Runs in a subprocess whose session bus address leads nowhere. */
static void
test_keyring_unavailable (void)
{
  g_autoptr(AkAccountStore) store = NULL;
  g_autoptr(AkAccountStore) again = NULL;
  g_autoptr(AkAccount) alice = NULL;
  g_autoptr(AkAccount) bob = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_bus = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  missing_bus = g_strdup_printf ("unix:path=%s/no-such-bus", g_get_user_runtime_dir ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", missing_bus, TRUE);

  store = ak_account_store_new (NULL);
  again = ak_account_store_new (NULL);
  alice = make_account ("alice", "demo");
  bob = make_account ("bob", "demo");

  load_ok (store);

  g_assert_false (store_save (store, alice, PASSWORD, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_STORAGE);
  g_assert_cmpstr (error->message, ==, "The password could not be saved in your keyring.");
  g_assert_nonnull (ak_error_get_detail (error));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* The fields alone need no keyring. */
  save_ok (store, bob, NULL);

  secret = store_lookup (store, bob, &error);
  g_assert_null (secret);
  g_assert_error (error, AK_ERROR, AK_ERROR_STORAGE);
  g_assert_nonnull (ak_error_get_detail (error));
  g_clear_error (&error);

  /* A secret that cannot be cleared keeps its account, to try again. */
  g_assert_false (store_remove (store, bob, &error));
  g_assert_error (error, AK_ERROR, AK_ERROR_STORAGE);
  g_assert_nonnull (ak_error_get_detail (error));
  g_clear_error (&error);
  g_assert_true (ak_account_store_find (store, ak_account_get_id (bob)) == bob);

  load_ok (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  assert_same_fields (item_at (again, 0), bob);
}

/* Every regular file under @dir_path, not following links. */
static void
collect_files (const char *dir_path,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        collect_files (path, files);
      else if (S_ISREG (st.st_mode))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static gboolean
path_is_under (const char *path,
               const char *dir)
{
  g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);

  return g_str_has_prefix (path, prefix);
}

static GBytes *
read_keyring_files (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) all = g_byte_array_new ();

  collect_files (harness_keyring_dir, files);
  g_ptr_array_sort (files, compare_paths);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GBytes) bytes = read_bytes (g_ptr_array_index (files, i));

      g_byte_array_append (all, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_secret_not_on_disk (void)
{
  g_autoptr(AkAccountStore) store = ak_account_store_new (NULL);
  g_autoptr(AkAccount) alice = make_account ("alice-on-disk", "demo");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) keyring_before = NULL;
  g_autoptr(GBytes) keyring_after = NULL;
  g_autofree char *path = default_path ();
  const char *own_dirs[] = {
    g_get_user_config_dir (),
    g_get_user_data_dir (),
    g_get_user_cache_dir (),
    g_get_user_state_dir (),
    g_get_user_runtime_dir (),
    g_get_home_dir (),
  };
  gboolean scanned_accounts_file = FALSE;
  guint n_keyring_files = 0;
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint poll_id;
  guint n_polls = 0;

  keyring_before = read_keyring_files ();

  load_ok (store);
  save_ok (store, alice, PASSWORD);

  /* The keyring daemon writes its file on its own time: wait for the change,
   * so that the check below looks at a file that holds the new item. */
  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out_cb, &timed_out);
  poll_id = g_timeout_add (20, wake_cb, NULL);
  for (;;)
    {
      keyring_after = read_keyring_files ();
      if (!g_bytes_equal (keyring_before, keyring_after) || timed_out)
        break;
      g_clear_pointer (&keyring_after, g_bytes_unref);
      g_main_context_iteration (NULL, TRUE);
      n_polls++;
    }
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_source_remove (poll_id);
  g_test_message ("keyring files: %" G_GSIZE_FORMAT " bytes before the save, %" G_GSIZE_FORMAT
                  " after, %u polls", g_bytes_get_size (keyring_before),
                  g_bytes_get_size (keyring_after), n_polls);

  for (guint i = 0; i < G_N_ELEMENTS (harness_dirs); i++)
    {
      if (harness_dirs[i] != NULL)
        collect_files (harness_dirs[i], files);
    }
  for (guint i = 0; i < G_N_ELEMENTS (own_dirs); i++)
    collect_files (own_dirs[i], files);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = read_bytes (file);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      if (path_is_under (file, harness_keyring_dir))
        n_keyring_files++;

      if (g_strcmp0 (file, path) == 0)
        {
          /* The scan does read contents: the user name is there, in clear. */
          scanned_accounts_file = TRUE;
          g_assert_true (bytes_contain (data, len, "alice-on-disk"));
        }

      if (bytes_contain (data, len, PASSWORD))
        g_error ("the password was found in %s", file);
    }

  g_test_message ("scanned %u files, %u of them the keyring's", files->len, n_keyring_files);
  g_assert_true (scanned_accounts_file);
  g_assert_cmpuint (n_keyring_files, >, 0);

  /* gnome-keyring encrypts login.keyring with the login password: neither the
   * secret nor the item's label is in it in clear. */
  {
    gsize len;
    const guint8 *data = g_bytes_get_data (keyring_after, &len);

    g_assert_false (bytes_contain (data, len, PASSWORD));
    g_assert_false (bytes_contain (data, len, "alice-on-disk"));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const char *harness_vars[] = {
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };
  const char *data_home;

  G_STATIC_ASSERT (G_N_ELEMENTS (harness_vars) == G_N_ELEMENTS (harness_dirs));

  for (guint i = 0; i < G_N_ELEMENTS (harness_vars); i++)
    harness_dirs[i] = g_strdup (g_getenv (harness_vars[i]));

  /* Never touch a real keyring: the harness gives the daemon a private,
   * throw-away data dir, and sets the variable below. */
  data_home = g_getenv ("XDG_DATA_HOME");
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || data_home == NULL ||
      g_strcmp0 (g_getenv ("RUN_HEADLESS_KEYRING"), "1") != 0)
    {
      g_printerr ("test-account-store needs a private session with a keyring: run it as\n"
                  "RUN_HEADLESS_KEYRING=1 tests/harness/run-headless.sh %s\n", argv[0]);
      return 1;
    }
  harness_keyring_dir = g_build_filename (data_home, "keyrings", NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/account-store/missing-file", test_missing_file);
  g_test_add_func ("/account-store/save-load-round-trip", test_save_load_round_trip);
  g_test_add_func ("/account-store/secret-round-trip", test_secret_round_trip);
  g_test_add_func ("/account-store/update-keeps-id", test_update_keeps_id);
  g_test_add_func ("/account-store/remove", test_remove);
  g_test_add_func ("/account-store/lookup-not-found", test_lookup_not_found);
  g_test_add_func ("/account-store/save-refuses-invalid", test_save_refuses_invalid);
  g_test_add_func ("/account-store/items-changed", test_items_changed);
  g_test_add_func ("/account-store/concurrent-saves", test_concurrent_saves);
  g_test_add_func ("/account-store/corrupt-not-keyfile", test_corrupt_not_keyfile);
  g_test_add_func ("/account-store/corrupt-group", test_corrupt_group);
  g_test_add_func ("/account-store/keyring-unavailable", test_keyring_unavailable);
  g_test_add_func ("/account-store/secret-not-on-disk", test_secret_not_on_disk);

  return g_test_run ();
}
