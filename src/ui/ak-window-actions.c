/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-account-dialog.h"
#include "ak-create-dialog.h"
#include "ak-error.h"
#include "ak-window-private.h"

/* The window's actions, and the delete flow they start. A delete always
 * travels by the key's identity (kind and ID): from the row's "key.delete"
 * action or the Delete key, through the confirmation dialog, to the
 * provider, and back to the store, where the key is looked up again when the
 * answer comes, since the list may have been re-sorted or refreshed with new
 * objects meanwhile. */

/* The window is held weakly, as for a list (see ak-window.c). */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  AkKeyKind     kind;
  char         *id;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_weak_ref_clear (&data->self);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->id, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

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

  if (refused && self->account != NULL &&
      ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
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
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  gboolean keys = g_strcmp0 (state, "keys") == 0;
  gboolean empty = g_strcmp0 (state, "empty") == 0;
  gboolean ready = self->provider != NULL && self->signed_in;
  gboolean may_create = ready &&
                        (ak_provider_has_feature (self->provider,
                                                  AK_PROVIDER_FEATURE_CREATE_EC2) ||
                         ak_provider_has_feature (self->provider,
                                                  AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS));

  set_action_enabled (self, "refresh",
                      self->account != NULL &&
                      !self->refreshing &&
                      (keys || empty || g_strcmp0 (state, "error") == 0));
  set_action_enabled (self, "search", keys);
  set_action_enabled (self, "create-key", may_create && (keys || empty));
  set_action_enabled (self, "delete-key", ready && keys);
  set_action_enabled (self, "retry-delete", ready);
  set_action_enabled (self, "cancel-loading", g_strcmp0 (state, "loading") == 0);
  set_action_enabled (self, "retry", g_strcmp0 (state, "error") == 0);
  set_action_enabled (self, "sign-in-again", self->account != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), keys);
  update_create_buttons (self, ready && !may_create);

  /* Without an account these have nothing to work on. */
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), self->account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), self->account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_stack), self->account != NULL);
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
  key = _ak_window_find_key (self, kind, id, NULL);
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

/* Why a delete failed, as a toast's title: one whole sentence per kind of
 * key and per cause. */
static char *
retry_title (AkKeyKind     kind,
             const char   *id,
             const GError *error)
{
  gboolean app_cred = kind == AK_KEY_KIND_APPLICATION_CREDENTIAL;

  if (g_error_matches (error, AK_ERROR, AK_ERROR_NETWORK) ||
      g_error_matches (error, AK_ERROR, AK_ERROR_TLS))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server could "
                                  "not be reached"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server could not be "
                                "reached"), id);
    }

  if (g_error_matches (error, AK_ERROR, AK_ERROR_TIMEOUT))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server did "
                                  "not answer in time"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server did not answer "
                                "in time"), id);
    }

  if (g_error_matches (error, AK_ERROR, AK_ERROR_SERVER))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server had a "
                                  "problem"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server had a problem"), id);
    }

  if (app_cred)
    /* Translators: %s is an application credential's ID. */
    return g_strdup_printf (_("Application credential %s was not deleted"), id);
  /* Translators: %s is a key ID. */
  return g_strdup_printf (_("Access key %s was not deleted"), id);
}

static void
show_retry_toast (AkWindow     *self,
                  AkKeyKind     kind,
                  const char   *id,
                  const GError *error)
{
  g_autofree char *title = retry_title (kind, id, error);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_action_name (toast, "win.retry-delete");
  /* The account too: the toast may outlive a switch to another account. */
  adw_toast_set_action_target_value (toast, g_variant_new ("(uss)", (guint32) kind, id,
                                                           ak_account_get_id (self->account)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  _ak_window_show_toast (self, toast);
}

static void
show_deleted_toast (AkWindow   *self,
                    AkKeyKind   kind,
                    const char *id,
                    gboolean    already)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL && already)
    /* Translators: %s is an application credential's ID. Said when the
     * server no longer had it, so there was nothing left to delete. */
    title = g_strdup_printf (_("Application credential %s was already deleted"), id);
  else if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    /* Translators: %s is an application credential's ID. */
    title = g_strdup_printf (_("Application credential %s deleted"), id);
  else if (already)
    /* Translators: %s is a key ID. Said when the server no longer had the
     * key, so there was nothing left to delete. */
    title = g_strdup_printf (_("Access key %s was already deleted"), id);
  else
    /* Translators: %s is a key ID. */
    title = g_strdup_printf (_("Access key %s deleted"), id);

  escaped = g_markup_escape_text (title, -1);
  _ak_window_show_toast (self, adw_toast_new (escaped));
}

static void
delete_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *identity = NULL;
  g_autoptr(AkWindow) self = NULL;
  gboolean deleted;
  AkKey *key;
  guint position = 0;

  deleted = ak_provider_delete_key_finish (AK_PROVIDER (object), result, &error);

  /* The account was switched or the window closed: nothing here to update. */
  self = g_weak_ref_get (&data->self);
  if (self == NULL || g_cancellable_is_cancelled (data->cancellable))
    return;

  identity = _ak_window_key_identity (data->kind, data->id);
  g_hash_table_remove (self->deleting, identity);

  /* Whatever object the list holds for the key now. */
  key = _ak_window_find_key (self, data->kind, data->id, &position);

  if (deleted || g_error_matches (error, AK_ERROR, AK_ERROR_NOT_FOUND))
    {
      if (key != NULL)
        g_list_store_remove (self->keys, position);

      /* A list that started before now may still name the key: hide it. */
      g_hash_table_insert (self->deleted, g_steal_pointer (&identity),
                           GUINT_TO_POINTER (self->load_serial));

      show_deleted_toast (self, data->kind, data->id, !deleted);

      if (_ak_window_is_sign_in_key (self, data->kind, data->id))
        _ak_window_show_signed_out (self,
                                    _("The application credential this app signed in "
                                      "with was deleted, so the app is signed out. Sign "
                                      "in again with your password or another "
                                      "application credential."));
      else if (g_list_model_get_n_items (G_LIST_MODEL (self->keys)) == 0 &&
               g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "keys") == 0)
        _ak_window_set_state (self, "empty");

      return;
    }

  if (key != NULL)
    ak_key_set_deleting (key, FALSE);

  if (g_error_matches (error, AK_ERROR, AK_ERROR_PERMISSION))
    show_permission_message (self, data->kind, data->id, error);
  else if (g_error_matches (error, AK_ERROR, AK_ERROR_AUTH))
    _ak_window_show_sign_in_refused (self);
  else
    show_retry_toast (self, data->kind, data->id, error);
}

/**
 * _ak_window_start_delete:
 * @self: an #AkWindow
 * @kind: the key's kind
 * @id: the key's ID
 * @fallback: (nullable): the key to send when the list no longer has it
 *
 * Sends the delete, unless one for the same key is already on its way.
 */
void
_ak_window_start_delete (AkWindow   *self,
                         AkKeyKind   kind,
                         const char *id,
                         AkKey      *fallback)
{
  g_autofree char *identity = _ak_window_key_identity (kind, id);
  DeleteData *data;
  AkKey *key;

  if (self->provider == NULL || !self->signed_in)
    return;

  /* One request per key, however often it is asked for. */
  if (g_hash_table_contains (self->deleting, identity))
    return;

  key = _ak_window_find_key (self, kind, id, NULL);
  if (key == NULL)
    key = fallback;
  if (key == NULL)
    return;

  ak_key_set_deleting (key, TRUE);
  g_hash_table_add (self->deleting, g_steal_pointer (&identity));

  data = g_new0 (DeleteData, 1);
  g_weak_ref_init (&data->self, self);
  data->cancellable = g_object_ref (self->cancellable);
  data->kind = kind;
  data->id = g_strdup (id);

  ak_provider_delete_key_async (self->provider, key, self->cancellable, delete_key_cb, data);
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
  g_autofree char *identity = _ak_window_key_identity (kind, id);
  g_autoptr(AkConfirmation) confirmation = NULL;
  DeleteQuestion *question;
  AkKey *key;

  key = _ak_window_find_key (self, kind, id, NULL);
  if (key == NULL || ak_key_get_deleting (key) ||
      g_hash_table_contains (self->deleting, identity))
    return;

  /* One question at a time: a second request shows the open dialog. */
  if (self->delete_dialog != NULL && ak_confirmation_present (self->delete_dialog))
    return;

  confirmation = ak_delete_dialog_new (key, _ak_window_is_sign_in_key (self, kind, id));
  question = g_new0 (DeleteQuestion, 1);
  g_weak_ref_init (&question->window, self);
  question->key = g_object_ref (key);
  g_set_weak_pointer (&self->delete_dialog, confirmation);
  /* Switching account or closing the window withdraws the question. */
  ak_confirmation_choose_async (confirmation, GTK_WIDGET (self), self->cancellable,
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
  g_variant_get (parameter, "(u&s&s)", &kind, &id, &account_id);
  if (self->account != NULL && g_strcmp0 (ak_account_get_id (self->account), account_id) == 0)
    _ak_window_start_delete (self, kind, id, NULL);
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
  _ak_window_cancel_loading (AK_WINDOW (user_data));
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

  if (account != NULL && account != self->account)
    ak_window_set_account (self, account, NULL);
}

static void
sign_in_again_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);

  if (self->account != NULL)
    open_account_dialog (self, self->account, self->signed_out_reason);
}

static void
key_created_cb (AkWindow       *self,
                AkKey          *key,
                AkCreateDialog *dialog)
{
  ak_window_add_key (self, key);
}

static void
create_key_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkCreateDialog *dialog;

  if (self->provider == NULL || !self->signed_in)
    return;

  dialog = ak_create_dialog_new (GTK_WINDOW (self), self->provider);
  g_signal_connect_object (dialog, "created",
                           G_CALLBACK (key_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
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
  { "retry-delete", retry_delete_action, "(uss)" },
  { "key-scope", NULL, "s", "'mine'", key_scope_change_state },
};

void
_ak_window_add_actions (AkWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  /* "My Keys / All Users" shows the setting. A GSettings action would do,
   * but it outlives a closed window through the settings' signal and then
   * notifies the window's freed action group. */
  _ak_window_sync_key_scope (self);
}
