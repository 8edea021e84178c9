/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-replace"

#include "config.h"

#include <string.h>

#include "ak-application.h"
#include "ak-confirmation.h"
#include "ak-history.h"
#include "ak-key-list.h"
#include "ak-replace-dialog.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* Replace… as a person does it: the row's menu, the dialog's three steps,
 * and the old key's delete, against ak-test-provider. */

#define ALPHA   "AKIA0001ALPHA"
#define BRAVO   "AKIA0002BRAVO"
#define APPCRED "4f1c0ffee0000000000000000000abcd"

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
  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                      AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  ak_test_provider_set_features (f->provider,
                                 AK_PROVIDER_FEATURE_EXPIRY |
                                 AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                                 AK_PROVIDER_FEATURE_CREATE_EC2 |
                                 AK_PROVIDER_FEATURE_RESTORE);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED,
                                "alice", "web", "ci-deploy");

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "alice");

  f->window = ak_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) == 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
}

static guint
n_keys (Fixture *f)
{
  return g_list_model_get_n_items (ak_window_get_keys (f->window));
}

static AkKey *
store_key (Fixture    *f,
           const char *id)
{
  GListModel *keys = ak_window_get_keys (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);

      if (g_strcmp0 (ak_key_get_id (key), id) == 0)
        return key;
    }

  return NULL;
}

/* The key the list has that the test did not put there. */
static AkKey *
new_store_key (Fixture *f)
{
  GListModel *keys = ak_window_get_keys (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);
      const char *id = ak_key_get_id (key);

      if (g_strcmp0 (id, ALPHA) != 0 && g_strcmp0 (id, BRAVO) != 0 &&
          g_strcmp0 (id, APPCRED) != 0)
        return key;
    }

  return NULL;
}

/* Replace… in the menu of the row of the key with @id, clicked as a person
 * clicks it; the dialog it opens. */
static AkReplaceDialog *
open_replace (Fixture    *f,
              const char *id)
{
  GtkWidget *cell;
  GtkWidget *item;

  ak_ui_test_wait_for (ak_ui_test_row_cell (f->window, id) != NULL);
  cell = ak_ui_test_row_cell (f->window, id);
  gtk_menu_button_popup (GTK_MENU_BUTTON (ak_ui_test_find_by_type (cell,
                                                                   GTK_TYPE_MENU_BUTTON)));
  ak_ui_test_wait_for (ak_ui_test_find_menu_item (cell, "Replace…") != NULL);
  item = ak_ui_test_find_menu_item (cell, "Replace…");
  ak_ui_test_click (item);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_REPLACE_DIALOG) != NULL);

  return AK_REPLACE_DIALOG (ak_ui_test_find_toplevel (AK_TYPE_REPLACE_DIALOG));
}

static const char *
step (AkReplaceDialog *dialog)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (ak_ui_test_get_widget (dialog, "stack")));
}

static const char *
row_subtitle (AkReplaceDialog *dialog,
              const char      *id)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (ak_ui_test_get_widget (dialog, id)));
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_assert_no_error (error);

  return text;
}

/* Clicks the button with @id, which closes the dialog, and waits for the
 * dialog to be gone. */
static void
click_to_close (AkReplaceDialog *dialog,
                const char      *id)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  if (id != NULL)
    ak_ui_test_click_id (dialog, id);
  else
    gtk_window_close (GTK_WINDOW (dialog));
  ak_ui_test_wait_for (dialog == NULL);
}

/* What the History says last (its entries come newest first) about the key
 * with @id and @operation, or NULL. */
static char *
history_says (AkKeyOperation  operation,
              const char     *id)
{
  GListModel *entries = ak_history_get_entries (ak_application_get_history (app));

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(AkHistoryEntry) entry = g_list_model_get_item (entries, i);

      if (ak_history_entry_get_operation (entry) == operation &&
          g_strcmp0 (ak_history_entry_get_key_id (entry), id) == 0)
        return ak_history_entry_dup_description (entry);
    }

  return NULL;
}

/* Tests -------------------------------------------------------------------- */

/* An access key: made for the same owner and project, its secret shown
 * once, then the old key deleted through the usual question, with Undo. */
static void
test_access_key (Fixture       *f,
                 gconstpointer  data)
{
  AkReplaceDialog *dialog = open_replace (f, BRAVO);
  g_autofree char *openrc = NULL;
  AkConfirmation *question;
  AkKey *made;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Replace Access Key");
  g_assert_cmpstr (ak_ui_test_label_text (dialog, "heading_label"), ==,
                   "Replace the access key " BRAVO);
  g_assert_false (ak_ui_test_is_shown (dialog, "options_group"));
  g_assert_cmpstr (step (dialog), ==, "explain");

  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (g_strcmp0 (step (dialog), "secret") == 0);

  /* One new key, of the same kind, for the same owner and project. */
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 1);
  g_assert_cmpuint (n_keys (f), ==, 4);
  made = new_store_key (f);
  g_assert_nonnull (made);
  g_assert_cmpint (ak_key_get_kind (made), ==, AK_KEY_KIND_EC2);
  g_assert_cmpstr (ak_key_get_owner (made), ==, "bob");
  g_assert_cmpstr (ak_key_get_project (made), ==, "web");
  g_assert_true (ak_key_list_get_selected_key (AK_KEY_LIST (ak_ui_test_get_widget (
                   f->window, "key_list"))) == made);

  /* Its secret, this once, and settings to paste. */
  g_assert_cmpstr (row_subtitle (dialog, "id_row"), ==, ak_key_get_id (made));
  g_assert_cmpstr (row_subtitle (dialog, "secret_row"), ==, AK_TEST_PROVIDER_SECRET);
  g_assert_false (ak_ui_test_is_shown (dialog, "clouds_yaml_button"));
  ak_ui_test_click_id (dialog, "openrc_button");
  openrc = read_clipboard (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (openrc, "export AWS_SECRET_ACCESS_KEY='" AK_TEST_PROVIDER_SECRET
                                    "'\n"));
  g_assert_nonnull (strstr (openrc, ak_key_get_id (made)));

  /* Moving on forgets it. */
  ak_ui_test_click_id (dialog, "next_button");
  g_assert_cmpstr (step (dialog), ==, "switch");
  g_assert_cmpstr (row_subtitle (dialog, "secret_row"), ==, "");

  click_to_close (dialog, "delete_old_button");
  ak_ui_test_wait_for (ak_ui_test_find_confirmation ("Delete Access Key?") != NULL);
  question = ak_ui_test_find_confirmation ("Delete Access Key?");
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (question), "_Delete"));

  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ak_key_get_id (made)));
  g_assert_cmpuint (n_keys (f), ==, 3);
  ak_ui_test_wait_for (ak_ui_test_toast_button (GTK_WIDGET (f->window)) != NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (ak_ui_test_toast_button (
                     GTK_WIDGET (f->window)))), ==, "_Undo");

  /* History says what happened, in order. */
  {
    g_autofree char *created = history_says (AK_KEY_OPERATION_CREATE, ak_key_get_id (made));
    g_autofree char *deleted = history_says (AK_KEY_OPERATION_DELETE, BRAVO);

    g_assert_cmpstr (created, ==, "Replaced " BRAVO ": created");
    g_assert_cmpstr (deleted, ==, "Deleted");
  }
}

/* An application credential: the name derived from the old one, a
 * clouds.yaml entry to copy, and Keep Both leaves both. */
static void
test_application_credential_keep_both (Fixture       *f,
                                       gconstpointer  data)
{
  AkReplaceDialog *dialog = open_replace (f, APPCRED);
  g_autofree char *yaml = NULL;
  AkKey *made;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Replace Application Credential");
  g_assert_true (ak_ui_test_is_shown (dialog, "options_group"));
  g_assert_cmpstr (ak_ui_test_get_text (dialog, "name_row"), ==, "ci-deploy-2");

  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (g_strcmp0 (step (dialog), "secret") == 0);
  made = new_store_key (f);
  g_assert_nonnull (made);
  g_assert_cmpint (ak_key_get_kind (made), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (made), ==, "ci-deploy-2");
  g_assert_cmpstr (ak_key_get_owner (made), ==, "alice");
  g_assert_cmpstr (ak_ui_test_label_text (dialog, "created_label"), ==,
                   "The new application credential “ci-deploy-2” is ready.");

  g_assert_true (ak_ui_test_is_shown (dialog, "clouds_yaml_button"));
  ak_ui_test_click_id (dialog, "clouds_yaml_button");
  yaml = read_clipboard (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (yaml, "auth_type: 'v3applicationcredential'"));
  g_assert_nonnull (strstr (yaml, "application_credential_secret: '" AK_TEST_PROVIDER_SECRET
                                  "'"));
  g_assert_nonnull (strstr (yaml, "auth_url: 'https://keystone.example.com/v3'"));

  ak_ui_test_click_id (dialog, "next_button");
  click_to_close (dialog, "keep_button");

  g_assert_null (ak_ui_test_find_confirmation (NULL));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                           APPCRED));
  g_assert_nonnull (store_key (f, APPCRED));
  g_assert_nonnull (store_key (f, ak_key_get_id (made)));
  g_assert_cmpuint (n_keys (f), ==, 4);

  {
    g_autofree char *created = history_says (AK_KEY_OPERATION_CREATE, ak_key_get_id (made));
    g_autofree char *deleted = history_says (AK_KEY_OPERATION_DELETE, APPCRED);

    g_assert_cmpstr (created, ==, "Replaced ci-deploy: created");
    g_assert_null (deleted);
  }
}

/* Closed right after the create: the new key is in the list all the same,
 * and the old one too. */
static void
test_closed_after_create (Fixture       *f,
                          gconstpointer  data)
{
  AkReplaceDialog *dialog = open_replace (f, ALPHA);

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_CREATE, FALSE);
  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_CREATE) == 1);

  /* While the create runs the dialog stays: its secret is still to come. */
  g_assert_true (ak_replace_dialog_get_busy (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ak_ui_test_find_toplevel (AK_TYPE_REPLACE_DIALOG) != NULL);

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_CREATE);
  ak_ui_test_wait_for (g_strcmp0 (step (dialog), "secret") == 0);
  click_to_close (dialog, NULL);

  g_assert_cmpuint (n_keys (f), ==, 4);
  g_assert_nonnull (new_store_key (f));
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
}

/* The create's answer is lost but the key was made: the dialog says so, and
 * the key the session found is in the list. */
static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  AkReplaceDialog *dialog = open_replace (f, ALPHA);

  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_TIMEOUT);
  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (ak_ui_test_is_shown (dialog, "message_label"));

  g_assert_cmpstr (step (dialog), ==, "explain");
  g_assert_false (ak_replace_dialog_get_busy (dialog));
  ak_ui_test_wait_for (n_keys (f) == 4);
  g_assert_nonnull (new_store_key (f));
  g_assert_nonnull (store_key (f, ALPHA));
}

/* Another user's application credential: only its owner can replace it,
 * and the dialog says so before anything is sent. */
static void
test_not_ours (Fixture       *f,
               gconstpointer  data)
{
  AkReplaceDialog *dialog;

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                "0bac0b0000000000000000000000cafe", "bob", "web", "bobs-job");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  ak_ui_test_wait_for (n_keys (f) == 4);

  dialog = open_replace (f, "0bac0b0000000000000000000000cafe");
  g_assert_true (ak_ui_test_is_shown (dialog, "message_label"));
  g_assert_true (g_str_has_prefix (ak_ui_test_label_text (dialog, "message_label"),
                                   "Only its owner can replace"));
  g_assert_false (gtk_widget_get_sensitive (ak_ui_test_get_widget (dialog, "create_button")));
  /* Enter in the name field does nothing either. */
  gtk_widget_activate_default (GTK_WIDGET (dialog));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 0);
}

static void
test_derive_name (void)
{
  const struct { const char *old; const char *new; } cases[] = {
    { "ci-deploy", "ci-deploy-2" },
    { "ci-deploy-2", "ci-deploy-3" },
    { "ci-deploy-9", "ci-deploy-10" },
    { "backup", "backup-2" },
    { "-", "--2" },
    { "build-x", "build-x-2" },
    { "v-2024", "v-2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ak_replace_dialog_derive_name (cases[i].old);

      g_assert_cmpstr (name, ==, cases[i].new);
    }

  g_assert_null (ak_replace_dialog_derive_name (NULL));
  g_assert_null (ak_replace_dialog_derive_name (""));
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

  ADD ("/replace/access-key", test_access_key);
  ADD ("/replace/application-credential-keep-both", test_application_credential_keep_both);
  ADD ("/replace/closed-after-create", test_closed_after_create);
  ADD ("/replace/lost-answer", test_lost_answer);
  ADD ("/replace/not-ours", test_not_ours);
  g_test_add_func ("/replace/derive-name", test_derive_name);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
