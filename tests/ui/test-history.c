/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>

#include "ak-application.h"
#include "ak-history-window.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* The History window, as a person finds it: from the primary menu, empty at
 * first, then listing a delete made through the window and a restore, and
 * saving it all as CSV (the file chooser itself cannot be driven headless,
 * so the test hands the window the file a person would have chosen). */

#define ALPHA   "AKIA0001ALPHA"
#define CHARLIE "AKIA0003CHARLIE"

static AkApplication *app;

typedef struct
{
  AkWindow       *window;
  AkTestProvider *provider;
  AkAccount      *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  /* Restorable keys: the delete question asks only for a click. */
  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_RESTORE);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, CHARLIE, "carol", "data",
                                "Backups");

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");

  f->window = ak_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 600);
  gtk_window_present (GTK_WINDOW (f->window));
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
}

/* Whether the primary menu has an item with @label for @action. */
static gboolean
menu_has_item (GMenuModel *menu,
               const char *label,
               const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_label = NULL;
      g_autofree char *item_action = NULL;

      if (section != NULL && menu_has_item (section, label, action))
        return TRUE;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_label, label) && g_str_equal (item_action, action))
        return TRUE;
    }

  return FALSE;
}

static AkHistoryWindow *
open_history (Fixture *f)
{
  GtkWindow *history_window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-history", NULL));
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_HISTORY_WINDOW) != NULL);
  history_window = ak_ui_test_find_toplevel (AK_TYPE_HISTORY_WINDOW);
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (history_window)));
  g_assert_true (gtk_window_get_transient_for (history_window) == GTK_WINDOW (f->window));

  return AK_HISTORY_WINDOW (history_window);
}

static gboolean
text_has (gpointer    root,
          const char *text)
{
  g_autofree char *shown = ak_ui_test_collect_text (GTK_WIDGET (root));

  return shown != NULL && strstr (shown, text) != NULL;
}

static gboolean
toast_says (gpointer    root,
            const char *text)
{
  g_autofree char *shown = ak_ui_test_toast_text (GTK_WIDGET (root));

  return shown != NULL && strstr (shown, text) != NULL;
}

static AkConfirmation *
find_delete_dialog (void)
{
  AkConfirmation *confirmation = ak_ui_test_find_confirmation (NULL);

  if (confirmation == NULL ||
      !g_str_has_prefix (ak_confirmation_get_heading (confirmation), "Delete "))
    return NULL;

  return confirmation;
}

/* Deletes CHARLIE as a person does: the Delete action of its row, then the
 * question's Delete button. */
static void
delete_charlie (Fixture *f)
{
  AkConfirmation *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-key", "(us)",
                                             (guint32) AK_KEY_KIND_EC2, CHARLIE));
  ak_ui_test_wait_for (find_delete_dialog () != NULL);
  dialog = find_delete_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), "_Delete"));
  ak_ui_test_wait_for (dialog == NULL);
  ak_ui_test_wait_for (!ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, CHARLIE));
}

static void
test_menu_and_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AkHistory) empty = NULL;
  g_autofree char *path = NULL;
  GtkMenuButton *menu_button;
  AkHistoryWindow *history_window;

  menu_button = GTK_MENU_BUTTON (ak_ui_test_get_widget (f->window, "primary_menu_button"));
  g_assert_true (menu_has_item (gtk_menu_button_get_menu_model (menu_button), "_History",
                                "win.show-history"));

  /* The application's history is every account's. */
  history_window = open_history (f);
  g_assert_true (ak_history_window_get_history (history_window) ==
                 ak_application_get_history (app));

  /* A history with nothing in it says what would be there, and there is
   * nothing to export. */
  gtk_window_destroy (GTK_WINDOW (history_window));
  path = g_build_filename (g_get_user_state_dir (), "empty", "history.jsonl", NULL);
  empty = ak_history_new (path);
  history_window = ak_history_window_new (GTK_WINDOW (f->window), empty);
  gtk_window_present (GTK_WINDOW (history_window));
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_get_widget (history_window,
                                                                      "empty_page")));
  g_assert_true (text_has (history_window, "No History Yet"));
  g_assert_false (gtk_widget_get_mapped (ak_ui_test_get_widget (history_window,
                                                                 "column_view")));
  g_assert_false (gtk_widget_is_sensitive (ak_ui_test_get_widget (history_window,
                                                                   "export_button")));
  gtk_window_destroy (GTK_WINDOW (history_window));
}

static void
test_delete_appears_and_exports (Fixture       *f,
                                 gconstpointer  data)
{
  AkAccountSession *session = ak_window_get_session (f->window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkKeyResult) key_result = NULL;
  g_autoptr(AkHistoryEntry) newest = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  AkHistoryWindow *history_window;
  GListModel *entries;
  guint n_before;

  history_window = open_history (f);
  entries = ak_history_get_entries (ak_history_window_get_history (history_window));
  n_before = g_list_model_get_n_items (entries);

  /* Made in the main window while the History is open, it shows at once. */
  delete_charlie (f);
  ak_ui_test_wait_for (g_list_model_get_n_items (entries) == n_before + 1);
  newest = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (ak_history_entry_get_key_id (newest), ==, CHARLIE);
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_get_widget (history_window,
                                                                      "column_view")));
  ak_ui_test_wait_for (text_has (history_window, "Backups"));
  g_assert_true (text_has (history_window, "Deleted"));
  g_assert_true (text_has (history_window, "carol"));
  g_assert_true (text_has (history_window, "data"));
  g_assert_true (text_has (history_window, "Test Cloud"));
  g_assert_true (gtk_widget_is_sensitive (ak_ui_test_get_widget (history_window,
                                                                  "export_button")));

  /* Undone from the session: on top, in plain words. */
  ak_account_session_restore_key_async (session, AK_KEY_KIND_EC2, CHARLIE,
                                        ak_ui_test_store_result_cb, &result);
  ak_ui_test_wait_for (result != NULL);
  key_result = ak_account_session_restore_key_finish (session, result, NULL);
  g_assert_cmpint (ak_key_result_get_outcome (key_result), ==, AK_KEY_OUTCOME_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n_before + 2);
  ak_ui_test_wait_for (text_has (history_window, "Restored"));

  /* Export, as if this file had been chosen. */
  path = g_build_filename (g_get_user_state_dir (), "exported.csv", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  file = g_file_new_for_path (path);
  ak_history_window_export (history_window, file);
  ak_ui_test_wait_for (toast_says (history_window, "History exported as “exported.csv”"));
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "Time (UTC),What Happened,Key ID,"));
  g_assert_nonnull (strstr (csv, ",Restored," CHARLIE ",Backups,Access key,carol,data,"
                                 "Test Cloud,"));
  g_assert_nonnull (strstr (csv, ",Deleted," CHARLIE ",Backups,Access key,carol,data,"
                                 "Test Cloud,"));
  g_assert_true (strstr (csv, ",Restored,") < strstr (csv, ",Deleted,"));

  /* A folder that is not there: said plainly, and nothing else happens. */
  nowhere = g_file_new_build_filename (g_get_user_state_dir (), "no", "such", "folder",
                                       "history.csv", NULL);
  ak_history_window_export (history_window, nowhere);
  ak_ui_test_wait_for (toast_says (history_window, "The history could not be saved there."));
  g_assert_false (g_file_query_exists (nowhere, NULL));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ak_ui_test_init (&argc, &argv);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/history-window/menu-and-empty", test_menu_and_empty);
  ADD ("/history-window/delete-appears-and-exports", test_delete_appears_and_exports);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
