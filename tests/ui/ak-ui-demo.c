/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-ui-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ak-account-dialog.h"
#include "ak-application.h"
#include "ak-confirmation.h"
#include "ak-create-dialog.h"
#include "ak-import-dialog.h"
#include "ak-key-list.h"
#include "ak-key-filter-button.h"
#include "ak-key-row-actions.h"
#include "ak-key-status.h"
#include "ak-keystone-provider.h"
#include "ak-provider-factory.h"
#include "ak-replace-dialog.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* The real application with ak-test-provider standing in for the cloud, so
 * each state of the window can be looked at (and screenshotted) without a
 * server. Not installed.
 *
 *   ak-ui-demo [keys|delete|deleting|empty|error|signed-out|toast|search|
 *               all-users|many|sign-in|create|replace|replace-secret|history|menu|
 *               checking|
 *               checked|undo|recently-deleted|selection|selection-asked|
 *               selection-done|details|details-refused|flags|flags-filter|
 *               flags-filter-menu|replace-switch|replace-delete|replace-done|
 *               create-all-users|create-all-users-other|organisation]
 *
 * "details" opens the details pane on the application credential, with its
 * owner and project looked up; "details-refused" the same for a member who
 * may not look up the owner.
 *
 * "flags" adds keys with something that needs attention, one of each flag,
 * so the list has its Status column; "flags-filter" then turns on the
 * Needs Attention filter, and "flags-filter-menu" opens the filter bar's
 * menu.
 *
 * "replace-switch" goes on from "replace-secret" to the question whether the
 * programs use the new key; "replace-delete" answers Delete Old Key, and
 * "replace-done" confirms the delete.
 *
 * "create-all-users" opens Create in All Users, where the dialog says whose
 * the key will be; "create-all-users-other" chooses another user as its owner.
 *
 * "organisation" signs in to a real Keystone as its administrator (from the
 * environment tests/harness/with-keystone.sh exports: AK_TEST_KEYSTONE_URL,
 * AK_TEST_ADMIN_USER, _PASSWORD, _PROJECT), in All Users. Needs a keyring
 * (RUN_HEADLESS_KEYRING=1).
 *
 * "checking" stops with a delete whose answer was lost, while the server is
 * asked what happened; "checked" goes on to the answer.
 *
 * Its history is a file of its own in a new temporary folder, never the
 * user's.
 *
 * Its translations are the build's own (AK_DEMO_LOCALEDIR, <build>/po), so
 * `LANGUAGE=zh_CN ak-ui-demo` shows the Chinese one without installing. The
 * locale must not be C or POSIX, or gettext ignores LANGUAGE: LANG=C.UTF-8
 * will do.
 */

static const char *mode = "keys";
static AkTestProvider *provider;
static AkAccount *account;

static void
add_sample_keys (void)
{
  AkKey *key;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2027, 3, 31, 0, 0, 0);

  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                      "AKIA4F2C9E7D1B3A5C80", "alice", "web-shop", NULL);
  ak_key_set_project_id (key, "pid-web-shop");
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                      "AKIA9B1D3F5E7A2C4E61", "bob", "web-shop", NULL);
  ak_key_set_project_id (key, "pid-web-shop");
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5", "alice", "backups",
                                      "nightly-backup");
  ak_key_set_project_id (key, "pid-backups");
  {
    const char *roles[] = { "member", "reader", NULL };

    ak_key_set_roles (key, roles);
    ak_key_set_unrestricted (key, TRUE);
  }
  ak_key_set_description (key, "Copies the database to cold storage every night");
  ak_key_set_expires_at (key, expires);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                      "AKIA7E3A1C9B5D2F8A44", "carol", "analytics", NULL);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b", "dave", "web-shop",
                                      "ci-deploy");
  ak_key_set_description (key, "Used by the deploy pipeline");
}

/* "flags": a key for each thing that needs attention. Carol gets three keys,
 * more than an owner should have. */
static void
add_flagged_keys (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expired = g_date_time_add_days (now, -12);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 9);
  AkKey *key;

  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                "AKIA2D8F6B4A0C9E7D13", "carol", "analytics", NULL);
  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                "AKIA5C1E9A7F3B8D2E06", "carol", "analytics", NULL);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "4e1f8a3c6b9d42e7a5c0f2b8d6e4a1c3", "erin", "analytics",
                                      "report-export");
  ak_key_set_expires_at (key, expired);
  key = ak_test_provider_add_new_key (provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "7b2d9e4f1a6c43b8e0d5a7f3c9b1e6d2", "frank", "web-shop",
                                      "staging-sync");
  ak_key_set_expires_at (key, soon);
  ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2,
                                "AKIA8F0B2D4C6E1A3B57", "grace", "web-shop", NULL);
}

/* What the server tells of owners (ak-test-provider keeps no such thing):
 * bob's account is disabled, grace has lost her role in web-shop. */
static gboolean
flag_owners_cb (gpointer data)
{
  AkWindow *window = AK_WINDOW (data);
  AkAccountSession *session = ak_window_get_session (window);
  AkKey *bob = ak_account_session_find_key (session, AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61");
  AkKey *grace = ak_account_session_find_key (session, AK_KEY_KIND_EC2, "AKIA8F0B2D4C6E1A3B57");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *list = NULL;

  if (bob == NULL || grace == NULL)
    return G_SOURCE_CONTINUE;

  ak_key_set_owner_disabled (bob, TRUE);
  ak_key_set_owner_lacks_role (grace, TRUE);
  /* 30: the default of Preferences' "expires-soon-days". */
  ak_key_status_update_model (ak_window_get_keys (window), now, 30, NULL);

  if (g_str_has_prefix (mode, "flags-filter"))
    {
      list = ak_ui_test_find_by_type (GTK_WIDGET (window), AK_TYPE_KEY_LIST);
      ak_key_filter_set_needs_attention (ak_key_list_get_filter (AK_KEY_LIST (list)), TRUE);
    }
  if (g_str_equal (mode, "flags-filter-menu"))
    {
      GtkWidget *bar_button = ak_ui_test_find_by_id (list, "bar_filter_button");

      gtk_menu_button_popup (GTK_MENU_BUTTON (ak_ui_test_find_by_type (bar_button,
                                                                       GTK_TYPE_MENU_BUTTON)));
    }

  return G_SOURCE_REMOVE;
}

static gboolean
open_delete_dialog_cb (gpointer data)
{
  AkWindow *window = data;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-key", "(us)",
                              (guint32) AK_KEY_KIND_EC2, "AKIA9B1D3F5E7A2C4E61");

  return G_SOURCE_REMOVE;
}

static gboolean
confirm_delete_cb (gpointer data)
{
  AkConfirmation *confirmation = ak_confirmation_get_open (NULL);

  if (confirmation != NULL)
    ak_confirmation_respond (confirmation, "delete");

  return G_SOURCE_REMOVE;
}

/* A few changes, as the History shows them. */
static void
add_sample_history (AkApplication *application)
{
  static const struct {
    const char     *id;
    AkKeyOperation  operation;
    AkKeyOutcome    outcome;
  } changes[] = {
    { "AKIA7E3A1C9B5D2F8A44", AK_KEY_OPERATION_CREATE, AK_KEY_OUTCOME_DONE },
    { "AKIA9B1D3F5E7A2C4E61", AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_DONE },
    { "AKIA9B1D3F5E7A2C4E61", AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_DONE },
    { "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b", AK_KEY_OPERATION_DELETE,
      AK_KEY_OUTCOME_NOT_ALLOWED },
    { "AKIA4F2C9E7D1B3A5C80", AK_KEY_OPERATION_DELETE, AK_KEY_OUTCOME_UNKNOWN },
  };
  AkHistory *history = ak_application_get_history (application);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      AkKeyKind kind = changes[i].id[0] == 'A' ? AK_KEY_KIND_EC2
                                               : AK_KEY_KIND_APPLICATION_CREDENTIAL;
      g_autoptr(AkKey) key = NULL;
      g_autoptr(AkKeyResult) result = NULL;

      key = ak_key_new (kind, changes[i].id);
      ak_key_set_user_name (key, i % 2 == 0 ? "carol" : "bob");
      ak_key_set_project_name (key, "web-shop");
      if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
        ak_key_set_name (key, "ci-deploy");
      result = ak_key_result_new (changes[i].operation, changes[i].outcome, key, NULL);
      ak_history_record (history, result, account);
    }
}

static gboolean
activate_window_action_cb (gpointer data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (
    g_application_get_default ())));

  gtk_widget_activate_action (window, data, NULL);

  return G_SOURCE_REMOVE;
}

/* "replace": Replace… on alice's nightly-backup, as its menu opens it. */
static gboolean
open_replace_cb (gpointer data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (
    g_application_get_default ())));

  gtk_widget_activate_action (window, "win.replace-key", "(us)",
                              (guint32) AK_KEY_KIND_APPLICATION_CREDENTIAL,
                              "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5");

  return G_SOURCE_REMOVE;
}

/* "replace-secret": then its default button, Create New Key: the new key's
 * secret, shown once. */
static gboolean
create_replacement_cb (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();
  GtkWindow *dialog = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (AK_IS_REPLACE_DIALOG (l->data))
      dialog = l->data;

  if (dialog != NULL && gtk_window_get_default_widget (dialog) != NULL)
    gtk_widget_activate (gtk_window_get_default_widget (dialog));

  return G_SOURCE_REMOVE;
}

/* "replace-delete": Delete Old Key, on the question that follows the secret. */
static gboolean
delete_old_key_cb (gpointer data)
{
  GtkWindow *dialog = ak_ui_test_find_toplevel (AK_TYPE_REPLACE_DIALOG);

  if (dialog != NULL)
    gtk_widget_activate (ak_ui_test_find_by_id (GTK_WIDGET (dialog), "delete_old_button"));

  return G_SOURCE_REMOVE;
}

/* "replace-done": the old key's name typed, as the question asks before it
 * deletes an application credential. */
static gboolean
type_key_name_cb (gpointer data)
{
  AkConfirmation *confirmation = ak_confirmation_get_open (NULL);
  GtkWidget *entry;

  if (confirmation == NULL)
    return G_SOURCE_REMOVE;

  entry = ak_ui_test_find_by_type (ak_confirmation_get_dialog (confirmation), GTK_TYPE_EDITABLE);
  if (entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), data);

  return G_SOURCE_REMOVE;
}

/* "create-all-users-other": the first other user chosen in the Owner row. */
static gboolean
choose_other_owner_cb (gpointer data)
{
  GtkWindow *dialog = ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG);
  GtkWidget *row = dialog != NULL ? ak_ui_test_find_by_id (GTK_WIDGET (dialog), "owner_row")
                                  : NULL;

  if (row != NULL)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);

  return G_SOURCE_REMOVE;
}

/* "import": a clouds.yaml in the session's config folder, and the import
 * list over the sign-in dialog, as Import… opens it. */
static void
write_demo_clouds (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "openstack", NULL);
  g_autofree char *path = g_build_filename (dir, "clouds.yaml", NULL);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path,
                       "clouds:\n"
                       "  production:\n"
                       "    auth:\n"
                       "      auth_url: https://identity.example.com:5000/v3\n"
                       "      username: alice\n"
                       "      project_name: demo\n"
                       "      password: demo-password\n"
                       "  ci:\n"
                       "    auth_type: v3applicationcredential\n"
                       "    auth:\n"
                       "      auth_url: https://identity.example.com:5000/v3\n"
                       "      application_credential_id: 0123abcd\n"
                       "  sso:\n"
                       "    auth_type: v3oidcpassword\n"
                       "    auth: {auth_url: https://sso.example.com/v3}\n",
                       -1, NULL);
}

static gboolean
open_import_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (AK_IS_ACCOUNT_DIALOG (window))
        gtk_window_present (GTK_WINDOW (ak_import_dialog_new (window)));
    }

  return G_SOURCE_REMOVE;
}

/* The keys ticked in selection mode, and for "selection-asked" the
 * question that lists them. */
/* "sign-in-error": the dialog speaks to a real server, as in the app. */
static AkProvider *
keystone_factory (AkAccount *account,
                  AkSecret  *secret,
                  gpointer   user_data)
{
  return ak_keystone_provider_new (account, secret);
}

/* "sign-in-error": the dialog filled in and sent to AK_DEMO_SIGN_IN_URL (a
 * web server that is no sign-in service, say), to show what it answers;
 * "organisation": the real Keystone's administrator. */
static gboolean
try_sign_in_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  gboolean admin = g_str_equal (mode, "organisation");
  const struct { const char *id; const char *text; } fields[] = {
    { "url_row", g_getenv (admin ? "AK_TEST_KEYSTONE_URL" : "AK_DEMO_SIGN_IN_URL") },
    { "username_row", admin ? g_getenv ("AK_TEST_ADMIN_USER") : "alice" },
    { "password_row", admin ? g_getenv ("AK_TEST_ADMIN_PASSWORD") : "not-her-password" },
    { "project_row", admin ? g_getenv ("AK_TEST_ADMIN_PROJECT") : "demo" },
  };

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!AK_IS_ACCOUNT_DIALOG (window))
        continue;

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        gtk_editable_set_text (GTK_EDITABLE (ak_ui_test_find_by_id (GTK_WIDGET (window), fields[f].id)),
                               fields[f].text != NULL ? fields[f].text : "");
      gtk_widget_activate (ak_ui_test_find_by_id (GTK_WIDGET (window), "sign_in_button"));
    }

  return G_SOURCE_REMOVE;
}

static gboolean
select_keys_cb (gpointer data)
{
  AkWindow *window = data;
  GtkWidget *list = gtk_widget_get_first_child (GTK_WIDGET (window));
  /* "selection-done" deletes three access keys, which can all come back. */
  const char *ids[] = {
    "AKIA4F2C9E7D1B3A5C80", "AKIA7E3A1C9B5D2F8A44", "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
  };

  GListModel *keys = ak_window_get_keys (window);

  if (g_str_equal (mode, "selection-done"))
    ids[2] = "AKIA9B1D3F5E7A2C4E61";

  while (list != NULL && !AK_IS_KEY_LIST (list))
    {
      GtkWidget *next = gtk_widget_get_first_child (list);

      while (next == NULL && list != NULL)
        {
          next = gtk_widget_get_next_sibling (list);
          if (next == NULL)
            list = gtk_widget_get_parent (list);
          if (list == GTK_WIDGET (window))
            return G_SOURCE_REMOVE;
        }
      list = next;
    }
  if (list == NULL)
    return G_SOURCE_REMOVE;

  ak_key_list_set_selection_mode (AK_KEY_LIST (list), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);

      for (guint j = 0; j < G_N_ELEMENTS (ids); j++)
        if (g_str_equal (ak_key_get_id (key), ids[j]))
          ak_key_choice_set_chosen (ak_key_list_get_choice (AK_KEY_LIST (list)), key, TRUE);
    }

  if (g_str_equal (mode, "selection-asked") || g_str_equal (mode, "selection-done"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  if (g_str_equal (mode, "selection-done"))
    g_timeout_add (400, confirm_delete_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* The menu of the second key's row, as a right-click opens it. */
static gboolean
open_row_menu_cb (gpointer data)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GtkWidget *widget = GTK_WIDGET (data);

  /* Depth first, to the second row's menu cell. */
  while (widget != NULL)
    {
      if (AK_IS_KEY_ROW_ACTIONS (widget) && gtk_widget_get_mapped (widget))
        g_ptr_array_add (cells, widget);

      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && gtk_widget_get_next_sibling (widget) == NULL)
            widget = widget == data ? NULL : gtk_widget_get_parent (widget);
          if (widget != NULL && widget != data)
            widget = gtk_widget_get_next_sibling (widget);
          else
            widget = NULL;
        }
    }

  if (cells->len > 1)
    ak_key_row_actions_popup_menu (g_ptr_array_index (cells, 1), NULL);

  return G_SOURCE_REMOVE;
}

static gboolean
complete_check_cb (gpointer data)
{
  ak_test_provider_complete_next (provider, AK_TEST_CALL_GET);

  return G_SOURCE_REMOVE;
}

static void
add_sample_directory (void)
{
  const struct {
    AkDirectoryKind  kind;
    const char      *id;
    const char      *name;
  } entries[] = {
    { AK_DIRECTORY_KIND_USER, "uid-alice", "alice" },
    { AK_DIRECTORY_KIND_USER, "uid-bob", "bob" },
    { AK_DIRECTORY_KIND_PROJECT, "pid-web-shop", "web-shop" },
    { AK_DIRECTORY_KIND_PROJECT, "pid-backups", "backups" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(AkDirectoryEntry) entry = NULL;

      entry = ak_directory_entry_new (entries[i].kind, entries[i].id, entries[i].name,
                                      "default", TRUE);
      ak_test_provider_add_directory_entry (provider, entry);
    }
}

static gboolean
open_details_cb (gpointer data)
{
  AkWindow *window = AK_WINDOW (data);
  gboolean refused = g_str_equal (mode, "details-refused");
  /* Refused, an EC2 key, whose owner is near the top. */
  AkKeyKind kind = refused ? AK_KEY_KIND_EC2 : AK_KEY_KIND_APPLICATION_CREDENTIAL;
  AkKey *key = ak_account_session_find_key (ak_window_get_session (window), kind,
                                            refused ? "AKIA4F2C9E7D1B3A5C80"
                                                    : "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5");

  if (key == NULL)
    return G_SOURCE_CONTINUE;

  if (!refused)
    ak_key_set_flags (key, AK_KEY_FLAGS_UNRESTRICTED);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-key-details",
                                  g_variant_new ("(us)", (guint32) kind, ak_key_get_id (key)));

  return G_SOURCE_REMOVE;
}

static gboolean
search_cb (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (data), "search", NULL);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *application)
{
  AkWindow *window = AK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));

  /* As for an account signed in with a password: EC2 keys can be restored,
   * so the delete question asks for nothing to be typed. */
  provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                   AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                                   AK_PROVIDER_FEATURE_RESTORE |
                                   (g_str_equal (mode, "all-users")
                                      ? AK_PROVIDER_FEATURE_ALL_USERS : 0) |
                                   (g_str_has_prefix (mode, "create-all-users")
                                      ? AK_PROVIDER_FEATURE_ALL_USERS |
                                        AK_PROVIDER_FEATURE_CREATE_EC2 : 0));
  account = ak_account_new ();
  ak_account_set_label (account, "Demo Cloud");
  ak_account_set_auth_url (account, "https://keystone.example.com/v3");
  ak_account_set_username (account, "alice");
  if (g_str_equal (mode, "unencrypted"))
    {
      ak_account_set_auth_url (account, "http://keystone.example.com:5000/v3");
      ak_account_set_allow_unencrypted (account, TRUE);
    }

  if (!g_str_equal (mode, "empty"))
    add_sample_keys ();

  if (g_str_has_prefix (mode, "flags"))
    add_flagged_keys ();

  if (g_str_equal (mode, "many"))
    for (guint i = 0; i < 5000; i++)
      {
        g_autofree char *id = g_strdup_printf ("AKIA%08X%08X", i * 2654435761u, i);
        g_autofree char *owner = g_strdup_printf ("user%03u", i % 97);

        ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, id, owner, "bulk", NULL);
      }

  if (g_str_equal (mode, "details") || g_str_equal (mode, "details-refused"))
    add_sample_directory ();
  if (g_str_equal (mode, "details-refused"))
    ak_test_provider_push_error (provider, AK_TEST_CALL_LOOKUP, AK_ERROR_PERMISSION);

  if (g_str_equal (mode, "error"))
    ak_test_provider_push_result (provider, AK_TEST_CALL_LIST,
                                  ak_error_new (AK_ERROR_NETWORK, 0,
                                                "Error resolving “keystone.example.com”: "
                                                "Name or service not known"));
  else if (g_str_equal (mode, "signed-out"))
    ak_test_provider_push_error (provider, AK_TEST_CALL_LIST, AK_ERROR_AUTH);
  else if (g_str_equal (mode, "deleting"))
    ak_test_provider_set_auto_complete (provider, AK_TEST_CALL_DELETE, FALSE);
  else if (g_str_equal (mode, "toast"))
    ak_test_provider_push_error (provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);
  else if (g_str_equal (mode, "checking") || g_str_equal (mode, "checked"))
    {
      ak_test_provider_push_lost_answer (provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
      ak_test_provider_set_auto_complete (provider, AK_TEST_CALL_GET, FALSE);
    }

  ak_window_set_account (window, account, AK_PROVIDER (provider));

  /* AK_DEMO_WIDTH=400 shows how the window fits a narrow screen;
   * AK_DEMO_HEIGHT sets its height (600 with a width, else the default). */
  if (g_getenv ("AK_DEMO_WIDTH") != NULL || g_getenv ("AK_DEMO_HEIGHT") != NULL)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
      if (g_getenv ("AK_DEMO_WIDTH") != NULL)
        {
          width = atoi (g_getenv ("AK_DEMO_WIDTH"));
          height = 600;
        }
      if (g_getenv ("AK_DEMO_HEIGHT") != NULL)
        height = atoi (g_getenv ("AK_DEMO_HEIGHT"));
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
    }

  if (g_str_has_prefix (mode, "create-all-users") || g_str_equal (mode, "organisation"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.key-scope", "s", "all-users");

  if (g_str_equal (mode, "delete") || g_str_equal (mode, "deleting") ||
      g_str_equal (mode, "toast") || g_str_equal (mode, "checking") ||
      g_str_equal (mode, "checked") || g_str_equal (mode, "undo") ||
      g_str_equal (mode, "recently-deleted"))
    g_timeout_add (300, open_delete_dialog_cb, window);
  if (g_str_equal (mode, "deleting") || g_str_equal (mode, "toast") ||
      g_str_equal (mode, "checking") || g_str_equal (mode, "checked") ||
      g_str_equal (mode, "undo") || g_str_equal (mode, "recently-deleted"))
    g_timeout_add (700, confirm_delete_cb, NULL);
  if (g_str_equal (mode, "checked"))
    g_timeout_add (1500, complete_check_cb, NULL);
  if (g_str_equal (mode, "recently-deleted"))
    g_timeout_add (1200, activate_window_action_cb, (gpointer) "win.show-recently-deleted");
  if (g_str_equal (mode, "selection") || g_str_equal (mode, "selection-asked") ||
      g_str_equal (mode, "selection-done"))
    g_timeout_add (300, select_keys_cb, window);
  if (g_str_equal (mode, "menu"))
    g_timeout_add (300, open_row_menu_cb, window);
  if (g_str_equal (mode, "search"))
    g_timeout_add (300, search_cb, window);
  if (g_str_equal (mode, "details") || g_str_equal (mode, "details-refused"))
    g_timeout_add (300, open_details_cb, window);
  if (g_str_has_prefix (mode, "flags"))
    g_timeout_add (300, flag_owners_cb, window);
  if (g_str_equal (mode, "sign-in") || g_str_equal (mode, "import") ||
      g_str_equal (mode, "sign-in-error") || g_str_equal (mode, "organisation"))
    g_timeout_add (300, activate_window_action_cb, (gpointer) "win.add-account");
  if (g_str_equal (mode, "sign-in-error") || g_str_equal (mode, "organisation"))
    {
      ak_provider_factory_install (keystone_factory, NULL, NULL);
      g_timeout_add (800, try_sign_in_cb, NULL);
    }
  if (g_str_equal (mode, "import"))
    {
      write_demo_clouds ();
      g_timeout_add (800, open_import_cb, NULL);
    }
  if (g_str_equal (mode, "create") || g_str_has_prefix (mode, "create-all-users"))
    g_timeout_add (300, activate_window_action_cb, (gpointer) "win.create-key");
  if (g_str_equal (mode, "create-all-users-other"))
    g_timeout_add (800, choose_other_owner_cb, NULL);
  if (g_str_has_prefix (mode, "replace"))
    g_timeout_add (300, open_replace_cb, NULL);
  if (g_str_has_prefix (mode, "replace-"))
    g_timeout_add (900, create_replacement_cb, NULL);
  /* The default button is Next once the secret shows. */
  if (g_str_equal (mode, "replace-switch") || g_str_equal (mode, "replace-delete") ||
      g_str_equal (mode, "replace-done"))
    g_timeout_add (1500, create_replacement_cb, NULL);
  if (g_str_equal (mode, "replace-delete") || g_str_equal (mode, "replace-done"))
    g_timeout_add (2100, delete_old_key_cb, NULL);
  if (g_str_equal (mode, "replace-done"))
    {
      g_timeout_add (2500, type_key_name_cb, (gpointer) "nightly-backup");
      g_timeout_add (2900, confirm_delete_cb, NULL);
    }
  if (g_str_equal (mode, "history"))
    {
      add_sample_history (AK_APPLICATION (application));
      g_timeout_add (300, activate_window_action_cb, (gpointer) "win.show-history");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AkApplication) application = NULL;
  g_autofree char *state_dir = NULL;

  bindtextdomain (GETTEXT_PACKAGE, AK_DEMO_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1)
    mode = argv[1];

  /* The history the demo's changes go to, before anything asks where. */
  state_dir = g_dir_make_tmp ("ak-ui-demo-XXXXXX", NULL);
  if (state_dir != NULL)
    g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  application = ak_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (application, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), 1, argv);
}
