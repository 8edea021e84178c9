/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-delete"

#include "config.h"

#include <string.h>

#include "ak-application.h"
#include "ak-delete-dialog.h"
#include "ak-deleted-dialog.h"
#include "ak-key-list.h"
#include "ak-key-row-actions.h"
#include "ak-session-watch.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* The heart of the app: deleting a key. Driven like a person would: the
 * row's menu and its Delete…, the dialog's buttons, the toast's Retry, against
 * ak-test-provider, which says what the "server" answered and when. */

#define ALPHA   "AKIA0001ALPHA"
#define BRAVO   "AKIA0002BRAVO"
#define CHARLIE "AKIA0003CHARLIE"
#define DELTA   "AKIA0004DELTA"
#define APPCRED "4f1c0ffee0000000000000000000abcd"
#define BACKUP  "0bac0b0000000000000000000000cafe"

static AkApplication *app;

/* The desktop notifications the app sent, by ak-session-watch's hook (the
 * headless session has no notification server). */
static guint n_notifications;

static void
notify_cb (GApplication  *application,
           const char    *id,
           GNotification *notification)
{
  g_assert_true (application == G_APPLICATION (app));
  g_assert_nonnull (id);
  n_notifications++;
}

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
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, ALPHA, "alice", "web",
                                "CI deploy");
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, CHARLIE, "carol", "data",
                                "Backups");
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, DELTA, "alice", "data", NULL);

  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");

  /* This test signs in with the application credential it will delete. */
  if (data != NULL)
    {
      ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, APPCRED,
                                    "alice", "web", "this app");
      ak_account_set_auth_kind (f->account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
      ak_account_set_application_credential_id (f->account, APPCRED);
    }

  n_notifications = 0;
  f->window = ak_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) ==
                       ak_test_provider_get_n_keys (f->provider));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
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

static GtkWidget *
row_cell (Fixture    *f,
          const char *id)
{
  return ak_ui_test_row_cell (f->window, id);
}

/* The menu button in the row of the key with @id, as on screen. */
static GtkWidget *
row_menu_button (Fixture    *f,
                 const char *id)
{
  ak_ui_test_wait_for (row_cell (f, id) != NULL);

  return ak_ui_test_find_by_type (row_cell (f, id), GTK_TYPE_MENU_BUTTON);
}

/* Delete… in the menu of the row of the key with @id, opened as a click on
 * the row's menu button opens it. */
static GtkWidget *
row_delete_button (Fixture    *f,
                   const char *id)
{
  GtkWidget *cell;

  ak_ui_test_wait_for (row_cell (f, id) != NULL);
  cell = row_cell (f, id);
  gtk_menu_button_popup (GTK_MENU_BUTTON (row_menu_button (f, id)));
  ak_ui_test_wait_for (ak_ui_test_find_menu_item (cell, "Delete…") != NULL);

  return ak_ui_test_find_menu_item (cell, "Delete…");
}

/* The row of the key with @id, as on screen, once it is. */
static GtkWidget *
row_of (Fixture    *f,
        const char *id)
{
  GtkWidget *rows_view = ak_ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW);
  GtkWidget *row;

  ak_ui_test_wait_for (row_cell (f, id) != NULL);
  row = row_cell (f, id);
  while (gtk_widget_get_parent (row) != rows_view)
    row = gtk_widget_get_parent (row);

  return row;
}

/* Moves the focus to the row of the key with @id, as the arrow keys do. */
static void
focus_row (Fixture    *f,
           const char *id)
{
  g_assert_true (gtk_widget_grab_focus (row_of (f, id)));
}

/* The key list's shortcut for @key_name, activated as that key's press
 * would. */
static gboolean
press (Fixture    *f,
       const char *key_name)
{
  return ak_ui_test_press_shortcut (ak_ui_test_find_by_type (GTK_WIDGET (f->window),
                                                             GTK_TYPE_COLUMN_VIEW),
                                    key_name);
}

/* The column of the key list with this title. */
static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      /* The view holds its columns. */
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_error ("No column “%s”", title);
}

static GtkWidget *
row_spinner (Fixture    *f,
             const char *id)
{
  ak_ui_test_wait_for (row_cell (f, id) != NULL);

  return ak_ui_test_find_by_type (row_cell (f, id), GTK_TYPE_SPINNER);
}

/* The delete question on screen, if any. */
static AkConfirmation *
find_delete_dialog (void)
{
  AkConfirmation *confirmation = ak_ui_test_find_confirmation (NULL);

  if (confirmation == NULL ||
      !g_str_has_prefix (ak_confirmation_get_heading (confirmation), "Delete "))
    return NULL;

  return confirmation;
}

static AkConfirmation *
wait_for_delete_dialog (void)
{
  ak_ui_test_wait_for (find_delete_dialog () != NULL);

  return find_delete_dialog ();
}

/* Everything the question shows, as a person reads it: heading, body, and
 * the key's details below. */
static char *
dialog_text (AkConfirmation *dialog)
{
  return ak_ui_test_collect_text (ak_confirmation_get_dialog (dialog));
}

/* The value shown beside a detail's caption in the question. */
static const char *
dialog_detail (AkConfirmation *dialog,
               const char     *caption)
{
  g_autoptr(GPtrArray) labels = ak_ui_test_find_all_by_type (ak_confirmation_get_dialog (dialog),
                                                             GTK_TYPE_LABEL);

  for (guint i = 0; i + 1 < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), caption) == 0)
      return gtk_label_get_text (g_ptr_array_index (labels, i + 1));

  return NULL;
}

/* The field in which the question asks for the key's name to be typed, if
 * it asks. */
static GtkWidget *
confirm_entry (AkConfirmation *dialog)
{
  return ak_ui_test_find_by_type (ak_confirmation_get_dialog (dialog), GTK_TYPE_ENTRY);
}

/* Enter in a field: what its text's key binding does. */
static void
press_enter (GtkWidget *entry)
{
  GtkWidget *text = ak_ui_test_find_by_type (entry, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static GtkWidget *
dialog_button (AkConfirmation *dialog,
               const char     *label)
{
  return ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), label);
}

/* Types what the question asks for, as a person reads it off the dialog:
 * the key's name, or the end of its ID when it has none. */
static void
type_confirmation (AkConfirmation *dialog)
{
  GtkWidget *entry = confirm_entry (dialog);
  const char *name = dialog_detail (dialog, "Name");
  const char *id = dialog_detail (dialog, "Access Key ID");

  if (entry == NULL)
    return;

  if (id == NULL)
    id = dialog_detail (dialog, "Credential ID");
  g_assert_nonnull (id);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         name != NULL ? name : id + MAX (strlen (id), 6) - 6);
  g_assert_true (ak_confirmation_get_response_enabled (dialog, "delete"));
}

/* Clicks a response button of the open delete dialog (typing the key's name
 * first where the dialog asks for it), and waits for the dialog to go, as it
 * does after a click, and for the answer to arrive. */
static void
answer_dialog (const char *label)
{
  AkConfirmation *dialog = wait_for_delete_dialog ();

  if (g_strcmp0 (label, "_Delete") == 0)
    type_confirmation (dialog);

  /* The answer has reached the window when the question is gone. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), label));
  ak_ui_test_wait_for (dialog == NULL);
  g_assert_null (find_delete_dialog ());
}

static gboolean
toast_says (Fixture    *f,
            const char *text)
{
  g_autofree char *shown = ak_ui_test_toast_text (GTK_WIDGET (f->window));

  return shown != NULL && strstr (shown, text) != NULL;
}

static void
test_dialog_names_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *text = NULL;
  AkConfirmation *dialog;

  /* What a screen reader says for the row's menu button: the key's name. */
  gtk_test_accessible_assert_property (row_menu_button (f, ALPHA),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for CI deploy");
  gtk_test_accessible_assert_property (row_menu_button (f, BRAVO),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for access key " BRAVO);

  ak_ui_test_click (row_delete_button (f, ALPHA));
  dialog = wait_for_delete_dialog ();

  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==, "Delete Access Key?");
  /* Which key: its name first, then its ID, owner and project. */
  g_assert_cmpstr (dialog_detail (dialog, "Name"), ==, "CI deploy");
  g_assert_cmpstr (dialog_detail (dialog, "Access Key ID"), ==, ALPHA);
  g_assert_cmpstr (dialog_detail (dialog, "Owner"), ==, "alice");
  text = dialog_text (dialog);
  g_assert_true (strstr (text, "CI deploy") < strstr (text, ALPHA));
  /* This provider cannot restore keys: the dialog says so, and asks for
   * the name. */
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "cannot be restored"));
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "rejected"));
  g_assert_null (strstr (text, "signed out"));
  g_assert_null (strstr (text, "can be restored"));
  g_assert_nonnull (strstr (text, "Type its name, “CI deploy”, to confirm"));
  g_assert_nonnull (confirm_entry (dialog));
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));

  /* Enter and Escape both keep the key; only a deliberate click deletes. */
  g_assert_cmpstr (ak_confirmation_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (ak_confirmation_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (ak_confirmation_get_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_true (ak_ui_test_confirmation_window (dialog) == GTK_WINDOW (f->window));
  g_assert_nonnull (ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), "_Cancel"));
  g_assert_nonnull (ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), "_Delete"));
}

/* A message on screen other than the delete question. */
static AkConfirmation *
find_message_dialog (void)
{
  AkConfirmation *confirmation = ak_ui_test_find_confirmation (NULL);

  if (confirmation == NULL || find_delete_dialog () != NULL)
    return NULL;

  return confirmation;
}

/* An application credential is called so all along the way, never an
 * access key. */
static void
test_application_credential_wording (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  AkConfirmation *message;
  GtkWidget *retry;

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, BACKUP,
                                "alice", "web", "backup job");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (store_key (f, BACKUP) != NULL);

  gtk_test_accessible_assert_property (row_menu_button (f, BACKUP),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for backup job");

  /* The question. */
  ak_ui_test_click (row_delete_button (f, BACKUP));
  g_assert_cmpstr (ak_confirmation_get_heading (wait_for_delete_dialog ()),
                   ==, "Delete Application Credential?");
  g_assert_cmpstr (dialog_detail (wait_for_delete_dialog (), "Credential ID"), ==, BACKUP);
  g_assert_cmpstr (dialog_detail (wait_for_delete_dialog (), "Owner"), ==, "alice");
  text = dialog_text (wait_for_delete_dialog ());
  g_assert_nonnull (strstr (text, "backup job"));
  g_assert_nonnull (strstr (text, "cannot be restored"));
  g_assert_null (strstr (text, "access key"));
  g_assert_null (strstr (text, "Access Key"));

  /* Refused: the message says what was not deleted. */
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_PERMISSION);
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (find_message_dialog () != NULL);
  message = find_message_dialog ();
  g_assert_cmpstr (ak_confirmation_get_heading (message), ==,
                   "Credential Not Deleted");
  g_assert_true (g_str_has_prefix (ak_confirmation_get_body (message),
                                   "This application credential was not deleted and "
                                   "still works."));
  g_assert_cmpstr (dialog_detail (message, "Credential ID"), ==, BACKUP);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (message), "_Close"));
  ak_ui_test_wait_for (find_message_dialog () == NULL);

  /* Not reached: the toast says so, and its Retry deletes it. */
  ak_ui_test_wait_for (gtk_widget_is_sensitive (row_delete_button (f, BACKUP)));
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);
  ak_ui_test_click (row_delete_button (f, BACKUP));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (toast_says (f, "Application credential " BACKUP " was not deleted: "
                                      "the server could not be reached"));
  ak_ui_test_wait_for (ak_ui_test_toast_settled (GTK_WIDGET (f->window)));
  retry = ak_ui_test_toast_button (GTK_WIDGET (f->window));
  g_assert_nonnull (retry);
  ak_ui_test_click (retry);
  ak_ui_test_wait_for (store_key (f, BACKUP) == NULL);
  ak_ui_test_wait_for (toast_says (f, "Application credential " BACKUP " deleted"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 3);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                            BACKUP));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  AkConfirmation *dialog;
  GtkWidget *item;
  GtkWindow *window;

  /* A key that can be restored: the dialog asks nothing to be typed. */
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);

  /* On the row, the Menu key opens its menu, and Enter on Delete… asks. */
  focus_row (f, CHARLIE);
  g_assert_true (press (f, "Menu"));
  ak_ui_test_wait_for (ak_ui_test_find_menu_item (row_cell (f, CHARLIE), "Delete…") != NULL);
  item = ak_ui_test_find_menu_item (row_cell (f, CHARLIE), "Delete…");
  g_assert_true (gtk_widget_grab_focus (item));
  g_assert_true (gtk_widget_activate (item));
  dialog = wait_for_delete_dialog ();
  g_assert_cmpstr (dialog_detail (dialog, "Access Key ID"), ==, CHARLIE);

  /* The dialog's focus starts on Cancel, the default: Enter keeps the key. */
  window = GTK_IS_WINDOW (ak_confirmation_get_dialog (dialog))
             ? GTK_WINDOW (ak_confirmation_get_dialog (dialog))
             : ak_ui_test_confirmation_window (dialog);
  ak_ui_test_wait_for (GTK_IS_BUTTON (gtk_window_get_focus (window)) &&
                       gtk_widget_is_ancestor (gtk_window_get_focus (window),
                                               ak_confirmation_get_dialog (dialog)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_window_get_focus (window))),
                   ==, "_Cancel");
  gtk_widget_activate (gtk_window_get_focus (window));
  ak_ui_test_wait_for (find_delete_dialog () == NULL);
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_nonnull (store_key (f, CHARLIE));
}

/* Where restoring is possible, an EC2 key's question says so, and asks for
 * nothing to be typed. */
static void
test_restorable_wording (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  AkConfirmation *dialog;

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);
  ak_ui_test_click (row_delete_button (f, ALPHA));
  dialog = wait_for_delete_dialog ();
  text = dialog_text (dialog);

  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==, "Delete Access Key?");
  g_assert_cmpstr (ak_confirmation_get_body (dialog), ==,
                   "Once it is deleted, every request signed with it will be rejected. "
                   "It can be restored while Access Keys stays open.");
  g_assert_null (strstr (text, "cannot"));
  g_assert_null (strstr (text, "Type "));
  g_assert_null (confirm_entry (dialog));
  g_assert_true (ak_confirmation_get_response_enabled (dialog, "delete"));
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));

  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, ALPHA) == NULL);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
}

/* An entry the list could not read safely is said in one line, with why
 * behind Details; the valid keys stay listed and deletable (issue 12). */
static void
test_unreadable_entries (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *bar = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "unreadable_bar");
  GtkWidget *expander = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "unreadable_expander");
  GtkWidget *detail;

  g_assert_nonnull (bar);
  g_assert_false (gtk_widget_get_visible (bar));

  ak_test_provider_add_unreadable (f->provider, AK_KEY_KIND_EC2, 1,
                                   "The answer’s “credentials[1].access” is not valid.");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (gtk_widget_get_mapped (bar));

  g_assert_cmpstr (ak_ui_test_label_text (f->window, "unreadable_label"), ==,
                   "1 key could not be shown safely");
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  detail = ak_ui_test_find_by_id (expander, "unreadable_detail_label");
  ak_ui_test_wait_for (gtk_widget_get_mapped (detail));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (detail)), ==,
                   "Entry 2: The answer’s “credentials[1].access” is not valid.");

  /* The valid keys are all listed, and only they. */
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 4);
  g_assert_nonnull (store_key (f, ALPHA));

  /* And deletable, the line staying while the server still lists it. */
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, ALPHA) == NULL);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_true (gtk_widget_get_visible (bar));

  /* Two say so in the plural; a list without any hides the line. */
  ak_test_provider_add_unreadable (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, 0,
                                   "The answer has no “application_credentials[0].user_id”.");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (g_strcmp0 (ak_ui_test_label_text (f->window, "unreadable_label"),
                                  "2 keys could not be shown safely") == 0);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (detail)),
                            "Entry 1: The answer has no “application_credentials[0].user_id”."));

  ak_test_provider_clear_unreadable (f->provider);
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (!gtk_widget_get_visible (bar));
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 3);
}

/* An application credential never comes back, even where EC2 keys can:
 * its question says so and asks for its name. */
static void
test_application_credential_not_restorable (Fixture       *f,
                                            gconstpointer  data)
{
  AkConfirmation *dialog;

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2 |
                                              AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, BACKUP,
                                "alice", "web", "ci-deploy");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (store_key (f, BACKUP) != NULL);

  ak_ui_test_click (row_delete_button (f, BACKUP));
  dialog = wait_for_delete_dialog ();
  g_assert_cmpstr (ak_confirmation_get_body (dialog), ==,
                   "Once it is deleted, it cannot be restored, and every program that "
                   "signs in with it will be rejected.");
  g_assert_cmpstr (dialog_detail (dialog, "Name"), ==, "ci-deploy");
  g_assert_nonnull (confirm_entry (dialog));
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
}

/* Every label in the question wraps between words; only the ID, one long
 * word, may break inside, where it must. */
static void
test_no_word_split (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  AkConfirmation *dialog;
  guint n_wrapping = 0;

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, BACKUP,
                                "alice", "web", "nightly database backup to cold storage");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (store_key (f, BACKUP) != NULL);
  ak_ui_test_click (row_delete_button (f, BACKUP));
  dialog = wait_for_delete_dialog ();

  labels = ak_ui_test_find_all_by_type (ak_confirmation_get_dialog (dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      if (!gtk_label_get_wrap (label))
        continue;
      n_wrapping++;
      if (g_strcmp0 (text, BACKUP) == 0)
        g_assert_cmpint (gtk_label_get_wrap_mode (label), ==, PANGO_WRAP_WORD_CHAR);
      else if (gtk_label_get_wrap_mode (label) != PANGO_WRAP_WORD)
        g_error ("“%s” may break inside a word", text);
    }
  /* At least the name and the sentence above the field. */
  g_assert_cmpuint (n_wrapping, >=, 2);
}

/* Delete is pressed only once the name is typed, exactly; Enter in the field
 * deletes then, and does nothing before. */
static void
test_typed_name (Fixture       *f,
                 gconstpointer  data)
{
  AkConfirmation *dialog;
  GtkWidget *entry;
  GtkWidget *label;
  GtkWindow *window;
  static const char *wrong[] = { "", "backup jo", "Backup job", "backup jobs", "backup", NULL };

  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL, BACKUP,
                                "alice", "web", "backup job");
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (store_key (f, BACKUP) != NULL);
  ak_ui_test_click (row_delete_button (f, BACKUP));
  dialog = wait_for_delete_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  entry = confirm_entry (dialog);
  g_assert_nonnull (entry);

  /* The field says what to type, to the eye and to a screen reader, and
   * has the focus. */
  label = ak_ui_test_find_by_type (gtk_widget_get_parent (entry), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Type its name, “backup job”, to confirm");
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (label)) == entry);
  gtk_test_accessible_assert_relation (entry, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       label, NULL);
  window = GTK_IS_WINDOW (ak_confirmation_get_dialog (dialog))
             ? GTK_WINDOW (ak_confirmation_get_dialog (dialog))
             : ak_ui_test_confirmation_window (dialog);
  ak_ui_test_wait_for (gtk_window_get_focus (window) != NULL &&
                       gtk_widget_is_ancestor (gtk_window_get_focus (window), entry));

  /* Not yet. */
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Cancel")));
  for (guint i = 0; wrong[i] != NULL; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), wrong[i]);
      g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
      g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
      /* Enter with the wrong text: nothing happens, no message either. */
      press_enter (entry);
      ak_ui_test_drain ();
      g_assert_nonnull (dialog);
      g_assert_true (find_delete_dialog () == dialog);
      g_assert_cmpuint (ak_ui_test_count_dialogs (), ==, 1);
    }
  /* A click on the disabled answer, however made, deletes nothing. */
  ak_confirmation_respond (dialog, "delete");
  ak_ui_test_drain ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);

  /* The name: Delete can be pressed; changed again, it cannot. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "backup job");
  g_assert_true (ak_confirmation_get_response_enabled (dialog, "delete"));
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "backup jo");
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "backup job");
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));

  /* Enter deletes that key, and only it. */
  press_enter (entry);
  ak_ui_test_wait_for (dialog == NULL);
  ak_ui_test_wait_for (store_key (f, BACKUP) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 0), ==, BACKUP);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                            BACKUP));
  g_assert_cmpuint (ak_test_provider_get_n_keys (f->provider), ==, 4);
}

/* A key without a name is confirmed by the last six characters of its ID;
 * the Delete button then deletes it. */
static void
test_typed_id (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  AkConfirmation *dialog;
  GtkWidget *entry;

  ak_ui_test_click (row_delete_button (f, BRAVO));
  dialog = wait_for_delete_dialog ();
  text = dialog_text (dialog);
  g_assert_null (dialog_detail (dialog, "Name"));
  g_assert_nonnull (strstr (text, "Type the last six characters of its ID, “2BRAVO”, "
                                  "to confirm"));
  entry = confirm_entry (dialog);
  gtk_test_accessible_assert_relation (entry, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       ak_ui_test_find_by_type (gtk_widget_get_parent (entry),
                                                                GTK_TYPE_LABEL),
                                       NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), "BRAVO");
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  gtk_editable_set_text (GTK_EDITABLE (entry), ALPHA + strlen (ALPHA) - 6);
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "2BRAVO");
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "2BRAV");
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));
  /* Spaces around it are not part of what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), " 2BRAVO ");
  g_assert_true (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ak_ui_test_click (dialog_button (dialog, "_Delete"));
  ak_ui_test_wait_for (dialog == NULL);
  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 0), ==, BRAVO);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
}

static void
test_cancel_keeps_key (Fixture       *f,
                       gconstpointer  data)
{
  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Cancel");

  /* Escape does what Cancel does. */
  ak_ui_test_click (row_delete_button (f, BRAVO));
  ak_confirmation_close (wait_for_delete_dialog ());
  ak_ui_test_wait_for (find_delete_dialog () == NULL);

  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 4);
  g_assert_nonnull (store_key (f, BRAVO));
  g_assert_false (ak_key_get_deleting (store_key (f, BRAVO)));
}

static void
test_delete_removes_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *toast = NULL;

  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Delete");

  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 0), ==, BRAVO);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));

  /* Only that key went. */
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 3);
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_nonnull (store_key (f, DELTA));
  ak_ui_test_wait_for (row_cell (f, BRAVO) == NULL);

  ak_ui_test_wait_for (toast_says (f, "Access key " BRAVO " deleted"));
  /* The window shows it: no notification besides. */
  g_assert_cmpuint (n_notifications, ==, 0);
  /* This provider cannot restore keys: no Undo is offered. */
  g_assert_null (ak_ui_test_toast_button (GTK_WIDGET (f->window)));
}

/* The delete's answer is lost: the toast says it may have been deleted
 * while the server is asked, then what the server said. */
static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_GET, FALSE);
  ak_ui_test_click (row_delete_button (f, CHARLIE));
  answer_dialog ("_Delete");

  ak_ui_test_wait_for (toast_says (f, "Access key " CHARLIE " may have been deleted — checking…"));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_GET) == 1);
  /* Until the server says, the row stays, busy. */
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_true (ak_key_get_deleting (store_key (f, CHARLIE)));

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_GET);
  ak_ui_test_wait_for (store_key (f, CHARLIE) == NULL);
  ak_ui_test_wait_for (toast_says (f, "Access key " CHARLIE " deleted"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
}

/* Where the provider can restore keys, the toast's Undo brings the key back
 * with the same ID and secret. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *secret = ak_test_provider_dup_secret_for (BRAVO);
  GtkWidget *undo;

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);
  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_FETCH_SECRET), ==, 1);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));

  ak_ui_test_wait_for (toast_says (f, "Access key " BRAVO " deleted"));
  ak_ui_test_wait_for (ak_ui_test_toast_settled (GTK_WIDGET (f->window)));
  undo = ak_ui_test_toast_button (GTK_WIDGET (f->window));
  g_assert_nonnull (undo);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (undo)), ==, "_Undo");
  ak_ui_test_click (undo);

  ak_ui_test_wait_for (store_key (f, BRAVO) != NULL);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  g_assert_cmpstr (ak_test_provider_get_secret (f->provider, BRAVO), ==, secret);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_RESTORE), ==, 1);
  ak_ui_test_wait_for (toast_says (f, "Access key " BRAVO " restored"));
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 4);
}

static void
test_delete_after_resort_and_refresh (Fixture       *f,
                                      gconstpointer  data)
{
  AkKeyList *list = AK_KEY_LIST (ak_ui_test_find_by_type (GTK_WIDGET (f->window),
                                                          AK_TYPE_KEY_LIST));
  GtkColumnView *view = GTK_COLUMN_VIEW (ak_ui_test_find_by_type (GTK_WIDGET (list),
                                                                  GTK_TYPE_COLUMN_VIEW));
  AkKey *before;

  before = store_key (f, CHARLIE);
  ak_ui_test_click (row_delete_button (f, CHARLIE));
  wait_for_delete_dialog ();

  /* While the dialog is open the rows move and the objects are replaced. */
  gtk_column_view_sort_by_column (view, column_titled (view, "Owner"), GTK_SORT_DESCENDING);
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST) == 2);
  ak_ui_test_wait_for (store_key (f, CHARLIE) != NULL && store_key (f, CHARLIE) != before);

  answer_dialog ("_Delete");

  ak_ui_test_wait_for (store_key (f, CHARLIE) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 0), ==, CHARLIE);
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 3);
  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_nonnull (store_key (f, BRAVO));
  g_assert_nonnull (store_key (f, DELTA));
}

static void
test_one_request (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *spinner;
  AkConfirmation *dialog;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  button = row_delete_button (f, DELTA);

  /* Asking twice before the dialog is up gives one dialog: Delete… in the
   * row's menu (which closes the menu), then the Delete key's action. */
  ak_ui_test_click (button);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-key", "(us)",
                              (guint32) AK_KEY_KIND_EC2, DELTA);
  dialog = wait_for_delete_dialog ();
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_cmpuint (ak_ui_test_count_dialogs (), ==, 1);

  /* Answering "delete" twice sends one request. */
  type_confirmation (dialog);
  g_object_ref (dialog);
  ak_confirmation_respond (dialog, "delete");
  ak_confirmation_respond (dialog, "delete");
  g_object_unref (dialog);
  ak_ui_test_wait_for (find_delete_dialog () == NULL);
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE) > 0);
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);

  /* While it runs, the row shows a spinner and its button does nothing. */
  spinner = row_spinner (f, DELTA);
  button = row_delete_button (f, DELTA);
  g_assert_true (ak_key_get_deleting (store_key (f, DELTA)));
  ak_ui_test_wait_for (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* Asking again by the action, or by Retry, neither opens a dialog nor
   * sends anything. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-key", "(us)",
                              (guint32) AK_KEY_KIND_EC2, DELTA);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry-delete", "(uss)",
                              (guint32) AK_KEY_KIND_EC2, DELTA, ak_account_get_id (f->account));
  ak_ui_test_drain ();
  g_assert_null (find_delete_dialog ());
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);

  /* The answer comes: the row goes. */
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (store_key (f, DELTA) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
}

static void
test_in_flight_survives_refresh (Fixture       *f,
                                 gconstpointer  data)
{
  AkKey *before;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  before = store_key (f, ALPHA);
  g_assert_true (ak_key_get_deleting (before));

  /* A refresh brings a new object for the key; it still shows the delete
   * on its way. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "refresh", NULL);
  ak_ui_test_wait_for (store_key (f, ALPHA) != NULL && store_key (f, ALPHA) != before);
  g_assert_true (ak_key_get_deleting (store_key (f, ALPHA)));
  ak_ui_test_wait_for (gtk_widget_get_mapped (row_spinner (f, ALPHA)));
  ak_ui_test_wait_for (!gtk_widget_is_sensitive (row_delete_button (f, ALPHA)));

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_ui_test_wait_for (store_key (f, ALPHA) == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 3);
}

static void
test_stale_list_does_not_bring_it_back (Fixture       *f,
                                        gconstpointer  data)
{
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Delete");

  /* A refresh starts while the delete runs... */
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);

  /* ...the delete finishes first... */
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE);
  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);

  /* ...and the list, read on the server before the delete, still has it. */
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, BRAVO, "bob", "web", NULL);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 0);
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) == 3);
  ak_ui_test_drain ();
  g_assert_null (store_key (f, BRAVO));

  /* A list that started after the delete is the truth: here the key is
   * back on the server, so it is back in the list. */
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);
  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST);
  ak_ui_test_wait_for (store_key (f, BRAVO) != NULL);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NOT_FOUND);
  ak_ui_test_click (row_delete_button (f, CHARLIE));
  answer_dialog ("_Delete");

  ak_ui_test_wait_for (store_key (f, CHARLIE) == NULL);
  ak_ui_test_wait_for (toast_says (f, "Access key " CHARLIE " was already deleted"));
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 3);
}

static void
test_permission (Fixture       *f,
                 gconstpointer  data)
{
  AkConfirmation *message;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_PERMISSION);
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");

  /* A message that says what is needed; the key stays, and can be asked
   * about again. */
  ak_ui_test_wait_for (find_message_dialog () != NULL);
  message = find_message_dialog ();
  g_assert_nonnull (strstr (ak_confirmation_get_body (message),
                            ak_error_code_to_message (AK_ERROR_PERMISSION)));
  g_assert_cmpstr (dialog_detail (message, "Access Key ID"), ==, ALPHA);

  g_assert_nonnull (store_key (f, ALPHA));
  g_assert_false (ak_key_get_deleting (store_key (f, ALPHA)));
  ak_ui_test_wait_for (gtk_widget_is_sensitive (row_delete_button (f, ALPHA)));
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 4);

  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (message), "_Close"));
  ak_ui_test_wait_for (ak_ui_test_count_dialogs () == 0);
}

static void
test_network_retry (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *retry;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);
  ak_ui_test_click (row_delete_button (f, DELTA));
  answer_dialog ("_Delete");

  /* The key stays, with a toast that offers to try again. */
  ak_ui_test_wait_for (toast_says (f, "Access key " DELTA " was not deleted"));
  g_assert_nonnull (store_key (f, DELTA));
  g_assert_false (ak_key_get_deleting (store_key (f, DELTA)));
  retry = ak_ui_test_toast_button (GTK_WIDGET (f->window));
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Retry");

  /* Retry sends the same key's delete again, without asking again. */
  ak_ui_test_wait_for (ak_ui_test_toast_settled (GTK_WIDGET (f->window)));
  ak_ui_test_click (retry);
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE) == 2);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 1), ==, DELTA);
  g_assert_null (find_delete_dialog ());
  ak_ui_test_wait_for (store_key (f, DELTA) == NULL);
  ak_ui_test_wait_for (toast_says (f, "Access key " DELTA " deleted"));
}

static void
test_retry_after_switch (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AkTestProvider) other = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  g_autoptr(AkAccount) other_account = ak_account_new ();
  GtkWidget *retry;

  ak_account_set_label (other_account, "Other Cloud");
  ak_test_provider_add_new_key (other, AK_KEY_KIND_EC2, DELTA, "zed", "elsewhere", NULL);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_TIMEOUT);
  ak_ui_test_click (row_delete_button (f, DELTA));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (toast_says (f, "the server did not answer in time"));
  ak_ui_test_wait_for (ak_ui_test_toast_settled (GTK_WIDGET (f->window)));
  retry = ak_ui_test_toast_button (GTK_WIDGET (f->window));

  /* The toast outlives a switch to an account with a key of the same ID;
   * its Retry must not delete that other key. */
  ak_window_set_account (f->window, other_account, AK_PROVIDER (other));
  ak_ui_test_wait_for (store_key (f, DELTA) != NULL);
  ak_ui_test_click (retry);
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (other, AK_TEST_CALL_DELETE), ==, 0);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_nonnull (store_key (f, DELTA));
}

static void
test_delete_key_shortcut (Fixture       *f,
                          gconstpointer  data)
{
  AkConfirmation *dialog;

  /* The Delete key on the focused row, which is the selected one. */
  focus_row (f, BRAVO);
  g_assert_true (press (f, "Delete"));
  dialog = wait_for_delete_dialog ();
  g_assert_cmpstr (dialog_detail (dialog, "Access Key ID"), ==, BRAVO);
  answer_dialog ("_Cancel");
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);
}

static void
test_sign_in_credential (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *stack = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "stack");
  AkConfirmation *dialog;
  g_autofree char *text = NULL;

  ak_ui_test_click (row_delete_button (f, APPCRED));
  dialog = wait_for_delete_dialog ();

  /* The dialog says plainly that the app will be signed out, and that the
   * key cannot come back; its name must be typed. */
  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==,
                   "Delete Application Credential?");
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "signed out"));
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "cannot be restored"));
  g_assert_null (strstr (ak_confirmation_get_body (dialog), "can be restored"));
  g_assert_nonnull (confirm_entry (dialog));
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
  g_assert_false (gtk_widget_is_sensitive (dialog_button (dialog, "_Delete")));

  answer_dialog ("_Delete");
  ak_ui_test_wait_for (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)),
                                  "signed-out") == 0);
  text = ak_ui_test_collect_text (ak_ui_test_find_by_id (GTK_WIDGET (f->window),
                                                         "signed_out_page"));
  g_assert_nonnull (strstr (text, "was deleted"));
  g_assert_nonnull (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Sign In Again"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                     "create-key"));
}

static GtkWidget *
deleted_row (GtkWindow  *dialog,
             const char *id)
{
  g_autoptr(GPtrArray) rows = ak_ui_test_find_all_by_type (GTK_WIDGET (dialog),
                                                           ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), id) == 0)
        return row;
    }

  return NULL;
}

/* Recently Deleted lists what can be restored, and restores it. */
static void
test_recently_deleted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AkTestProvider) other = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  g_autoptr(AkAccount) other_account = ak_account_new ();
  GtkWindow *dialog;
  GtkWidget *restore;

  /* Not where nothing can be restored. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                     "show-recently-deleted"));
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                    "show-recently-deleted"));

  /* Empty at first. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-recently-deleted", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_DELETED_DIALOG) != NULL);
  dialog = ak_ui_test_find_toplevel (AK_TYPE_DELETED_DIALOG);
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  g_assert_true (ak_ui_test_is_shown (dialog, "empty_page"));
  gtk_window_destroy (dialog);

  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, ALPHA) == NULL);
  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-recently-deleted", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_DELETED_DIALOG) != NULL);
  dialog = ak_ui_test_find_toplevel (AK_TYPE_DELETED_DIALOG);
  ak_ui_test_wait_for (deleted_row (dialog, BRAVO) != NULL &&
                       gtk_widget_get_mapped (deleted_row (dialog, BRAVO)));
  g_assert_nonnull (deleted_row (dialog, ALPHA));
  restore = ak_ui_test_find_button (deleted_row (dialog, BRAVO), "_Restore");
  g_assert_nonnull (restore);
  gtk_test_accessible_assert_property (restore, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Restore access key " BRAVO);

  /* Restored: back in the list and on the server, gone from the dialog. */
  ak_ui_test_click (restore);
  ak_ui_test_wait_for (store_key (f, BRAVO) != NULL);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  ak_ui_test_wait_for (deleted_row (dialog, BRAVO) == NULL);
  g_assert_nonnull (deleted_row (dialog, ALPHA));
  ak_ui_test_wait_for (toast_says (f, "Access key " BRAVO " restored"));

  /* It is about this account: a switch closes it. */
  ak_account_set_label (other_account, "Other Cloud");
  ak_window_set_account (f->window, other_account, AK_PROVIDER (other));
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_DELETED_DIALOG) == NULL);
}

static void
test_account_switch_drops_dialog (Fixture       *f,
                                  gconstpointer  data)
{
  AkAccountSession *old;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  ak_ui_test_click (row_delete_button (f, BRAVO));
  wait_for_delete_dialog ();
  old = ak_window_get_session (f->window);
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);

  /* A dialog about the old account's key must not outlive the switch. The
   * delete already sent is not cancelled: it finishes, and only then does
   * the old session go. */
  ak_window_set_account (f->window, NULL, NULL);
  ak_ui_test_wait_for (find_delete_dialog () == NULL);
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  g_assert_nonnull (old);
  g_assert_true (ak_account_session_get_closed (old));
  g_assert_cmpuint (ak_account_session_get_n_operations (old), ==, 1);

  n_notifications = 0;
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (old == NULL);
  /* No window shows that account any more: a notification says it. */
  ak_ui_test_wait_for (n_notifications == 1);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 1);
}

/* The window closes while a delete is on its way: the delete finishes all
 * the same, the session lives until it has, and nothing is left after. */
static void
test_close_window_delete_finishes (Fixture       *f,
                                   gconstpointer  data)
{
  AkAccountSession *session = ak_window_get_session (f->window);
  AkWindow *window = f->window;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, CHARLIE));
  answer_dialog ("_Delete");
  g_assert_cmpuint (ak_account_session_get_n_operations (session), ==, 1);

  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  ak_ui_test_wait_for (window == NULL);
  ak_ui_test_drain ();
  g_assert_nonnull (session);
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 1);
  /* The application is held, and Quit waits for it. */
  g_assert_cmpuint (_ak_session_watch_get_n_busy (), ==, 1);

  n_notifications = 0;
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (session == NULL);
  ak_ui_test_wait_for (n_notifications == 1);
  g_assert_cmpuint (_ak_session_watch_get_n_busy (), ==, 0);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, CHARLIE));
}

/* Quit */

static AkConfirmation *
find_quit_dialog (void)
{
  return ak_ui_test_find_confirmation ("Quit Access Keys?");
}

static AkConfirmation *
ask_to_quit (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ak_ui_test_wait_for (find_quit_dialog () != NULL);

  return find_quit_dialog ();
}

static gboolean
window_is_open (Fixture *f)
{
  return g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), f->window) != NULL &&
         gtk_widget_get_visible (GTK_WIDGET (f->window));
}

/* Quitting while a delete is on its way asks first; Cancel keeps the app
 * running, and the delete finishes and is reported. Closing the window asks
 * nothing: the delete finishes all the same. */
static void
test_quit_asks_while_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  AkAccountSession *session = ak_window_get_session (f->window);
  AkConfirmation *question;
  AkWindow *window;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, DELTA));
  answer_dialog ("_Delete");
  g_assert_cmpuint (ak_account_session_get_n_operations (session), ==, 1);

  question = ask_to_quit ();
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  g_assert_cmpstr (ak_confirmation_get_body (question), ==,
                   "Some changes are still being made. If you quit now, you will not learn "
                   "whether they were made.");
  g_assert_cmpstr (ak_confirmation_get_default_response (question), ==, "cancel");
  g_assert_cmpstr (ak_confirmation_get_close_response (question), ==, "cancel");
  g_assert_cmpint (ak_confirmation_get_appearance (question, "quit"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_true (ak_ui_test_confirmation_window (question) == GTK_WINDOW (f->window));
  g_assert_nonnull (dialog_button (question, "_Quit"));

  /* Ctrl+Q again shows the same question. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_ui_test_count_dialogs (), ==, 1);

  ak_ui_test_click (dialog_button (question, "_Cancel"));
  ak_ui_test_wait_for (question == NULL);
  ak_ui_test_drain ();
  g_assert_true (window_is_open (f));
  g_assert_false (ak_account_session_get_closed (session));
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 1);

  /* The delete goes on, and the window says how it went. */
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (store_key (f, DELTA) == NULL);
  ak_ui_test_wait_for (toast_says (f, "Access key " DELTA " deleted"));
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, DELTA));

  /* The window closes with a delete on its way: no question. */
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  g_assert_cmpuint (ak_account_session_get_n_operations (session), ==, 1);
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ak_ui_test_wait_for (window == NULL);
  ak_ui_test_drain ();
  g_assert_null (ak_confirmation_get_open (NULL));
  g_assert_cmpuint (_ak_session_watch_get_n_busy (), ==, 1);

  n_notifications = 0;
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (n_notifications == 1);
  g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, ALPHA));
  g_assert_cmpuint (_ak_session_watch_get_n_busy (), ==, 0);
}

/* Keys that can still be restored would be lost by quitting: asked too. */
static void
test_quit_asks_about_restorable (Fixture       *f,
                                 gconstpointer  data)
{
  AkAccountSession *session = ak_window_get_session (f->window);
  GListModel *deleted = ak_account_session_get_recently_deleted (session);
  g_autoptr(AkDeletedKey) entry = NULL;
  AkConfirmation *question;

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);
  ak_ui_test_click (row_delete_button (f, ALPHA));
  answer_dialog ("_Delete");
  ak_ui_test_wait_for (store_key (f, ALPHA) == NULL);
  ak_ui_test_wait_for (ak_account_session_get_n_operations (session) == 0);
  g_assert_cmpuint (_ak_session_watch_get_n_busy (), ==, 0);

  question = ask_to_quit ();
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  g_assert_cmpstr (ak_confirmation_get_body (question), ==,
                   "Keys you deleted can be restored only while Access Keys stays open. "
                   "If you quit now, they can no longer be restored.");

  /* Escape is Cancel: nothing is lost. */
  ak_confirmation_close (question);
  ak_ui_test_wait_for (question == NULL);
  ak_ui_test_drain ();
  g_assert_true (window_is_open (f));
  g_assert_cmpuint (g_list_model_get_n_items (deleted), ==, 1);
  entry = g_list_model_get_item (deleted, 0);
  g_assert_true (ak_deleted_key_get_restorable (entry));

  /* Both at once: both said. */
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, BRAVO));
  answer_dialog ("_Delete");
  question = ask_to_quit ();
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  g_assert_nonnull (strstr (ak_confirmation_get_body (question), "still being made"));
  g_assert_nonnull (strstr (ak_confirmation_get_body (question), "can no longer be restored"));
  ak_ui_test_click (dialog_button (question, "_Cancel"));
  ak_ui_test_wait_for (question == NULL);
  /* Its secret is fetched first, then the delete sent. */
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE) == 1);
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (store_key (f, BRAVO) == NULL);
}

/* The application's own main loop, driven from inside: Quit asked (and
 * answered, when asked) once it runs. */
typedef struct
{
  gboolean asked;
  gboolean answered;
} QuitRun;

static gboolean
answer_quit_cb (gpointer data)
{
  QuitRun *run = data;
  AkConfirmation *question = find_quit_dialog ();

  if (question == NULL)
    return G_SOURCE_CONTINUE;

  run->asked = TRUE;
  ak_ui_test_click (dialog_button (question, "_Quit"));
  run->answered = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
start_quit_cb (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
run_until_quit (QuitRun *run)
{
  guint answer = g_timeout_add (10, answer_quit_cb, run);

  g_idle_add (start_quit_cb, NULL);
  /* Returns only when the application quits; otherwise the test's
   * subprocess runs out of time. */
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  if (!run->answered)
    g_source_remove (answer);
}

/* Quit in the question quits, though a delete is on its way (whose outcome
 * the question said would not be learnt). In a subprocess: an application
 * runs once. */
static void
test_quit_quits (Fixture       *f,
                 gconstpointer  data)
{
  QuitRun run = { FALSE, FALSE };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
      g_test_trap_assert_passed ();
      return;
    }

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_DELETE, FALSE);
  ak_ui_test_click (row_delete_button (f, DELTA));
  answer_dialog ("_Delete");

  run_until_quit (&run);
  g_assert_true (run.asked);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_DELETE), ==, 1);

  /* Only so that nothing is left unfinished when the process ends. */
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_DELETE));
  ak_ui_test_wait_for (_ak_session_watch_get_n_busy () == 0);
}

/* With nothing to lose, Quit asks nothing. */
static void
test_quit_without_asking (Fixture       *f,
                          gconstpointer  data)
{
  QuitRun run = { FALSE, FALSE };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
      g_test_trap_assert_passed ();
      return;
    }

  run_until_quit (&run);
  g_assert_false (run.asked);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Selection mode: many keys at once */

/* The check box in the row of the key with @id, as on screen. */
static GtkWidget *
row_check (Fixture    *f,
           const char *id)
{
  return ak_ui_test_find_by_type (row_of (f, id), GTK_TYPE_CHECK_BUTTON);
}

static void
tick (Fixture    *f,
      const char *id)
{
  GtkWidget *check = row_check (f, id);

  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_mapped (check));
  g_assert_true (gtk_widget_is_sensitive (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  /* What a click on it, or Space on it, does. */
  g_signal_emit_by_name (check, "activate");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static const char *
delete_chosen_label (Fixture *f)
{
  return gtk_button_get_label (GTK_BUTTON (ak_ui_test_get_widget (f->window,
                                                                  "delete_chosen_button")));
}

static AkKeyList *
key_list (Fixture *f)
{
  return AK_KEY_LIST (ak_ui_test_find_by_type (GTK_WIDGET (f->window), AK_TYPE_KEY_LIST));
}

static gboolean
bar_revealed (Fixture *f)
{
  return gtk_action_bar_get_revealed (GTK_ACTION_BAR (ak_ui_test_get_widget (f->window,
                                                                             "selection_bar")));
}

/* Opens the question for the keys ticked, from the action bar. */
static AkConfirmation *
ask_delete_chosen (Fixture *f)
{
  GtkWidget *button = ak_ui_test_get_widget (f->window, "delete_chosen_button");

  /* The action bar slides in. */
  ak_ui_test_wait_for (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  ak_ui_test_click (button);

  return wait_for_delete_dialog ();
}

static void
answer_many (AkConfirmation *dialog,
             const char     *label)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ak_ui_test_click (dialog_button (dialog, label));
  ak_ui_test_wait_for (dialog == NULL);
}

/* Three of four ticked, the list re-sorted and refreshed under them: the
 * same three are asked about and deleted, by identity, and one Undo brings
 * all three back with their secrets. */
static void
test_selection_deletes_chosen (Fixture       *f,
                               gconstpointer  data)
{
  const char *chosen[] = { ALPHA, CHARLIE, DELTA };
  GtkColumnView *view = GTK_COLUMN_VIEW (ak_ui_test_find_by_type (GTK_WIDGET (f->window),
                                                                  GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  AkConfirmation *dialog;
  GtkWidget *undo;

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_RESTORE |
                                              AK_PROVIDER_FEATURE_CREATE_EC2);
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    g_ptr_array_add (secrets, ak_test_provider_dup_secret_for (chosen[i]));

  /* The header bar's Select button: check boxes, and the action bar. */
  g_assert_true (row_check (f, ALPHA) == NULL || !gtk_widget_get_mapped (row_check (f, ALPHA)));
  g_assert_false (bar_revealed (f));
  ak_ui_test_click_id (f->window, "select_button");
  ak_ui_test_wait_for (bar_revealed (f));
  g_assert_true (ak_key_list_get_selection_mode (key_list (f)));
  g_assert_cmpstr (delete_chosen_label (f), ==, "_Delete Keys…");
  g_assert_false (gtk_widget_is_sensitive (ak_ui_test_get_widget (f->window,
                                                                  "delete_chosen_button")));

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    tick (f, chosen[i]);
  g_assert_cmpstr (delete_chosen_label (f), ==, "_Delete 3 Keys…");

  /* Re-sorted, and every key object replaced by a refresh. */
  gtk_column_view_sort_by_column (view, column_titled (view, "Owner"), GTK_SORT_DESCENDING);
  ak_window_refresh (f->window);
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST) == 2);
  ak_ui_test_drain ();
  g_assert_cmpstr (delete_chosen_label (f), ==, "_Delete 3 Keys…");
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (f, chosen[i]))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (f, BRAVO))));

  /* One question, naming the three; they can all be restored, so nothing
   * has to be typed. */
  dialog = ask_delete_chosen (f);
  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==, "Delete 3 Keys?");
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "can be restored"));
  text = dialog_text (dialog);
  g_assert_nonnull (strstr (text, "CI deploy"));
  g_assert_nonnull (strstr (text, "Backups"));
  g_assert_nonnull (strstr (text, DELTA));
  g_assert_null (strstr (text, BRAVO));
  g_assert_null (confirm_entry (dialog));
  g_assert_cmpstr (ak_confirmation_get_default_response (dialog), ==, "cancel");
  answer_many (dialog, "_Delete 3 Keys");

  /* Selection mode ends with the question answered. */
  g_assert_false (ak_key_list_get_selection_mode (key_list (f)));
  g_assert_false (bar_revealed (f));
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    ak_ui_test_wait_for (store_key (f, chosen[i]) == NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    g_assert_false (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, chosen[i]));
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2, BRAVO));
  g_assert_nonnull (store_key (f, BRAVO));

  /* One toast for the three, with one Undo. */
  ak_ui_test_wait_for (toast_says (f, "3 keys deleted"));
  ak_ui_test_wait_for (ak_ui_test_toast_settled (GTK_WIDGET (f->window)));
  undo = ak_ui_test_toast_button (GTK_WIDGET (f->window));
  g_assert_nonnull (undo);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (undo)), ==, "_Undo");
  ak_ui_test_click (undo);

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    ak_ui_test_wait_for (store_key (f, chosen[i]) != NULL);
  ak_ui_test_wait_for (toast_says (f, "3 keys restored"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_RESTORE), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    g_assert_cmpstr (ak_test_provider_get_secret (f->provider, chosen[i]), ==,
                     g_ptr_array_index (secrets, i));
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 4);
}

/* Every outcome at once: one toast for what went, a list of what did not,
 * and Retry sends only the failed. */
static void
test_selection_outcomes (Fixture       *f,
                         gconstpointer  data)
{
  AkConfirmation *dialog;
  AkConfirmation *problems;
  g_autofree char *text = NULL;

  ak_ui_test_click_id (f->window, "select_button");
  ak_ui_test_wait_for (bar_revealed (f));
  ak_key_list_choose_all (key_list (f));
  g_assert_cmpstr (delete_chosen_label (f), ==, "_Delete 4 Keys…");

  /* Sent in the list's order: ALPHA, BRAVO, CHARLIE, DELTA. */
  ak_test_provider_push_result (f->provider, AK_TEST_CALL_DELETE, NULL);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NOT_FOUND);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_PERMISSION);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_DELETE, AK_ERROR_NETWORK);

  dialog = ask_delete_chosen (f);
  /* Without Restore, none of them comes back: the number is typed first. */
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "None of them can be restored"));
  g_assert_nonnull (confirm_entry (dialog));
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (confirm_entry (dialog)), "3");
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (confirm_entry (dialog)), " 4 ");
  g_assert_true (ak_confirmation_get_response_enabled (dialog, "delete"));
  answer_many (dialog, "_Delete 4 Keys");

  ak_ui_test_wait_for ((problems = ak_ui_test_find_confirmation ("2 Keys Were Not Deleted")) !=
                       NULL);
  text = ak_ui_test_collect_text (ak_confirmation_get_dialog (problems));
  g_assert_nonnull (strstr (text, "Access key " CHARLIE " was not deleted"));
  g_assert_nonnull (strstr (text, "Access key " DELTA " was not deleted: the server could not "
                                  "be reached"));
  g_assert_null (strstr (text, ALPHA));
  g_assert_null (strstr (text, BRAVO));
  ak_ui_test_wait_for (toast_says (f, "1 key deleted; the others were already deleted"));
  /* Nothing said key by key. */
  g_assert_false (toast_says (f, "Access key"));
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_nonnull (store_key (f, DELTA));

  /* Retry: DELTA only; CHARLIE was refused and stays refused. */
  answer_many (problems, "_Retry");
  ak_ui_test_wait_for (store_key (f, DELTA) == NULL);
  /* The toast counts what the Retry deleted, not ALPHA again. */
  ak_ui_test_wait_for (toast_says (f, "1 key deleted") &&
                       !toast_says (f, "the others were already deleted"));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 5);
  g_assert_cmpstr (ak_test_provider_get_deleted_id (f->provider, 4), ==, DELTA);
  ak_ui_test_wait_for (ak_ui_test_find_confirmation ("1 Key Was Not Deleted") != NULL);
  g_assert_nonnull (store_key (f, CHARLIE));
  g_assert_null (ak_ui_test_find_button (ak_confirmation_get_dialog (
                   ak_ui_test_find_confirmation ("1 Key Was Not Deleted")), "_Retry"));
}

/* The keyboard: Space ticks the focused row, Ctrl+A what the search shows,
 * Escape leaves the mode and unticks everything. */
static void
test_selection_keyboard (Fixture       *f,
                         gconstpointer  data)
{
  AkKeyList *list = key_list (f);
  AkKeyChoice *choice = ak_key_list_get_choice (list);
  GtkWidget *view = ak_ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_COLUMN_VIEW);

  /* Outside selection mode these keys do nothing of the kind. */
  focus_row (f, BRAVO);
  g_assert_false (press (f, "space"));
  g_assert_false (ak_ui_test_press_shortcut (GTK_WIDGET (list), "<Control>a"));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "selection-mode", NULL);
  ak_ui_test_wait_for (bar_revealed (f));
  focus_row (f, BRAVO);
  g_assert_true (press (f, "space"));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (f, BRAVO))));
  g_assert_true (press (f, "space"));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 0);

  /* Ctrl+A ticks the keys the search shows, not those it hides. */
  ak_key_list_set_search_text (list, "alice");
  ak_ui_test_wait_for (ak_key_list_get_n_shown (list) == 2);
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (list), "<Control>a"));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 2);
  g_assert_cmpstr (delete_chosen_label (f), ==, "_Delete 2 Keys…");

  /* Delete asks about the keys ticked, not the focused row alone. */
  focus_row (f, DELTA);
  g_assert_true (press (f, "Delete"));
  g_assert_cmpstr (ak_confirmation_get_heading (wait_for_delete_dialog ()), ==, "Delete 2 Keys?");
  answer_many (find_delete_dialog (), "_Cancel");
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_DELETE), ==, 0);

  /* Escape: first the search closes; the ticks stay. Then the mode ends. */
  gtk_widget_grab_focus (view);
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (list), "Escape"));
  g_assert_false (ak_key_list_get_search_mode_enabled (list));
  g_assert_true (ak_key_list_get_selection_mode (list));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 2);
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (list), "Escape"));
  g_assert_false (ak_key_list_get_selection_mode (list));
  g_assert_cmpuint (ak_key_choice_get_n_chosen (choice), ==, 0);
  ak_ui_test_wait_for (!bar_revealed (f));

  /* Escape with the focus outside the list (the header bar) too. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "selection-mode", NULL);
  g_assert_true (ak_key_list_get_selection_mode (list));
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (f->window), "Escape"));
  g_assert_false (ak_key_list_get_selection_mode (list));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* GTK's test accessibility backend, in place of run-headless.sh's "none",
   * so that the test can read what a screen reader would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ak_ui_test_init (&argc, &argv);
  _ak_session_watch_set_notify_func (notify_cb);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/delete/dialog-names-key", test_dialog_names_key, NULL);
  ADD ("/delete/unreadable-entries", test_unreadable_entries, NULL);
  ADD ("/delete/application-credential-wording", test_application_credential_wording, NULL);
  ADD ("/delete/restorable-wording", test_restorable_wording, NULL);
  ADD ("/delete/application-credential-not-restorable",
       test_application_credential_not_restorable, NULL);
  ADD ("/delete/no-word-split", test_no_word_split, NULL);
  ADD ("/delete/typed-name", test_typed_name, NULL);
  ADD ("/delete/typed-id", test_typed_id, NULL);
  ADD ("/delete/cancel-keeps-key", test_cancel_keeps_key, NULL);
  ADD ("/delete/keyboard", test_keyboard, NULL);
  ADD ("/delete/removes-key", test_delete_removes_key, NULL);
  ADD ("/delete/lost-answer", test_lost_answer, NULL);
  ADD ("/delete/undo", test_undo, NULL);
  ADD ("/delete/recently-deleted", test_recently_deleted, NULL);
  ADD ("/delete/after-resort-and-refresh", test_delete_after_resort_and_refresh, NULL);
  ADD ("/delete/one-request", test_one_request, NULL);
  ADD ("/delete/in-flight-survives-refresh", test_in_flight_survives_refresh, NULL);
  ADD ("/delete/stale-list", test_stale_list_does_not_bring_it_back, NULL);
  ADD ("/delete/not-found", test_not_found, NULL);
  ADD ("/delete/permission", test_permission, NULL);
  ADD ("/delete/network-retry", test_network_retry, NULL);
  ADD ("/delete/retry-after-switch", test_retry_after_switch, NULL);
  ADD ("/delete/delete-key-shortcut", test_delete_key_shortcut, NULL);
  ADD ("/delete/sign-in-credential", test_sign_in_credential, "appcred");
  ADD ("/delete/account-switch-drops-dialog", test_account_switch_drops_dialog, NULL);
  ADD ("/delete/close-window-delete-finishes", test_close_window_delete_finishes, NULL);
  ADD ("/delete/quit-asks-while-in-flight", test_quit_asks_while_in_flight, NULL);
  ADD ("/delete/quit-asks-about-restorable", test_quit_asks_about_restorable, NULL);
  ADD ("/delete/quit-quits", test_quit_quits, NULL);
  ADD ("/delete/quit-without-asking", test_quit_without_asking, NULL);
  ADD ("/delete/selection/deletes-chosen", test_selection_deletes_chosen, NULL);
  ADD ("/delete/selection/outcomes", test_selection_outcomes, NULL);
  ADD ("/delete/selection/keyboard", test_selection_keyboard, NULL);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
