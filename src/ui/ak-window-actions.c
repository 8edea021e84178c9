/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-a11y-private.h"
#include "ak-account-dialog.h"
#include "ak-create-dialog.h"
#include "ak-deleted-dialog.h"
#include "ak-error.h"
#include "ak-history-window.h"
#include "ak-replace-dialog.h"
#include "ak-key-export.h"
#include "ak-window-private.h"

/* The window's actions, and the delete flow they start. A delete always
 * travels by the key's identity (kind and ID): from the row's "key.delete"
 * action or the Delete key, through the confirmation dialog, to the session,
 * which sends it, looks the key up again when the answer comes and reports
 * the result (::key-result), which this file turns into a toast. */

static void
set_action_enabled (AkWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The Create buttons say why they do nothing when the account may create
 * no kind of key; otherwise they have their usual tooltip. */
static void
update_create_buttons (AkWindow *self,
                       gboolean  refused)
{
  GtkWidget *empty_button = GTK_WIDGET (self->empty_create_button);
  const char *reason = NULL;

  AkAccount *account = ak_account_session_get_account (self->session);

  if (refused && account != NULL &&
      ak_account_get_auth_kind (account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    reason = _("This account signs in with an application credential, which may not create "
               "keys. To create one, sign in with your user name and password.");
  else if (refused)
    reason = _("This account is not allowed to create keys.");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_button),
                               reason != NULL ? reason : _("Create Access Key"));
  gtk_widget_set_tooltip_text (empty_button, reason);

  if (reason != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->create_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (empty_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->create_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (empty_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

void
_ak_window_update_actions (AkWindow *self)
{
  AkAccountSessionState state = ak_account_session_get_state (self->session);
  gboolean has_account = ak_account_session_get_account (self->session) != NULL;
  gboolean keys = state == AK_ACCOUNT_SESSION_STATE_KEYS;
  gboolean empty = state == AK_ACCOUNT_SESSION_STATE_EMPTY;
  gboolean error = state == AK_ACCOUNT_SESSION_STATE_ERROR;
  gboolean loading = state == AK_ACCOUNT_SESSION_STATE_SIGNING_IN ||
                     state == AK_ACCOUNT_SESSION_STATE_LOADING;
  gboolean ready = ak_account_session_get_signed_in (self->session) &&
                   state != AK_ACCOUNT_SESSION_STATE_SIGNED_OUT;
  gboolean may_create =
    ready &&
    (ak_account_session_has_feature (self->session, AK_PROVIDER_FEATURE_CREATE_EC2) ||
     ak_account_session_has_feature (self->session, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));

  set_action_enabled (self, "refresh",
                      has_account &&
                      !ak_account_session_get_refreshing (self->session) &&
                      (keys || empty || error));
  set_action_enabled (self, "search", keys);
  set_action_enabled (self, "export", keys);
  set_action_enabled (self, "create-key", may_create && (keys || empty));
  set_action_enabled (self, "delete-key", ready && keys);
  set_action_enabled (self, "replace-key", may_create && keys);
  set_action_enabled (self, "retry-delete", ready);
  set_action_enabled (self, "cancel-loading",
                      loading || ak_account_session_get_loading_users (self->session));
  set_action_enabled (self, "retry", error);
  set_action_enabled (self, "sign-in-again", has_account);
  set_action_enabled (self, "show-recently-deleted",
                      ready && ak_account_session_has_feature (self->session,
                                                               AK_PROVIDER_FEATURE_RESTORE));

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), keys);
  _ak_window_update_selection (self);
  update_create_buttons (self, ready && !may_create);

  /* Without an account these have nothing to work on. */
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), has_account);
  gtk_widget_set_visible (GTK_WIDGET (self->select_button), has_account);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_account);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_stack), has_account);
}

static void
show_permission_message (AkWindow     *self,
                         AkKeyKind     kind,
                         const char   *id,
                         const GError *error)
{
  g_autofree char *body = NULL;
  g_autoptr(AkConfirmation) message = NULL;
  g_autoptr(AkKey) key = NULL;
  const char *heading;

  /* The key stays in the list, so its details can be shown as the question
   * showed them. */
  key = ak_account_session_find_key (self->session, kind, id);
  key = key != NULL ? g_object_ref (key) : ak_key_new (kind, id);

  if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    {
      heading = _("Credential Not Deleted");
      /* Translators: what follows says what permission is needed. */
      body = g_strdup_printf (_("This application credential was not deleted and still "
                                "works.\n\n%s"), error->message);
    }
  else
    {
      heading = _("Access Key Not Deleted");
      /* Translators: what follows says what permission is needed. */
      body = g_strdup_printf (_("This access key was not deleted and still works.\n\n%s"),
                              error->message);
    }

  message = ak_confirmation_new (heading, body);
  ak_confirmation_add_response (message, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_set_extra_child (message, ak_delete_dialog_new_details (key));
  ak_confirmation_choose_async (message, GTK_WIDGET (self), NULL, NULL, NULL);
}

static AdwToast *
new_toast (AkKeyResult *result)
{
  g_autofree char *message = ak_key_result_dup_message (result);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

/* The delete failed, but may work when tried again: the toast offers it. */
static void
offer_retry (AkWindow    *self,
             AdwToast    *toast,
             AkKeyResult *result)
{
  AkKey *key = ak_key_result_get_key (result);
  AkAccount *account = ak_account_session_get_account (self->session);

  /* The account too: the toast may outlive a switch to another account.
   * The target goes first: the toast may be on screen already. */
  adw_toast_set_action_target_value (toast,
                                     g_variant_new ("(uss)", (guint32) ak_key_get_kind (key),
                                                    ak_key_get_id (key),
                                                    account != NULL
                                                      ? ak_account_get_id (account) : ""));
  adw_toast_set_action_name (toast, "win.retry-delete");
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
}

/* The key can come back (an EC2 key whose secret the session kept): the
 * toast offers Undo for as long as it is shown. */
static void
offer_undo (AkWindow    *self,
            AdwToast    *toast,
            AkKeyResult *result)
{
  AkKey *key = ak_key_result_get_key (result);
  AkAccount *account = ak_account_session_get_account (self->session);
  AkDeletedKey *entry;

  entry = ak_account_session_find_deleted (self->session, ak_key_get_kind (key),
                                           ak_key_get_id (key));
  if (entry == NULL || !ak_deleted_key_get_restorable (entry) || account == NULL)
    return;

  adw_toast_set_action_target_value (toast,
                                     g_variant_new ("(uss)", (guint32) ak_key_get_kind (key),
                                                    ak_key_get_id (key),
                                                    ak_account_get_id (account)));
  adw_toast_set_action_name (toast, "win.restore-key");
  adw_toast_set_button_label (toast, _("_Undo"));
  /* An Undo queued behind other toasts would come too late to be of use. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
}

static void
key_toast_dismissed_cb (AkWindow *self,
                             AdwToast *toast)
{
  GHashTableIter iter;
  gpointer value;

  /* The window is going, and its toasts with it. */
  if (self->key_toasts == NULL)
    return;

  g_hash_table_iter_init (&iter, self->key_toasts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == toast)
      g_hash_table_iter_remove (&iter);
}

/**
 * _ak_window_show_key_result:
 * @self: an #AkWindow
 * @result: what became of a delete, restore or create
 *
 * Says it, in a toast (or, for a refusal, a message that says what is
 * needed). There is one toast per key: while a lost answer is settled it
 * says "checking", then what the server answered; after Undo, that the key
 * is back.
 */
void
_ak_window_show_key_result (AkWindow    *self,
                            AkKeyResult *result)
{
  AkKey *key = ak_key_result_get_key (result);
  g_autofree char *identity = ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));
  const GError *error = ak_key_result_get_error (result);
  AkKeyOutcome outcome = ak_key_result_get_outcome (result);
  AkKeyOperation operation = ak_key_result_get_operation (result);
  AdwToast *shown;
  AdwToast *toast;

  if (operation == AK_KEY_OPERATION_DELETE && outcome == AK_KEY_OUTCOME_NOT_ALLOWED)
    {
      show_permission_message (self, ak_key_get_kind (key), ak_key_get_id (key), error);
      return;
    }

  /* Refused sign-in: the session is signed out, and its page says so. */
  if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
    return;

  shown = g_hash_table_lookup (self->key_toasts, identity);
  if (shown != NULL)
    {
      g_autofree char *message = ak_key_result_dup_message (result);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      /* The same toast says what is true now; its old button goes. */
      toast = g_object_ref (shown);
      adw_toast_set_title (toast, escaped);
      adw_toast_set_button_label (toast, NULL);
      adw_toast_set_action_name (toast, NULL);
      adw_toast_set_action_target_value (toast, NULL);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_NORMAL);
      adw_toast_set_timeout (toast, 5);
    }
  else
    {
      toast = new_toast (result);
      g_hash_table_insert (self->key_toasts, g_strdup (identity), g_object_ref (toast));
      g_signal_connect_object (toast, "dismissed",
                               G_CALLBACK (key_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
    }

  if (operation == AK_KEY_OPERATION_DELETE && ak_key_result_can_retry (result))
    {
      offer_retry (self, toast, result);
    }
  else if (operation == AK_KEY_OPERATION_DELETE && outcome == AK_KEY_OUTCOME_DONE)
    {
      offer_undo (self, toast, result);
    }
  else if (outcome == AK_KEY_OUTCOME_UNKNOWN || outcome == AK_KEY_OUTCOME_SECRET_LOST)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      if (outcome == AK_KEY_OUTCOME_UNKNOWN)
        {
          adw_toast_set_action_name (toast, "win.refresh");
          adw_toast_set_button_label (toast, _("_Refresh"));
        }
    }
  else if (operation == AK_KEY_OPERATION_RESTORE)
    {
      /* The person is waiting for this one. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }

  /* Shown anew, or shown again with its timeout started afresh. */
  _ak_window_show_toast (self, toast);
}

/**
 * _ak_window_start_delete:
 * @self: an #AkWindow
 * @kind: the key's kind
 * @id: the key's ID
 * @fallback: (nullable): the key to send when the list no longer has it
 *
 * Has the session send the delete, unless one for the same key is on its
 * way already. The result comes back as the session's ::key-result.
 */
void
_ak_window_start_delete (AkWindow   *self,
                         AkKeyKind   kind,
                         const char *id,
                         AkKey      *fallback)
{
  if (!ak_account_session_get_signed_in (self->session) ||
      ak_account_session_is_deleting (self->session, kind, id))
    return;

  ak_account_session_delete_key_async (self->session, kind, id, fallback, NULL, NULL);
}

typedef struct
{
  GWeakRef  window;
  /* The key as the dialog showed it, for when the list no longer has it. */
  AkKey    *key;
} DeleteQuestion;

static void
delete_question_free (DeleteQuestion *question)
{
  g_weak_ref_clear (&question->window);
  g_clear_object (&question->key);
  g_free (question);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteQuestion, delete_question_free)

static void
delete_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DeleteQuestion) question = user_data;
  g_autoptr(AkWindow) self = g_weak_ref_get (&question->window);
  g_autofree char *response = NULL;

  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  if (self == NULL || g_strcmp0 (response, "delete") != 0)
    return;

  _ak_window_start_delete (self, ak_key_get_kind (question->key),
                           ak_key_get_id (question->key), question->key);
}

/* Asks whether to delete the key with this identity. */
void
_ak_window_request_delete (AkWindow   *self,
                           AkKeyKind   kind,
                           const char *id)
{
  g_autoptr(AkConfirmation) confirmation = NULL;
  DeleteQuestion *question;
  AkKey *key;

  key = ak_account_session_find_key (self->session, kind, id);
  if (key == NULL || ak_key_get_deleting (key) ||
      ak_account_session_is_deleting (self->session, kind, id))
    return;

  /* One question at a time: a second request shows the open dialog. */
  if (self->delete_dialog != NULL && ak_confirmation_present (self->delete_dialog))
    return;

  confirmation = ak_delete_dialog_new (key,
                                       ak_account_session_can_restore (self->session, kind, id),
                                       ak_account_session_is_sign_in_key (self->session,
                                                                          kind, id));
  question = g_new0 (DeleteQuestion, 1);
  g_weak_ref_init (&question->window, self);
  question->key = g_object_ref (key);
  g_set_weak_pointer (&self->delete_dialog, confirmation);
  ak_confirmation_choose_async (confirmation, GTK_WIDGET (self), NULL,
                                delete_chosen_cb, question);
}

static void
delete_key_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  guint32 kind;
  const char *id;

  g_variant_get (parameter, "(u&s)", &kind, &id);
  _ak_window_request_delete (self, kind, id);
}

static void
retry_delete_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  const char *account_id;
  guint32 kind;
  const char *id;

  /* The person confirmed this delete already; only the network failed. */
  AkAccount *account = ak_account_session_get_account (self->session);

  g_variant_get (parameter, "(u&s&s)", &kind, &id, &account_id);
  if (account != NULL && g_strcmp0 (ak_account_get_id (account), account_id) == 0)
    _ak_window_start_delete (self, kind, id, NULL);
}

static void
restore_key_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = ak_account_session_get_account (self->session);
  const char *account_id;
  guint32 kind;
  const char *id;

  /* Only for the account whose key it was: the toast may outlive a switch. */
  g_variant_get (parameter, "(u&s&s)", &kind, &id, &account_id);
  if (account != NULL && g_strcmp0 (ak_account_get_id (account), account_id) == 0)
    ak_account_session_restore_key_async (self->session, kind, id, NULL, NULL);
}

static void
show_recently_deleted_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkDeletedDialog *dialog;

  if (self->deleted_dialog != NULL)
    {
      gtk_window_present (self->deleted_dialog);
      return;
    }

  dialog = ak_deleted_dialog_new (GTK_WINDOW (self), self->session);
  g_set_weak_pointer (&self->deleted_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  guint n = ak_key_export_save_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    text = g_strdup (error->message);
  else
    /* Translators: after Export Keys…; %u is how many keys the file holds. */
    text = g_strdup_printf (ngettext ("Exported %u key", "Exported %u keys", n), n);

  escaped = g_markup_escape_text (text, -1);
  _ak_window_show_toast (self, adw_toast_new (escaped));
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = ak_account_session_get_account (self->session);

  /* What the list shows, after the filters and the search, in its order. */
  ak_key_export_save_async (GTK_WINDOW (self), ak_key_list_get_shown (self->key_list),
                            account != NULL ? ak_account_get_display_label (account) : NULL,
                            NULL, export_done_cb, g_object_ref (self));
}

static void
show_history_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  AkHistoryWindow *history_window;
  AkHistory *history;

  if (!AK_IS_APPLICATION (application))
    return;

  if (self->history_window != NULL)
    {
      gtk_window_present (self->history_window);
      return;
    }

  /* Every account's, not only the one shown. */
  history = ak_application_get_history (AK_APPLICATION (application));
  history_window = ak_history_window_new (GTK_WINDOW (self), history);
  g_set_weak_pointer (&self->history_window, GTK_WINDOW (history_window));
  gtk_window_present (GTK_WINDOW (history_window));
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ak_window_refresh (AK_WINDOW (user_data));
}

static void
retry_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ak_window_refresh (AK_WINDOW (user_data));
}

static void
cancel_loading_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ak_account_session_cancel_loading (AK_WINDOW (user_data)->session);
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);

  ak_key_list_focus_search (self->key_list);
}

static void
account_signed_in_cb (AkWindow        *self,
                      AkAccount       *account,
                      AkProvider      *provider,
                      AkAccountDialog *dialog)
{
  ak_window_set_account (self, account, provider);
}

static void
open_account_dialog (AkWindow   *self,
                     AkAccount  *account,
                     const char *reason)
{
  AkAccountStore *store = _ak_window_get_account_store (self);
  AkAccountDialog *dialog;

  if (store == NULL)
    return;

  if (self->account_dialog != NULL)
    {
      gtk_window_present (self->account_dialog);
      return;
    }

  dialog = ak_account_dialog_new (GTK_WINDOW (self), store, account);
  if (reason != NULL)
    ak_account_dialog_require_password (dialog, reason);
  g_signal_connect_object (dialog, "signed-in",
                           G_CALLBACK (account_signed_in_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->account_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_account_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  open_account_dialog (AK_WINDOW (user_data), NULL, NULL);
}

/* The saved account whose ID is an action's @parameter, if any. */
static AkAccount *
find_account (AkWindow *self,
              GVariant *parameter)
{
  AkAccountStore *store = _ak_window_get_account_store (self);

  if (store == NULL)
    return NULL;

  return ak_account_store_find (store, g_variant_get_string (parameter, NULL));
}

static void
edit_account_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = find_account (self, parameter);

  if (account != NULL)
    open_account_dialog (self, account, NULL);
}

static void
switch_account_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = find_account (self, parameter);

  if (account != NULL && account != ak_account_session_get_account (self->session))
    ak_window_set_account (self, account, NULL);
}

static void
sign_in_again_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = ak_account_session_get_account (self->session);
  const GError *error = ak_account_session_get_error (self->session);
  const char *reason = NULL;

  if (ak_account_session_get_state (self->session) == AK_ACCOUNT_SESSION_STATE_SIGNED_OUT &&
      error != NULL)
    reason = error->message;

  if (account != NULL)
    open_account_dialog (self, account, reason);
}

static void
key_created_cb (AkWindow       *self,
                AkKey          *key,
                AkCreateDialog *dialog)
{
  ak_window_add_key (self, key);

  /* Where the person will look for it when the dialog closes. */
  ak_key_list_reveal_key (self->key_list, key);
}

static void
create_key_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkCreateDialog *dialog;

  if (ak_account_session_get_provider (self->session) == NULL ||
      !ak_account_session_get_signed_in (self->session))
    return;

  /* The session creates the key, and lists it. */
  dialog = ak_create_dialog_new_for_session (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "created",
                           G_CALLBACK (key_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replace_created_cb (AkWindow        *self,
                    AkKey           *key,
                    AkReplaceDialog *dialog)
{
  ak_key_list_reveal_key (self->key_list, key);
}

static void
replace_delete_old_cb (AkWindow        *self,
                       AkKey           *old,
                       AkReplaceDialog *dialog)
{
  /* The same question, and the same Undo, as any delete. */
  _ak_window_request_delete (self, ak_key_get_kind (old), ak_key_get_id (old));
}

static void
replace_key_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkReplaceDialog *dialog;
  AkProviderFeatures needed;
  guint32 kind;
  const char *id;
  AkKey *key;

  g_variant_get (parameter, "(u&s)", &kind, &id);
  key = ak_account_session_find_key (self->session, kind, id);
  if (key == NULL || ak_key_get_deleting (key) ||
      !ak_account_session_get_signed_in (self->session))
    return;

  needed = kind == AK_KEY_KIND_APPLICATION_CREDENTIAL
             ? AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS
             : AK_PROVIDER_FEATURE_CREATE_EC2;
  if (!ak_account_session_has_feature (self->session, needed))
    {
      _ak_window_show_toast (self, adw_toast_new (_("This account is not allowed to create "
                                                    "keys of this kind.")));
      return;
    }

  dialog = ak_replace_dialog_new (GTK_WINDOW (self), self->session, key);
  g_signal_connect_object (dialog, "created",
                           G_CALLBACK (replace_created_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "delete-old",
                           G_CALLBACK (replace_delete_old_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Built when asked for and destroyed when closed, rather than GTK's
   * automatic gtk/help-overlay.ui: that one stays among the application's
   * toplevels, hidden, for as long as the window lives, and GTK 4.18's
   * accessibility root answers a screen reader that asks for a child past
   * the visible windows (a stale index while a dialog closes) with that
   * hidden window's unregistered object path: a critical, and no answer. */
  builder = gtk_builder_new_from_resource ("/io/github/accesskeys/AccessKeys/"
                                           "ak-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (shortcuts, TRUE);
  _ak_shortcuts_window_name_controls (shortcuts);
  gtk_window_present (shortcuts);
}

static void
key_scope_change_state (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  const char *scope = g_variant_get_string (value, NULL);

  if (!g_str_equal (scope, "mine") && !g_str_equal (scope, "all-users"))
    return;

  /* The window follows the setting (ak-window.c), so both stay in step. */
  g_settings_set_string (self->settings, "key-scope", scope);
}

void
_ak_window_sync_key_scope (AkWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "key-scope");
  g_autofree char *scope = g_settings_get_string (self->settings, "key-scope");

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (scope));
}

static const GActionEntry win_entries[] = {
  { "refresh", refresh_action },
  { "retry", retry_action },
  { "cancel-loading", cancel_loading_action },
  { "search", search_action },
  { "add-account", add_account_action },
  { "edit-account", edit_account_action, "s" },
  { "switch-account", switch_account_action, "s" },
  { "sign-in-again", sign_in_again_action },
  { "create-key", create_key_action },
  { "delete-key", delete_key_action, "(us)" },
  { "replace-key", replace_key_action, "(us)" },
  { "retry-delete", retry_delete_action, "(uss)" },
  { "restore-key", restore_key_action, "(uss)" },
  { "show-recently-deleted", show_recently_deleted_action },
  { "show-history", show_history_action },
  { "export", export_action },
  { "show-help-overlay", show_help_overlay_action },
  { "key-scope", NULL, "s", "'mine'", key_scope_change_state },
};

void
_ak_window_add_actions (AkWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  /* The Sort menu: what a click on a column title does, from the keyboard. */
  {
    const char *sort_properties[] = { "sort-column", "sort-descending" };

    for (guint i = 0; i < G_N_ELEMENTS (sort_properties); i++)
      {
        g_autoptr(GPropertyAction) action = NULL;

        action = g_property_action_new (sort_properties[i], self->key_list,
                                        sort_properties[i]);
        g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
      }
  }

  /* "My Keys / All Users" shows the setting. A GSettings action would do,
   * but it outlives a closed window through the settings' signal and then
   * notifies the window's freed action group. */
  _ak_window_sync_key_scope (self);
}
