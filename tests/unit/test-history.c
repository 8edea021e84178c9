/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ak-account-session.h"
#include "ak-error.h"
#include "ak-history.h"
#include "ak-provider-factory.h"
#include "ak-test-provider.h"
#include "ak-test-util.h"

/* The history file: what a line holds (and never a secret), newest first
 * after a reload, a damaged or torn file moved aside with nothing lost, the
 * file's permissions, the CSV export, and a session recording every create,
 * delete and restore into it. */

#define ALPHA   "AKIA0001ALPHA"
#define BRAVO   "AKIA0002BRAVO"
#define APPCRED "4f1c0ffee0000000000000000000abcd"

static AkTestProvider *factory_provider;

static AkProvider *
test_factory (AkAccount *account,
              AkSecret  *secret,
              gpointer   user_data)
{
  return AK_PROVIDER (g_object_ref (factory_provider));
}

typedef struct
{
  char      *dir;
  char      *path;
  AkAccount *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_build_filename (g_get_user_state_dir (), "test-history", NULL);
  f->path = g_build_filename (f->dir, "history.jsonl", NULL);

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "alice");
  ak_account_set_project (f->account, "web");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->account);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static AkKey *
make_key (AkKeyKind   kind,
          const char *id,
          const char *owner,
          const char *project,
          const char *name)
{
  AkKey *key = ak_key_new (kind, id);

  ak_key_set_user_name (key, owner);
  ak_key_set_project_name (key, project);
  ak_key_set_name (key, name);

  return key;
}

static gboolean
record (AkHistory      *history,
        AkAccount      *account,
        AkKeyOperation  operation,
        AkKeyOutcome    outcome,
        AkKey          *key)
{
  g_autoptr(AkKeyResult) result = ak_key_result_new (operation, outcome, key, NULL);

  return ak_history_record (history, result, account);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static guint
count_lines (const char *contents)
{
  guint n = 0;

  for (const char *p = contents; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static AkHistoryEntry *
entry_at (AkHistory *history,
          guint      position)
{
  GListModel *entries = ak_history_get_entries (history);
  g_autoptr(AkHistoryEntry) entry = g_list_model_get_item (entries, position);

  g_assert_nonnull (entry);
  /* The list holds it. */
  return entry;
}

/* The files beside the history whose names start with @prefix. */
static GPtrArray *
list_beside (Fixture    *f,
             const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_build_filename (f->dir, name, NULL));

  return names;
}

/* Record, then read back in a new history as the next run would. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_autoptr(AkHistory) again = NULL;
  g_autoptr(AkKey) alpha = make_key (AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  g_autoptr(AkKey) appcred = make_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED, "bob",
                                       "data", "ci-deploy");
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  AkHistoryEntry *entry;
  GTimeSpan age;

  g_assert_cmpstr (ak_history_get_path (history), ==, f->path);
  /* Nothing is made before something is recorded. */
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  g_assert_true (record (history, f->account, AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE,
                         alpha));
  g_assert_true (record (history, f->account, AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_DONE,
                         alpha));
  g_assert_true (record (history, NULL, AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_NOT_ALLOWED,
                         appcred));

  /* Once read, the list follows the file, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 3);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 0)), ==, APPCRED);

  contents = read_file (f->path);
  g_assert_cmpuint (count_lines (contents), ==, 3);
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  g_assert_nonnull (strstr (contents, "\"operation\":\"delete\",\"outcome\":\"done\""));

  again = ak_history_new (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (again)), ==, 3);

  entry = entry_at (again, 0);
  g_assert_cmpint (ak_history_entry_get_operation (entry), ==, AK_KEY_OPERATION_DELETE);
  g_assert_cmpint (ak_history_entry_get_outcome (entry), ==, AK_KEY_OUTCOME_NOT_ALLOWED);
  g_assert_cmpint (ak_history_entry_get_kind (entry), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry), ==, APPCRED);
  g_assert_cmpstr (ak_history_entry_get_key_name (entry), ==, "ci-deploy");
  g_assert_cmpstr (ak_history_entry_get_key_label (entry), ==, "ci-deploy");
  g_assert_cmpstr (ak_history_entry_get_owner (entry), ==, "bob");
  g_assert_cmpstr (ak_history_entry_get_project (entry), ==, "data");
  g_assert_null (ak_history_entry_get_account (entry));
  g_assert_cmpstr (ak_history_entry_get_summary (entry), ==, "Not allowed to delete");

  entry = entry_at (again, 1);
  g_assert_cmpint (ak_history_entry_get_operation (entry), ==, AK_KEY_OPERATION_RESTORE);
  g_assert_cmpstr (ak_history_entry_get_summary (entry), ==, "Restored");

  entry = entry_at (again, 2);
  g_assert_cmpint (ak_history_entry_get_operation (entry), ==, AK_KEY_OPERATION_DELETE);
  g_assert_cmpint (ak_history_entry_get_outcome (entry), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpint (ak_history_entry_get_kind (entry), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry), ==, ALPHA);
  g_assert_null (ak_history_entry_get_key_name (entry));
  g_assert_cmpstr (ak_history_entry_get_key_label (entry), ==, ALPHA);
  g_assert_cmpstr (ak_history_entry_get_owner (entry), ==, "alice");
  g_assert_cmpstr (ak_history_entry_get_project (entry), ==, "web");
  g_assert_cmpstr (ak_history_entry_get_account (entry), ==, "Test Cloud");
  g_assert_cmpstr (ak_history_entry_get_account_id (entry), ==,
                   ak_account_get_id (f->account));
  g_assert_cmpstr (ak_history_entry_get_server (entry), ==, "https://keystone.example.com/v3");
  g_assert_cmpstr (ak_history_entry_get_user (entry), ==, "alice");
  g_assert_cmpstr (ak_history_entry_get_account_project (entry), ==, "web");
  g_assert_cmpstr (ak_history_entry_get_summary (entry), ==, "Deleted");

  /* In UTC, to the second, and now. */
  g_assert_cmpint (g_date_time_get_utc_offset (ak_history_entry_get_time (entry)), ==, 0);
  age = g_date_time_difference (ak_history_entry_get_time (entry), before);
  g_assert_cmpint (age, >, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (age, <, 60 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (strstr (contents, "\"time\":\""));
  g_assert_nonnull (strstr (contents, "Z\""));
}

/* A key made to replace another says which, in the file and the CSV; a
 * replacement that failed does not say "Replaced". */
static void
test_replaces (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_autoptr(AkHistory) again = NULL;
  g_autoptr(AkKey) made = make_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED, "bob", "data",
                                    "ci-deploy-2");
  g_autoptr(AkKeyResult) done = NULL;
  g_autoptr(AkKeyResult) failed = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *description = NULL;
  g_autofree char *failed_description = NULL;
  g_autofree char *csv_text = NULL;

  done = ak_key_result_new (AK_KEY_OPERATION_CREATE, AK_KEY_OUTCOME_DONE, made, NULL);
  ak_key_result_set_replaces (done, "ci-deploy");
  g_assert_true (ak_history_record (history, done, f->account));
  failed = ak_key_result_new (AK_KEY_OPERATION_CREATE, AK_KEY_OUTCOME_FAILED, made, NULL);
  ak_key_result_set_replaces (failed, "ci-deploy");
  g_assert_true (ak_history_record (history, failed, f->account));

  again = ak_history_new (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (again)), ==, 2);
  g_assert_cmpstr (ak_history_entry_get_replaces (entry_at (again, 1)), ==, "ci-deploy");
  description = ak_history_entry_dup_description (entry_at (again, 1));
  g_assert_cmpstr (description, ==, "Replaced ci-deploy: created");
  g_assert_cmpstr (ak_history_entry_get_summary (entry_at (again, 1)), ==, "Created");
  failed_description = ak_history_entry_dup_description (entry_at (again, 0));
  g_assert_false (g_str_has_prefix (failed_description, "Replaced"));
  g_assert_nonnull (strstr (failed_description, "(replacing ci-deploy)"));

  csv = ak_history_dup_csv (again);
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_nonnull (strstr (csv_text, "Replaced ci-deploy: created"));
}

/* "Checking" is followed by the real result: only that one is recorded. */
static void
test_not_final (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_autoptr(AkKey) alpha = make_key (AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);

  g_assert_false (record (history, f->account, AK_KEY_OPERATION_DELETE,
                          AK_KEY_OUTCOME_CHECKING, alpha));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 0);
}

/* The folder and the file are the user's alone, in the state folder. */
static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (NULL);
  g_autoptr(AkKey) alpha = make_key (AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "access-keys",
                                                "history.jsonl", NULL);
  g_autofree char *folder = NULL;
  GStatBuf st;

  /* The isolated state folder, never the real one. */
  g_assert_true (g_str_has_prefix (g_get_user_state_dir (), g_get_tmp_dir ()) ||
                 g_str_has_prefix (g_get_user_state_dir (), g_get_home_dir ()));
  g_assert_cmpstr (ak_history_get_path (history), ==, expected);

  umask (0022);
  g_assert_true (record (history, f->account, AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE,
                         alpha));

  folder = g_path_get_dirname (expected);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Nothing secret reaches the file: not an EC2 key's secret, which a delete
 * with Undo holds in memory, nor a password or token in the account's
 * address. */
static void
test_no_secret (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_autoptr(AkTestProvider) provider = ak_test_provider_new (AK_PROVIDER_FEATURE_RESTORE);
  g_autoptr(AkAccountSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyResult) key_result = NULL;
  g_autofree char *secret = ak_test_provider_dup_secret_for (ALPHA);
  g_autofree char *contents = NULL;
  AkDeletedKey *deleted;

  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  g_assert_cmpstr (ak_test_provider_get_secret (provider, ALPHA), ==, secret);
  ak_account_set_auth_url (f->account,
                           "https://admin:hunter2@keystone.example.com:5000/v3?token=t0ken#x");
  factory_provider = provider;

  session = ak_account_session_new (f->account, NULL);
  ak_account_session_set_history (session, history);
  g_assert_true (ak_account_session_get_history (session) == history);
  ak_account_session_start (session);
  ak_test_wait_for (ak_account_session_get_state (session) == AK_ACCOUNT_SESSION_STATE_KEYS);

  ak_account_session_delete_key_async (session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                       ak_test_result_cb, &result);
  ak_test_await_result (&result);
  key_result = ak_account_session_delete_key_finish (session, result, NULL);
  g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_DONE);

  /* The secret is in memory, for Undo, while the line is written. */
  deleted = ak_account_session_find_deleted (session, AK_KEY_KIND_EC2, ALPHA);
  g_assert_nonnull (deleted);
  g_assert_true (ak_deleted_key_get_restorable (deleted));

  contents = read_file (f->path);
  g_assert_cmpuint (count_lines (contents), ==, 1);
  g_assert_nonnull (strstr (contents, ALPHA));
  g_assert_null (strstr (contents, secret));
  g_assert_null (strstr (contents, "secret"));
  g_assert_null (strstr (contents, "hunter2"));
  g_assert_null (strstr (contents, "admin"));
  g_assert_null (strstr (contents, "t0ken"));
  g_assert_nonnull (strstr (contents, "\"server\":\"https://keystone.example.com:5000/v3\""));

  /* The task holds the session. */
  g_clear_object (&result);
  ak_account_session_close (session);
  g_assert_finalize_object (g_steal_pointer (&session));
  ak_test_drain ();
  factory_provider = NULL;
}

#define LINE_ALPHA \
  "{\"time\":\"2026-03-01T10:00:00Z\",\"operation\":\"delete\",\"outcome\":\"done\"," \
  "\"kind\":\"ec2\",\"key_id\":\"" ALPHA "\",\"owner\":\"alice\"}"
#define LINE_BRAVO \
  "{\"time\":\"2026-03-01T11:00:00Z\",\"operation\":\"restore\",\"outcome\":\"done\"," \
  "\"kind\":\"ec2\",\"key_id\":\"" BRAVO "\"}"

/* A damaged file moves aside untouched; the entries that can be read stay
 * in view and in the new file. */
static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  static const char original[] =
    LINE_ALPHA "\n"
    "this is not JSON\n"
    "{\"foo\":1}\n"
    "[1,2,3]\n"
    "{\"time\":\"2026-03-01T10:30:00Z\",\"operation\":\"delete\",\"outcome\":\"done\","
    "\"kind\":\"ec2\",\"key_id\":42}\n"
    "{\"time\":\"yesterday\",\"operation\":\"delete\",\"outcome\":\"done\",\"kind\":\"ec2\","
    "\"key_id\":\"X\"}\n"
    "{\"time\":\"2026-03-01T10:40:00Z\",\"operation\":\"explode\",\"outcome\":\"done\","
    "\"kind\":\"ec2\",\"key_id\":\"X\"}\n"
    "\xff\xfe not UTF-8\n"
    LINE_BRAVO "\n";
  g_autoptr(AkHistory) history = NULL;
  g_autoptr(AkHistory) again = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(AkKey) alpha = make_key (AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  write_file (f->path, original);

  history = ak_history_new (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 2);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 0)), ==, BRAVO);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 1)), ==, ALPHA);

  /* Moved aside byte for byte, once. */
  aside = list_beside (f, "history.jsonl.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  moved = read_file (g_ptr_array_index (aside, 0));
  g_assert_cmpstr (moved, ==, original);

  /* A new file with the readable lines, the user's alone. */
  contents = read_file (f->path);
  g_assert_cmpstr (contents, ==, LINE_ALPHA "\n" LINE_BRAVO "\n");
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* And it goes on from there. */
  g_assert_true (record (history, f->account, AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE,
                         alpha));
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 3);
  again = ak_history_new (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (again)), ==, 3);
  g_clear_pointer (&aside, g_ptr_array_unref);
  aside = list_beside (f, "history.jsonl.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
}

/* A crash cut the last write short: the file is moved aside with the torn
 * line (nothing lost), the entries before it stay, and a line recorded
 * before the file was read does not join the torn one. */
static void
test_torn_last_line (Fixture       *f,
                     gconstpointer  data)
{
  static const char original[] =
    LINE_ALPHA "\n"
    "{\"time\":\"2026-03-01T10:50:00Z\",\"operation\":\"del";
  g_autoptr(AkHistory) history = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(AkKey) bravo = make_key (AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;

  write_file (f->path, original);

  history = ak_history_new (f->path);
  g_assert_true (record (history, f->account, AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE,
                         bravo));
  contents = read_file (f->path);
  expected = g_strconcat (original, "\n", NULL);
  g_assert_true (g_str_has_prefix (contents, expected));
  g_assert_cmpuint (count_lines (contents), ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 2);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 0)), ==, BRAVO);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 1)), ==, ALPHA);

  aside = list_beside (f, "history.jsonl.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  moved = read_file (g_ptr_array_index (aside, 0));
  g_assert_cmpstr (moved, ==, contents);

  g_clear_pointer (&contents, g_free);
  contents = read_file (f->path);
  g_assert_cmpuint (count_lines (contents), ==, 2);
  g_assert_true (g_str_has_prefix (contents, LINE_ALPHA "\n"));
  g_assert_nonnull (strstr (contents, BRAVO));
}

/* The same, when the file is read before anything is recorded. */
static void
test_torn_last_line_read_first (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(AkHistory) history = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autofree char *contents = NULL;

  write_file (f->path, LINE_ALPHA "\n" LINE_BRAVO "\n{\"time\":\"2026-");

  history = ak_history_new (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (ak_history_get_entries (history)), ==, 2);
  aside = list_beside (f, "history.jsonl.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  contents = read_file (f->path);
  g_assert_cmpstr (contents, ==, LINE_ALPHA "\n" LINE_BRAVO "\n");
}

/* Only the CSV's lines, after its byte order mark. */
static char **
csv_lines (AkHistory *history)
{
  g_autoptr(GBytes) csv = ak_history_dup_csv (history);
  gsize length;
  const char *data = g_bytes_get_data (csv, &length);
  g_autofree char *text = NULL;

  g_assert_cmpuint (length, >, 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  text = g_strndup (data + 3, length - 3);
  g_assert_true (g_str_has_suffix (text, "\r\n"));

  return g_strsplit (text, "\r\n", -1);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *field;
  } cases[] = {
    { "plain", "plain" },
    { "a, b", "\"a, b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1", "'+1" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tcmd", "'\tcmd" },
    { "\rcmd", "\"'\rcmd\"" },
    { "\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1" },
    { "a=b", "a=b" },
    { "访问密钥", "访问密钥" },
  };
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_auto(GStrv) lines = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AkKey) key = make_key (AK_KEY_KIND_EC2, ALPHA, "alice", "web", cases[i].name);

      g_assert_true (record (history, f->account, AK_KEY_OPERATION_DELETE,
                             AK_KEY_OUTCOME_DONE, key));
    }

  lines = csv_lines (history);
  /* A heading row, a row per entry, and nothing after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (cases) + 2);
  g_assert_cmpstr (lines[0], ==,
                   "Time (UTC),What Happened,Key ID,Key Name,Type,Owner,Project,Account,"
                   "Server,Signed In As,Account Project");
  g_assert_cmpstr (lines[G_N_ELEMENTS (cases) + 1], ==, "");

  /* Newest first: the last case is the first row. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *row = lines[G_N_ELEMENTS (cases) - i];
      g_autofree char *expected = g_strdup_printf ("Deleted," ALPHA ",%s,Access key,alice,web,"
                                                   "Test Cloud,"
                                                   "https://keystone.example.com/v3,alice,web",
                                                   cases[i].field);
      const char *comma = strchr (row, ',');

      g_assert_nonnull (comma);
      /* 2026-03-01T10:00:00Z */
      g_assert_cmpuint (comma - row, ==, 20);
      g_assert_cmpint (row[19], ==, 'Z');
      g_assert_cmpstr (comma + 1, ==, expected);
    }

  /* Written where asked, the same bytes. */
  path = g_build_filename (g_get_tmp_dir (), "history-export.csv", NULL);
  g_assert_true (ak_history_export_csv (history, path, &error));
  g_assert_no_error (error);
  written = read_file (path);
  csv = ak_history_dup_csv (history);
  g_assert_cmpmem (written, strlen (written), g_bytes_get_data (csv, NULL),
                   g_bytes_get_size (csv));
}

/* Every final result a session reports, and every create, goes in the
 * history: "checking" never does. */
static void
test_session_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AkHistory) history = ak_history_new (f->path);
  g_autoptr(AkTestProvider) provider = ak_test_provider_new (AK_PROVIDER_FEATURE_RESTORE |
                                                             AK_PROVIDER_FEATURE_CREATE_EC2);
  g_autoptr(AkAccountSession) session = NULL;
  static const struct {
    AkKeyOperation operation;
    AkKeyOutcome   outcome;
    const char    *summary;
  } expected[] = {
    /* Newest first. */
    { AK_KEY_OPERATION_CREATE, AK_KEY_OUTCOME_NOT_ALLOWED, "Not allowed to create" },
    { AK_KEY_OPERATION_CREATE, AK_KEY_OUTCOME_DONE, "Created" },
    { AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_NOT_ALLOWED, "Not allowed to delete" },
    { AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE, "Deleted" },
    { AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_DONE, "Restored" },
    { AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE, "Deleted" },
  };
  GListModel *entries;
  g_autoptr(AkKey) created = NULL;

  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  factory_provider = provider;

  session = ak_account_session_new (f->account, NULL);
  ak_account_session_set_history (session, history);
  ak_account_session_start (session);
  ak_test_wait_for (ak_account_session_get_state (session) == AK_ACCOUNT_SESSION_STATE_KEYS);
  entries = ak_history_get_entries (history);

  /* Delete, then Undo. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AkKeyResult) key_result = NULL;

    ak_account_session_delete_key_async (session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                         ak_test_result_cb, &result);
    ak_test_await_result (&result);
    key_result = ak_account_session_delete_key_finish (session, result, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AkKeyResult) key_result = NULL;

    ak_account_session_restore_key_async (session, AK_KEY_KIND_EC2, ALPHA,
                                          ak_test_result_cb, &result);
    ak_test_await_result (&result);
    key_result = ak_account_session_restore_key_finish (session, result, NULL);
    g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_DONE);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  }

  /* A lost answer, then the truth: one entry, not two. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AkKeyResult) key_result = NULL;

    ak_test_provider_push_lost_answer (provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
    ak_account_session_delete_key_async (session, AK_KEY_KIND_EC2, BRAVO, NULL,
                                         ak_test_result_cb, &result);
    ak_test_await_result (&result);
    key_result = ak_account_session_delete_key_finish (session, result, NULL);
    g_assert_true (ak_key_result_get_settled (key_result));
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  }

  /* Refused. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AkKeyResult) key_result = NULL;

    ak_test_provider_push_error (provider, AK_TEST_CALL_FETCH_SECRET, AK_ERROR_PERMISSION);
    ak_account_session_delete_key_async (session, AK_KEY_KIND_EC2, ALPHA, NULL,
                                         ak_test_result_cb, &result);
    ak_test_await_result (&result);
    key_result = ak_account_session_delete_key_finish (session, result, NULL);
    g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_NOT_ALLOWED);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 4);
  }

  /* Created, which nothing else reports. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ak_account_session_create_key_async (session, AK_KEY_KIND_EC2, NULL, NULL, NULL,
                                         ak_test_result_cb, &result);
    ak_test_await_result (&result);
    created = ak_account_session_create_key_finish (session, result, NULL, NULL);
    g_assert_nonnull (created);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 5);
  }

  /* Not created: no key, so no ID; the name asked for. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AkKey) key = NULL;
    g_autoptr(GError) error = NULL;

    ak_test_provider_push_error (provider, AK_TEST_CALL_CREATE, AK_ERROR_PERMISSION);
    ak_account_session_create_key_async (session, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                         "ci-deploy", NULL, NULL, ak_test_result_cb, &result);
    ak_test_await_result (&result);
    key = ak_account_session_create_key_finish (session, result, NULL, &error);
    g_assert_null (key);
    g_assert_error (error, AK_ERROR, AK_ERROR_PERMISSION);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 6);
  }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AkHistoryEntry *entry = entry_at (history, i);

      g_assert_cmpint (ak_history_entry_get_operation (entry), ==, expected[i].operation);
      g_assert_cmpint (ak_history_entry_get_outcome (entry), ==, expected[i].outcome);
      g_assert_cmpstr (ak_history_entry_get_summary (entry), ==, expected[i].summary);
      g_assert_cmpstr (ak_history_entry_get_account (entry), ==, "Test Cloud");
    }
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 0)), ==, "");
  g_assert_cmpstr (ak_history_entry_get_key_label (entry_at (history, 0)), ==, "ci-deploy");
  g_assert_cmpint (ak_history_entry_get_kind (entry_at (history, 0)), ==,
                   AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 1)), ==,
                   ak_key_get_id (created));
  g_assert_cmpstr (ak_history_entry_get_key_id (entry_at (history, 3)), ==, BRAVO);
  g_assert_cmpstr (ak_history_entry_get_owner (entry_at (history, 3)), ==, "bob");

  /* The file says the same, oldest first. */
  {
    g_autofree char *contents = read_file (f->path);
    g_autofree char *secret = ak_test_provider_dup_secret_for (ALPHA);

    g_assert_cmpuint (count_lines (contents), ==, G_N_ELEMENTS (expected));
    g_assert_null (strstr (contents, secret));
    g_assert_null (strstr (contents, AK_TEST_PROVIDER_SECRET));
  }

  ak_account_session_close (session);
  g_assert_finalize_object (g_steal_pointer (&session));
  ak_test_drain ();
  factory_provider = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ak_provider_factory_install (test_factory, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/history/record/round-trip", test_round_trip);
  ADD ("/history/record/replaces", test_replaces);
  ADD ("/history/record/not-final", test_not_final);
  ADD ("/history/file/permissions", test_permissions);
  ADD ("/history/file/no-secret", test_no_secret);
  ADD ("/history/file/corrupt-moved-aside", test_corrupt);
  ADD ("/history/file/torn-last-line", test_torn_last_line);
  ADD ("/history/file/torn-last-line-read-first", test_torn_last_line_read_first);
  ADD ("/history/csv/quoting-and-formulas", test_csv);
  ADD ("/history/session/records-every-change", test_session_records);

#undef ADD

  return g_test_run ();
}
