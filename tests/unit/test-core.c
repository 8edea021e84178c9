/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-core"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ak-error.h"
#include "ak-key.h"
#include "ak-key-choice.h"
#include "ak-secret.h"

/* AkKey */

/* Records the names of the properties notified, in order. */
static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *notified)
{
  g_ptr_array_add (notified, (gpointer)g_param_spec_get_name (pspec));
}

static char *
take_notified (GPtrArray *notified)
{
  char *joined;

  g_ptr_array_add (notified, NULL);
  joined = g_strjoinv (",", (char **)notified->pdata);
  g_ptr_array_set_size (notified, 0);

  return joined;
}

#define assert_notified(notified, expected) \
  G_STMT_START { \
    g_autofree char *_got = take_notified (notified); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

static void
test_key_new (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "id-1");
  g_autofree char *id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *kind_label = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  AkKeyKind kind = AK_KEY_KIND_EC2;
  gboolean deleting = TRUE;

  g_assert_cmpstr (ak_key_get_id (key), ==, "id-1");
  g_assert_cmpint (ak_key_get_kind (key), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_null (ak_key_get_user_id (key));
  g_assert_null (ak_key_get_user_name (key));
  g_assert_null (ak_key_get_owner (key));
  g_assert_null (ak_key_get_project_id (key));
  g_assert_null (ak_key_get_project_name (key));
  g_assert_null (ak_key_get_project (key));
  g_assert_null (ak_key_get_name (key));
  g_assert_null (ak_key_get_description (key));
  g_assert_null (ak_key_get_expires_at (key));
  g_assert_false (ak_key_get_deleting (key));

  g_object_get (key,
                "id", &id,
                "kind", &kind,
                "kind-label", &kind_label,
                "user-id", &user_id,
                "expires-at", &expires_at,
                "deleting", &deleting,
                NULL);
  g_assert_cmpstr (id, ==, "id-1");
  g_assert_cmpint (kind, ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (kind_label, ==, ak_key_get_kind_label (key));
  g_assert_null (user_id);
  g_assert_null (expires_at);
  g_assert_false (deleting);
}

static void
test_key_construct_properties (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2030, 1, 31, 12, 0, 0);
  g_autoptr(AkKey) key = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *project = NULL;

  key = g_object_new (AK_TYPE_KEY,
                      "kind", AK_KEY_KIND_EC2,
                      "id", "AKID",
                      "user-id", "u1",
                      "user-name", "alice",
                      "project-id", "p1",
                      "name", "n",
                      "description", "d",
                      "expires-at", when,
                      NULL);

  g_assert_cmpstr (ak_key_get_id (key), ==, "AKID");
  g_assert_cmpint (ak_key_get_kind (key), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_key_get_user_id (key), ==, "u1");
  g_assert_cmpstr (ak_key_get_user_name (key), ==, "alice");
  g_assert_cmpstr (ak_key_get_project_id (key), ==, "p1");
  g_assert_cmpstr (ak_key_get_name (key), ==, "n");
  g_assert_cmpstr (ak_key_get_description (key), ==, "d");
  g_assert_true (g_date_time_equal (ak_key_get_expires_at (key), when));

  g_object_get (key, "owner", &owner, "project", &project, NULL);
  g_assert_cmpstr (owner, ==, "alice");
  g_assert_cmpstr (project, ==, "p1");
}

static void
test_key_refuses_empty_id (void)
{
  g_test_expect_message ("ak-key", G_LOG_LEVEL_CRITICAL, "*id != NULL*");
  g_assert_null (ak_key_new (AK_KEY_KIND_EC2, ""));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-key", G_LOG_LEVEL_CRITICAL, "*id != NULL*");
  g_assert_null (ak_key_new (AK_KEY_KIND_EC2, NULL));
  g_test_assert_expected_messages ();
}

static void
test_key_kind_labels (void)
{
  g_autoptr(AkKey) ec2 = ak_key_new (AK_KEY_KIND_EC2, "a");
  g_autoptr(AkKey) app_cred = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "a");

  g_assert_cmpstr (ak_key_get_kind_label (ec2), !=, "");
  g_assert_cmpstr (ak_key_get_kind_label (app_cred), !=, "");
  g_assert_cmpstr (ak_key_get_kind_label (ec2), !=, ak_key_get_kind_label (app_cred));
}

static void
test_key_notify (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKID");
  g_autoptr(GPtrArray) notified = g_ptr_array_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2030, 1, 31, 12, 0, 0);
  g_autoptr(GDateTime) same_when = g_date_time_new_from_unix_utc (g_date_time_to_unix (when));

  g_signal_connect (key, "notify", G_CALLBACK (notify_cb), notified);

  /* The owner follows the user ID while there is no name. */
  ak_key_set_user_id (key, "u1");
  assert_notified (notified, "user-id,owner");
  ak_key_set_user_id (key, "u1");
  assert_notified (notified, "");
  ak_key_set_user_name (key, "alice");
  assert_notified (notified, "user-name,owner");
  ak_key_set_user_id (key, "u2");
  assert_notified (notified, "user-id");
  ak_key_set_user_name (key, NULL);
  assert_notified (notified, "user-name,owner");

  ak_key_set_project_id (key, "p1");
  assert_notified (notified, "project-id,project");
  ak_key_set_project_id (key, "p1");
  assert_notified (notified, "");
  ak_key_set_project_name (key, "demo");
  assert_notified (notified, "project-name,project");
  ak_key_set_project_id (key, "p2");
  assert_notified (notified, "project-id");

  ak_key_set_name (key, "n");
  ak_key_set_name (key, "n");
  assert_notified (notified, "name");
  ak_key_set_description (key, "d");
  ak_key_set_description (key, "d");
  ak_key_set_description (key, NULL);
  assert_notified (notified, "description,description");

  /* The same time in another GDateTime is no change. */
  ak_key_set_expires_at (key, when);
  ak_key_set_expires_at (key, same_when);
  assert_notified (notified, "expires-at");
  ak_key_set_expires_at (key, NULL);
  ak_key_set_expires_at (key, NULL);
  assert_notified (notified, "expires-at");

  ak_key_set_deleting (key, TRUE);
  ak_key_set_deleting (key, 2);
  assert_notified (notified, "deleting");
  g_assert_true (ak_key_get_deleting (key));

  /* Through the property system, still once per change. */
  g_object_set (key, "deleting", FALSE, "name", "n", NULL);
  assert_notified (notified, "deleting");
  g_assert_false (ak_key_get_deleting (key));
}

static void
test_key_owner_fallback (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKID");

  g_assert_null (ak_key_get_owner (key));
  ak_key_set_user_id (key, "u1");
  g_assert_cmpstr (ak_key_get_owner (key), ==, "u1");
  ak_key_set_user_name (key, "alice");
  g_assert_cmpstr (ak_key_get_owner (key), ==, "alice");
  ak_key_set_user_name (key, NULL);
  g_assert_cmpstr (ak_key_get_owner (key), ==, "u1");

  g_assert_null (ak_key_get_project (key));
  ak_key_set_project_id (key, "p1");
  g_assert_cmpstr (ak_key_get_project (key), ==, "p1");
  ak_key_set_project_name (key, "demo");
  g_assert_cmpstr (ak_key_get_project (key), ==, "demo");
  ak_key_set_project_name (key, NULL);
  g_assert_cmpstr (ak_key_get_project (key), ==, "p1");
}

static gboolean
key_matches (AkKey      *key,
             const char *typed)
{
  g_autofree char *prepared = ak_key_prepare_search (typed);

  return ak_key_matches_search (key, prepared);
}

static void
test_key_search (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKIA0001ALPHA");

  ak_key_set_user_id (key, "u1");
  ak_key_set_project_name (key, "Données");
  ak_key_set_name (key, "Nightly Backup");

  /* In any of its texts, whatever the case, ASCII or not. */
  g_assert_true (key_matches (key, "akia0001"));
  g_assert_true (key_matches (key, "U1"));
  g_assert_true (key_matches (key, "DONNÉES"));
  g_assert_true (key_matches (key, "nightly b"));
  g_assert_true (key_matches (key, ""));
  g_assert_false (key_matches (key, "bravo"));
  /* Never across two of them: the ID's end and the owner. */
  g_assert_false (key_matches (key, "alphau1"));
  g_assert_false (key_matches (key, "alpha u1"));

  /* A text that changes is searched as it is now, not as it was. */
  g_assert_false (key_matches (key, "alice"));
  ak_key_set_user_name (key, "Alice");
  g_assert_true (key_matches (key, "alice"));
  g_assert_false (key_matches (key, "u1"));
  ak_key_set_name (key, NULL);
  g_assert_false (key_matches (key, "nightly"));
  ak_key_set_description (key, "for the nightly job");
  g_assert_true (key_matches (key, "NIGHTLY"));
  ak_key_set_project_name (key, NULL);
  ak_key_set_project_id (key, "p7");
  g_assert_false (key_matches (key, "données"));
  g_assert_true (key_matches (key, "p7"));
}

static void
test_key_equal (void)
{
  g_autoptr(AkKey) a = ak_key_new (AK_KEY_KIND_EC2, "AKID");
  g_autoptr(AkKey) b = ak_key_new (AK_KEY_KIND_EC2, "AKID");
  g_autoptr(AkKey) other_id = ak_key_new (AK_KEY_KIND_EC2, "AKID2");
  g_autoptr(AkKey) other_kind = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "AKID");

  /* Whatever else the server said of it at different times. */
  ak_key_set_user_name (b, "alice");
  ak_key_set_project_id (b, "p1");
  ak_key_set_deleting (b, TRUE);

  g_assert_true (ak_key_equal (a, a));
  g_assert_true (ak_key_equal (a, b));
  g_assert_true (ak_key_equal (b, a));
  g_assert_false (ak_key_equal (a, other_id));
  g_assert_false (ak_key_equal (a, other_kind));
}

/* AkError */

static void
test_error_messages (void)
{
  const char * const technical[] = { "HTTP", "{", "}", "400", "401", "403", "404", "409", "500" };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int code = AK_ERROR_FAILED; code <= AK_ERROR_STORAGE; code++)
    {
      const char *message = ak_error_code_to_message (code);

      g_test_message ("code %d: %s", code, message);
      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 10);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      /* A sentence for a person: no HTTP status, no JSON. */
      g_assert_true (g_str_has_suffix (message, "."));
      for (guint i = 0; i < G_N_ELEMENTS (technical); i++)
        g_assert_null (strstr (message, technical[i]));
      /* Each code says something of its own. */
      g_assert_true (g_hash_table_add (seen, (gpointer)message));
    }

  /* A code from a newer version still reads as a sentence. */
  g_assert_cmpstr (ak_error_code_to_message (1000), ==,
                   ak_error_code_to_message (AK_ERROR_FAILED));
}

static void
test_error_detail_and_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) literal = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) other = NULL;

  error = ak_error_new (AK_ERROR_NOT_FOUND, 404, "Not Found: Could not find credential: x.");
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, ak_error_code_to_message (AK_ERROR_NOT_FOUND));
  g_assert_cmpstr (ak_error_get_detail (error), ==, "Not Found: Could not find credential: x.");
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 404);

  copy = g_error_copy (error);
  g_assert_error (copy, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_assert_cmpstr (ak_error_get_detail (copy), ==, ak_error_get_detail (error));
  g_assert_true (ak_error_get_detail (copy) != ak_error_get_detail (error));
  g_assert_cmpuint (ak_error_get_http_status (copy), ==, 404);

  literal = ak_error_new_literal (AK_ERROR_PERMISSION, "Only the owner may do this.", 403, NULL);
  g_assert_error (literal, AK_ERROR, AK_ERROR_PERMISSION);
  g_assert_cmpstr (literal->message, ==, "Only the owner may do this.");
  g_assert_null (ak_error_get_detail (literal));
  g_assert_cmpuint (ak_error_get_http_status (literal), ==, 403);

  plain = ak_error_new_literal (AK_ERROR_NETWORK, NULL, 0, NULL);
  g_assert_cmpstr (plain->message, ==, ak_error_code_to_message (AK_ERROR_NETWORK));
  g_assert_cmpuint (ak_error_get_http_status (plain), ==, 0);

  other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "not ours");
  g_assert_null (ak_error_get_detail (other));
  g_assert_cmpuint (ak_error_get_http_status (other), ==, 0);
}

static void
test_error_set (void)
{
  g_autoptr(GError) error = NULL;

  ak_set_error (NULL, AK_ERROR_SERVER, 503, "ignored");

  ak_set_error (&error, AK_ERROR_SERVER, 503, "Service Unavailable");
  g_assert_error (error, AK_ERROR, AK_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, ak_error_code_to_message (AK_ERROR_SERVER));
  g_assert_cmpstr (ak_error_get_detail (error), ==, "Service Unavailable");
  g_assert_cmpuint (ak_error_get_http_status (error), ==, 503);
}

/* AkSecret */

static void
test_secret_new (void)
{
  char input[] = "s3cr3t-value";
  g_autoptr(AkSecret) secret = ak_secret_new (input);

  g_assert_cmpstr (ak_secret_get (secret), ==, "s3cr3t-value");
  g_assert_cmpuint (ak_secret_get_len (secret), ==, strlen ("s3cr3t-value"));
  /* A copy: changing the caller's buffer does not change the secret. */
  g_assert_true (ak_secret_get (secret) != input);
  memset (input, 'x', sizeof input - 1);
  g_assert_cmpstr (ak_secret_get (secret), ==, "s3cr3t-value");
}

static void
test_secret_new_len (void)
{
  g_autoptr(AkSecret) secret = ak_secret_new_len ("a\0b-and-more", 3);
  g_autoptr(AkSecret) empty = ak_secret_new_len (NULL, 0);

  g_assert_cmpuint (ak_secret_get_len (secret), ==, 3);
  g_assert_cmpmem (ak_secret_get (secret), 3, "a\0b", 3);
  /* Always terminated, so it can be passed where a string is wanted. */
  g_assert_cmpint (ak_secret_get (secret)[3], ==, '\0');

  g_assert_cmpuint (ak_secret_get_len (empty), ==, 0);
  g_assert_cmpstr (ak_secret_get (empty), ==, "");
}

static void
test_secret_ref (void)
{
  AkSecret *secret = ak_secret_new ("shared");
  AkSecret *ref = ak_secret_ref (secret);
  AkSecret *boxed;

  g_assert_true (ref == secret);
  ak_secret_unref (ref);
  g_assert_cmpstr (ak_secret_get (secret), ==, "shared");

  /* As a boxed type, copying is taking a reference. */
  boxed = g_boxed_copy (AK_TYPE_SECRET, secret);
  g_assert_true (boxed == secret);
  g_boxed_free (AK_TYPE_SECRET, boxed);
  g_assert_cmpstr (ak_secret_get (secret), ==, "shared");

  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, AK_TYPE_SECRET);
    g_value_set_boxed (&value, secret);
    g_assert_cmpstr (ak_secret_get (g_value_get_boxed (&value)), ==, "shared");
  }

  g_assert_cmpuint (ak_secret_get_len (secret), ==, 6);
  ak_secret_unref (secret);
}

static void
test_secret_wipe (void)
{
  /* The zeros are written just before the memory is freed, so no defined
   * read can see them; what can be checked is that the calls are safe on
   * every input they accept. */
  ak_secret_wipe (NULL);
  ak_secret_wipe (g_strdup (""));
  ak_secret_wipe (g_strdup ("a secret string to overwrite"));

  g_test_expect_message ("ak-secret", G_LOG_LEVEL_CRITICAL, "*value != NULL*");
  g_assert_null (ak_secret_new (NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("ak-secret", G_LOG_LEVEL_CRITICAL, "*self != NULL*");
  ak_secret_unref (NULL);
  g_test_assert_expected_messages ();
}

/* AkKeyChoice */

static void
count_cb (AkKeyChoice *choice,
          guint       *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static AkKey *
choice_key (AkKeyKind   kind,
            const char *id)
{
  return ak_key_new (kind, id);
}

static void
test_key_choice_by_identity (void)
{
  g_autoptr(GListStore) keys = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(AkKeyChoice) choice = ak_key_choice_new (G_LIST_MODEL (keys));
  g_autoptr(AkKey) a = choice_key (AK_KEY_KIND_EC2, "a1");
  g_autoptr(AkKey) b = choice_key (AK_KEY_KIND_EC2, "b2");
  g_autoptr(AkKey) c = choice_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, "b2");
  g_autoptr(AkKey) b_again = choice_key (AK_KEY_KIND_EC2, "b2");
  g_autoptr(AkKey) c_again = choice_key (AK_KEY_KIND_APPLICATION_CREDENTIAL, "b2");
  g_autoptr(GPtrArray) chosen = NULL;
  AkKey *refreshed[] = { c_again, b_again };
  guint changed = 0;

  g_signal_connect (choice, "changed", G_CALLBACK (count_cb), &changed);
  g_list_store_append (keys, a);
  g_list_store_append (keys, b);
  g_list_store_append (keys, c);

  ak_key_choice_set_chosen (choice, b, TRUE);
  ak_key_choice_set_chosen (choice, c, TRUE);
  ak_key_choice_set_chosen (choice, c, TRUE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 2);
  /* Same ID, other kind: another key. */
  g_assert_false (ak_key_choice_get_chosen (choice, a));
  g_assert_true (ak_key_choice_get_chosen (choice, b_again));

  /* A refresh: new objects, another order, and "a1" gone. The chosen keys
   * are the list's new objects, in its new order. */
  g_list_store_splice (keys, 0, 3, (gpointer *) refreshed, G_N_ELEMENTS (refreshed));
  chosen = ak_key_choice_dup_chosen (choice);
  g_assert_cmpuint (chosen->len, ==, 2);
  g_assert_true (g_ptr_array_index (chosen, 0) == c_again);
  g_assert_true (g_ptr_array_index (chosen, 1) == b_again);
  g_clear_pointer (&chosen, g_ptr_array_unref);

  /* A chosen key that leaves the list leaves the choice. */
  g_list_store_remove (keys, 1);
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 1);
  g_assert_false (ak_key_choice_get_chosen (choice, b));
  /* Back in the list, it is not chosen again behind the person's back. */
  g_list_store_append (keys, b);
  g_assert_false (ak_key_choice_get_chosen (choice, b));

  ak_key_choice_set_chosen (choice, c, FALSE);
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 0);
  chosen = ak_key_choice_dup_chosen (choice);
  g_assert_cmpuint (chosen->len, ==, 0);
}

static void
test_key_choice_all_and_clear (void)
{
  g_autoptr(GListStore) keys = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(GListStore) shown = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(GListStore) other = g_list_store_new (AK_TYPE_KEY);
  g_autoptr(AkKeyChoice) choice = ak_key_choice_new (G_LIST_MODEL (keys));
  guint notified = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("key%u", i);
      g_autoptr(AkKey) key = choice_key (AK_KEY_KIND_EC2, id);

      g_list_store_append (keys, key);
      /* The search shows the odd ones. */
      if (i % 2 == 1)
        g_list_store_append (shown, key);
    }

  g_signal_connect (choice, "notify::n-chosen", G_CALLBACK (notify_count_cb), &notified);
  ak_key_choice_choose_all (choice, G_LIST_MODEL (shown));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  /* Again: nothing changes, nothing is said. */
  ak_key_choice_choose_all (choice, G_LIST_MODEL (shown));
  g_assert_cmpuint (notified, ==, 1);

  ak_key_choice_clear (choice);
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 0);
  g_assert_cmpuint (notified, ==, 2);

  /* Another account's keys: nothing stays chosen. */
  ak_key_choice_choose_all (choice, G_LIST_MODEL (keys));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 5);
  ak_key_choice_set_keys (choice, G_LIST_MODEL (other));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/key/new", test_key_new);
  g_test_add_func ("/core/key/construct-properties", test_key_construct_properties);
  g_test_add_func ("/core/key/refuses-empty-id", test_key_refuses_empty_id);
  g_test_add_func ("/core/key/kind-labels", test_key_kind_labels);
  g_test_add_func ("/core/key/notify", test_key_notify);
  g_test_add_func ("/core/key/owner-fallback", test_key_owner_fallback);
  g_test_add_func ("/core/key/search", test_key_search);
  g_test_add_func ("/core/key/equal", test_key_equal);
  g_test_add_func ("/core/key-choice/by-identity", test_key_choice_by_identity);
  g_test_add_func ("/core/key-choice/all-and-clear", test_key_choice_all_and_clear);
  g_test_add_func ("/core/error/messages", test_error_messages);
  g_test_add_func ("/core/error/detail-and-status", test_error_detail_and_status);
  g_test_add_func ("/core/error/set", test_error_set);
  g_test_add_func ("/core/secret/new", test_secret_new);
  g_test_add_func ("/core/secret/new-len", test_secret_new_len);
  g_test_add_func ("/core/secret/ref", test_secret_ref);
  g_test_add_func ("/core/secret/wipe", test_secret_wipe);

  return g_test_run ();
}
