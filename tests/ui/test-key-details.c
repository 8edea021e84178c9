/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-details"

#include "config.h"

#include <string.h>

#include "ak-access-rule.h"
#include "ak-application.h"
#include "ak-key-details-pane.h"
#include "ak-key-row-actions.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* The details pane in a real window, on keys of an AkTestProvider: what it
 * shows of a key and of the server's lookups, what it says when a lookup
 * is refused, and that moving to another key cancels the lookup before. */

static AkApplication *app;

typedef struct
{
  GSettings      *settings;
  AkWindow       *window;
  AkTestProvider *provider;
  AkAccount      *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AkDirectoryEntry) alice = NULL;
  g_autoptr(AkDirectoryEntry) bob = NULL;
  g_autoptr(AkDirectoryEntry) data_project = NULL;
  g_autoptr(AkDirectoryEntry) web_project = NULL;
  g_autoptr(GDateTime) expired = g_date_time_new_utc (2024, 3, 2, 14, 30, 0);
  AkKey *key;

  f->settings = g_settings_new ("io.github.accesskeys.AccessKeys");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "window-maximized");
  g_settings_reset (f->settings, "key-scope");
  g_settings_reset (f->settings, "last-account");

  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                      AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  key = ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "AKDETAILS0001ALPHA", "alice", "data", "nightly backup");
  ak_key_set_project_id (key, "pid-data");
  ak_key_set_description (key, "Copies the database to the archive every night, "
                               "for the finance team's reports");
  ak_key_set_expires_at (key, expired);
  {
    const char *roles[] = { "member", "reader", NULL };
    g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (
                                   (GDestroyNotify) ak_access_rule_free);

    g_ptr_array_add (rules, ak_access_rule_new ("rule-1", "object-store", "PUT",
                                                "/v1/AUTH_data/backups/**"));
    ak_key_set_roles (key, roles);
    ak_key_set_access_rules (key, rules);
    ak_key_set_unrestricted (key, FALSE);
  }
  key = ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKDETAILS0002BRAVO",
                                      "bob", "web", NULL);
  ak_key_set_project_id (key, "pid-web");

  alice = ak_directory_entry_new (AK_DIRECTORY_KIND_USER, "uid-alice", "alice", "default",
                                  TRUE);
  bob = ak_directory_entry_new (AK_DIRECTORY_KIND_USER, "uid-bob", "Bob Builder", "default",
                                FALSE);
  data_project = ak_directory_entry_new (AK_DIRECTORY_KIND_PROJECT, "pid-data", "data",
                                         "default", TRUE);
  web_project = ak_directory_entry_new (AK_DIRECTORY_KIND_PROJECT, "pid-web", "web shop",
                                        "default", TRUE);
  ak_test_provider_add_directory_entry (f->provider, alice);
  ak_test_provider_add_directory_entry (f->provider, bob);
  ak_test_provider_add_directory_entry (f->provider, data_project);
  ak_test_provider_add_directory_entry (f->provider, web_project);

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "tester");

  f->window = ak_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) == 2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_object (&f->settings);
}

static AkKeyDetailsPane *
pane (Fixture *f)
{
  return AK_KEY_DETAILS_PANE (ak_ui_test_get_widget (f->window, "details_pane"));
}

static AkKey *
window_key (Fixture    *f,
            const char *id)
{
  AkKey *key = ak_ui_test_find_window_key (f->window, id);

  g_assert_nonnull (key);
  return key;
}

/* "Details" in the key's menu, as a person chooses it. */
static void
choose_details (Fixture    *f,
                const char *id)
{
  GtkWidget *cell = NULL;

  ak_ui_test_wait_for ((cell = ak_ui_test_row_cell (f->window, id)) != NULL);
  g_assert_true (gtk_widget_activate_action (cell, "key.details", NULL));
}

static char *
pane_text (Fixture *f)
{
  return ak_ui_test_collect_text (GTK_WIDGET (pane (f)));
}

static gboolean
pane_shown (Fixture *f)
{
  GtkWidget *revealer = ak_ui_test_get_widget (f->window, "details_revealer");

  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) &&
         gtk_widget_get_mapped (GTK_WIDGET (pane (f)));
}

static gboolean
text_has (Fixture    *f,
          const char *needle)
{
  g_autofree char *text = pane_text (f);

  return strstr (text, needle) != NULL;
}

static GtkWidget *
find_copy_button (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = ak_ui_test_find_all_by_type (GTK_WIDGET (pane (f)),
                                                              GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Copy ID") == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
clipboard_says (const char *expected)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autofree char *text = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  ak_ui_test_wait_for (text != NULL);

  return g_strcmp0 (text, expected) == 0;
}

static void
test_shows_key (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *copy;

  ak_key_set_flags (window_key (f, "AKDETAILS0001ALPHA"), AK_KEY_FLAGS_EXPIRED);
  choose_details (f, "AKDETAILS0001ALPHA");
  ak_ui_test_wait_for (pane_shown (f));
  ak_ui_test_wait_for (!ak_key_details_pane_get_loading (pane (f)));

  text = pane_text (f);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "ID\nAKDETAILS0001ALPHA"));
  g_assert_nonnull (strstr (text, "Name\nnightly backup"));
  g_assert_nonnull (strstr (text, "for the finance team's reports"));
  g_assert_nonnull (strstr (text, "2024"));
  g_assert_nonnull (strstr (text, "ago"));
  g_assert_nonnull (strstr (text, ak_key_flag_get_sentence (AK_KEY_FLAGS_EXPIRED)));
  g_assert_nonnull (strstr (text, "Roles\nmember, reader"));
  g_assert_nonnull (strstr (text, "Unrestricted\nNo"));
  g_assert_nonnull (strstr (text, "PUT /v1/AUTH_data/backups/** (object-store)"));
  /* The owner and project as the lookups have them. */
  g_assert_nonnull (strstr (text, "ID\nuid-alice"));
  g_assert_nonnull (strstr (text, "Enabled"));
  g_assert_nonnull (strstr (text, "ID\npid-data"));
  g_assert_null (strstr (text, "could not"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP), ==, 2);

  /* Copy puts the whole ID on the clipboard. */
  copy = find_copy_button (f);
  g_assert_nonnull (copy);
  ak_ui_test_click (copy);
  ak_ui_test_wait_for (clipboard_says ("AKDETAILS0001ALPHA"));

  /* A flag set later shows at once. */
  ak_key_set_flags (window_key (f, "AKDETAILS0001ALPHA"),
                    AK_KEY_FLAGS_EXPIRED | AK_KEY_FLAGS_UNRESTRICTED);
  g_assert_true (text_has (f, ak_key_flag_get_sentence (AK_KEY_FLAGS_UNRESTRICTED)));

  /* The other key: a disabled owner, said plainly; asked once per user. */
  choose_details (f, "AKDETAILS0002BRAVO");
  ak_ui_test_wait_for (text_has (f, "Bob Builder"));
  g_assert_true (text_has (f, "Disabled"));
  g_assert_true (text_has (f, "web shop"));
  choose_details (f, "AKDETAILS0001ALPHA");
  ak_ui_test_wait_for (text_has (f, "ID\nuid-alice"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP), ==, 4);

  /* F9 and the header bar's button hide it again. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-details", NULL);
  ak_ui_test_wait_for (!gtk_revealer_get_reveal_child (
                         GTK_REVEALER (ak_ui_test_get_widget (f->window, "details_revealer"))));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = NULL;

  /* A member may not look up the owner; the project is read. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LOOKUP, AK_ERROR_PERMISSION);
  choose_details (f, "AKDETAILS0002BRAVO");
  ak_ui_test_wait_for (pane_shown (f));
  ak_ui_test_wait_for (!ak_key_details_pane_get_loading (pane (f)));

  text = pane_text (f);
  g_test_message ("%s", text);
  /* What the list knew, and what could not be read, never a guess. */
  g_assert_nonnull (strstr (text, "Name\nbob"));
  g_assert_nonnull (strstr (text, "ID\nuid-bob"));
  g_assert_nonnull (strstr (text, "may not look up this user"));
  g_assert_null (strstr (text, "Enabled"));
  g_assert_null (strstr (text, "Disabled"));
  g_assert_nonnull (strstr (text, "web shop"));
  g_assert_null (strstr (text, "403"));
}

static void
test_switch_cancels (Fixture       *f,
                     gconstpointer  data)
{
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LOOKUP, FALSE);

  choose_details (f, "AKDETAILS0001ALPHA");
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LOOKUP) == 2);
  g_assert_true (ak_key_details_pane_get_loading (pane (f)));
  ak_ui_test_wait_for (text_has (f, "Looking up the owner"));

  /* Another key: the two lookups for the first are cancelled, two start. */
  choose_details (f, "AKDETAILS0002BRAVO");
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP) == 4);
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LOOKUP) == 2);

  while (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LOOKUP))
    ;
  ak_ui_test_wait_for (!ak_key_details_pane_get_loading (pane (f)));
  g_assert_true (ak_key_get_id (ak_key_details_pane_get_key (pane (f))) != NULL);
  g_assert_cmpstr (ak_key_get_id (ak_key_details_pane_get_key (pane (f))), ==,
                   "AKDETAILS0002BRAVO");
  g_assert_true (text_has (f, "Bob Builder"));
  g_assert_false (text_has (f, "uid-alice"));
}

static GtkSelectionModel *
list_selection (Fixture *f)
{
  GtkWidget *view = ak_ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);

  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  GListModel *rows = G_LIST_MODEL (list_selection (f));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (rows, i);

      if (g_strcmp0 (ak_key_get_id (key), id) == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* Shown with Show Details, the pane follows the selected row, and a row
 * selected while a lookup is on its way cancels it. */
static void
test_follows_selection (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-details", NULL);
  ak_ui_test_wait_for (pane_shown (f));
  text = pane_text (f);
  g_assert_nonnull (strstr (text, "No Key Selected"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP), ==, 0);

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LOOKUP, FALSE);
  gtk_selection_model_select_item (list_selection (f), position_of (f, "AKDETAILS0001ALPHA"),
                                   TRUE);
  ak_ui_test_wait_for (text_has (f, "ID\nAKDETAILS0001ALPHA"));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LOOKUP) == 2);

  gtk_selection_model_select_item (list_selection (f), position_of (f, "AKDETAILS0002BRAVO"),
                                   TRUE);
  ak_ui_test_wait_for (text_has (f, "ID\nAKDETAILS0002BRAVO"));
  g_assert_false (text_has (f, "AKDETAILS0001ALPHA"));
  /* The first key's two lookups cancelled; the second's two waiting. */
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP) == 4);
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LOOKUP) == 2);
  while (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LOOKUP))
    ;
  ak_ui_test_wait_for (text_has (f, "Bob Builder"));

  /* Hidden, the pane follows nothing and asks nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-details", NULL);
  ak_ui_test_wait_for (ak_key_details_pane_get_key (pane (f)) == NULL);
  gtk_selection_model_select_item (list_selection (f), position_of (f, "AKDETAILS0001ALPHA"),
                                   TRUE);
  ak_ui_test_drain ();
  g_assert_null (ak_key_details_pane_get_key (pane (f)));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LOOKUP), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ak_ui_test_init (&argc, &argv);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/key-details/shows-key", Fixture, NULL,
              fixture_setup, test_shows_key, fixture_teardown);
  g_test_add ("/key-details/refused", Fixture, NULL,
              fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/key-details/switch-cancels", Fixture, NULL,
              fixture_setup, test_switch_cancels, fixture_teardown);
  g_test_add ("/key-details/follows-selection", Fixture, NULL,
              fixture_setup, test_follows_selection, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
